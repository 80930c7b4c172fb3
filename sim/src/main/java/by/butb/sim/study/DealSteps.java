package by.butb.sim.study;

import by.butb.engine.model.Instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Writes the steps of one planned deal to the plan's sink, in the order of their indexes, each once complete: an
 * exchange deal (a seller's and a buyer's orders that cross, the buyer sometimes bidding low and raising its bid),
 * an address deal (an offer to a named buyer and its take ten minutes later) or a lot auction (the lot, bids
 * climbing to the deal's price, the close). The first step of a deal is its earliest. Single-threaded; the random
 * choices come from the flow's own generator.
 */
final class DealSteps
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Consumer<Step> sink;
    /** The step written last; it goes to the sink when the next one starts or the deal ends (it is filled in). */
    private Step pending;

    /** With {@code reuse}, one step object is filled again for every step (the sink must copy what it keeps). */
    private final Step reused;

    DealSteps(final Consumer<Step> sink, final boolean reuse)
    {
        this.sink = sink;
        this.reused = reuse ? new Step() : null;
    }

    private Step step(final int deal, final int index, final long time, final byte kind)
    {
        flush();
        final Step s = reused != null ? reused : new Step();
        s.clear();
        s.deal = deal;
        s.index = index;
        s.time = time;
        s.kind = kind;
        pending = s;
        return s;
    }

    /** Gives the last step written to the sink (each deal ends with it). */
    private void flush()
    {
        if (pending != null)
        {
            sink.accept(pending);
            pending = null;
        }
    }

    void exchangeDeal(final SplittableRandom rng, final Instrument instrument, final int deal, final long time,
        final int seller, final int buyer, final int broker, final long size, final long price, final double resting)
    {
        final boolean bidFirst = rng.nextDouble() < resting;
        int index = 0;
        if (!bidFirst)
        {
            order(step(deal, index++, time, Step.NEW), instrument, Step.ROLE_SELL, seller, -1, true, false, price,
                size);
            order(step(deal, index, time, Step.NEW), instrument, Step.ROLE_BUY, broker >= 0 ? broker : buyer,
                broker >= 0 ? buyer : -1, false, true, price, size);
            flush();
            return;
        }
        // The buyer bids first, sometimes below the price, then raises its bid (REPLACE); the seller hits it.
        final long steps = rng.nextInt(4);
        final long low = Math.max(instrument.lowPrice(), price - steps * instrument.priceStep());
        order(step(deal, index++, time, Step.NEW), instrument, Step.ROLE_BUY, broker >= 0 ? broker : buyer,
            broker >= 0 ? buyer : -1, false, false, low, size);
        if (low != price)
        {
            final Step r = step(deal, index++, time, Step.REPLACE);
            r.role = Step.ROLE_BUY;
            r.submitter = broker >= 0 ? broker : buyer;
            r.owner = broker >= 0 ? buyer : -1;
            r.instrument = instrument.index();
            r.price = price;
            r.quantity = size;
        }
        order(step(deal, index, time, Step.NEW), instrument, Step.ROLE_SELL, seller, -1, true, false, price, size);
        flush();
    }

    private static void order(final Step s, final Instrument instrument, final byte role, final int submitter,
        final int owner, final boolean sell, final boolean ioc, final long price, final long size)
    {
        s.role = role;
        s.submitter = submitter;
        s.owner = owner;
        s.sell = sell;
        s.ioc = ioc;
        s.instrument = instrument.index();
        s.price = price;
        s.quantity = size;
    }

    void addressDeal(final Instrument instrument, final int deal, final long time, final int seller,
        final int buyer, final long size, final long price)
    {
        final Step offer = step(deal, 0, time, Step.NEW);
        order(offer, instrument, Step.ROLE_SELL, seller, -1, true, false, price, size);
        offer.counterparty = buyer;
        final Step take = step(deal, 1, time + 10 * 60 * NANOS_PER_SECOND, Step.NEW);
        order(take, instrument, Step.ROLE_BUY, buyer, -1, false, false, price, size);
        take.counterparty = seller;
        flush();
    }

    /**
     * A lot auction: the seller's lot with bids climbing to {@code finalPrice} (ascending), or with {@code buyLot}
     * the buyer's lot (a reverse auction, import trading) with offers falling to it. {@code owner} offers the lot,
     * {@code pool} are the participants who may bid on it.
     */
    void lotDeal(final SplittableRandom rng, final Instrument instrument, final int deal, final long time,
        final int owner, final List<Integer> pool, final long size, final long finalPrice,
        final Scenario.Arrival arrival, final boolean buyLot)
    {
        final long direction = buyLot ? -1 : 1;
        final long bidStep = arrival.bidStep() == null ? instrument.priceStep() * 2 :
            arrival.bidStep().movePointRight(instrument.priceScale()).longValueExact();
        final int maxBids = Math.max(1, Math.min(6, arrival.lotMinutes() / arrival.bidGapMinutes() - 1));
        final List<Integer> bidders = new ArrayList<>();
        final int wanted = 1 + rng.nextInt(Math.min(arrival.maxBidders(), pool.size()));
        while (bidders.size() < wanted)
        {
            final int b = pool.get(rng.nextInt(pool.size()));
            if (!bidders.contains(b))
            {
                bidders.add(b);
            }
        }
        int bids = bidders.size() == 1 ? 1 : Math.min(maxBids, bidders.size() + rng.nextInt(3));
        long increments = bids - 1 + (bids > 1 ? rng.nextInt(bids + 1) : 0);
        while (increments > 0 && (finalPrice - direction * increments * bidStep < instrument.lowPrice() ||
            finalPrice - direction * increments * bidStep > instrument.highPrice()))
        {
            increments--;
        }
        bids = (int)Math.min(bids, increments + 1);
        final long start = finalPrice - direction * increments * bidStep;
        final long close = time + arrival.lotMinutes() * 60L * NANOS_PER_SECOND;
        final Step offer = step(deal, 0, time, Step.LOT_OFFER);
        offer.role = Step.ROLE_LOT;
        offer.submitter = owner;
        offer.sell = !buyLot;
        offer.instrument = instrument.index();
        offer.price = start;
        offer.quantity = size;
        offer.bidStep = bidStep;
        offer.closeTime = close;
        // Bid prices climb (fall, on a buyer's lot) from the start price to the final one; the extra increments
        // fall on random bids.
        final long[] raise = new long[bids];
        for (int i = 1; i < bids; i++)
        {
            raise[i] = 1;
        }
        for (long extra = increments - (bids - 1); extra > 0; extra--)
        {
            raise[1 + rng.nextInt(bids - 1)]++;
        }
        long price = start;
        for (int i = 0; i < bids; i++)
        {
            price += direction * raise[i] * bidStep;
            final Step bid = step(deal, i + 1, time + (i + 1L) * arrival.bidGapMinutes() * 60 * NANOS_PER_SECOND,
                Step.LOT_BID);
            bid.role = Step.ROLE_BID;
            bid.sell = buyLot;
            bid.submitter = bidders.get((bidders.size() - 1 - (bids - 1 - i) % bidders.size() +
                bidders.size()) % bidders.size());
            bid.counterparty = owner;
            bid.instrument = instrument.index();
            bid.price = price;
        }
        step(deal, 99, close, Step.CLOCK);
        flush();
    }
}
