package by.butb.sim.agents;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The open lot auctions, as the engine's events announce them, in offer order. Single-threaded. */
final class LotBoard
{
    /** An open lot: its id, seller, instrument, start price, bid step, close, and the best bid so far (0: none). */
    static final class Lot
    {
        final long lotId;
        final int owner;
        final int instrument;
        final long startPrice;
        final long bidStep;
        final long closeNanos;
        long bestBid;

        Lot(final long lotId, final int owner, final int instrument, final long startPrice, final long bidStep,
            final long closeNanos)
        {
            this.lotId = lotId;
            this.owner = owner;
            this.instrument = instrument;
            this.startPrice = startPrice;
            this.bidStep = bidStep;
            this.closeNanos = closeNanos;
        }

        /** The least a new bid must offer. */
        long minimumBid()
        {
            return bestBid == 0 ? startPrice : bestBid + bidStep;
        }
    }

    private final Map<Long, Lot> open = new HashMap<>();
    private final Map<Integer, Map<Long, Lot>> byInstrument = new HashMap<>();

    void offered(final Lot lot)
    {
        open.put(lot.lotId, lot);
        byInstrument.computeIfAbsent(lot.instrument, k -> new LinkedHashMap<>()).put(lot.lotId, lot);
    }

    Lot get(final long lotId)
    {
        return open.get(lotId);
    }

    void closed(final long lotId)
    {
        final Lot lot = open.remove(lotId);
        if (lot != null)
        {
            byInstrument.get(lot.instrument).remove(lotId);
        }
    }

    /** The open lots of an instrument, in offer order (a live view: not to be kept across commands). */
    Collection<Lot> of(final int instrument)
    {
        final Map<Long, Lot> lots = byInstrument.get(instrument);
        return lots == null ? List.of() : lots.values();
    }

    void clear()
    {
        open.clear();
        byInstrument.clear();
    }
}
