package by.butb.sim.replay;

import by.butb.engine.core.Command;
import by.butb.engine.model.Side;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The participants' own order ids (strings in the order file) and the engine's {@code long} client order ids.
 *
 * <p>Each beneficial owner (the broker's client, or the participant itself) has its own numbering: the first order
 * id string an owner uses becomes 1, the next new one 2, and so on; a string keeps its number for the whole run,
 * so an id may be used again once its order has ended. Owners are keyed by the id string written in the file, so
 * names the catalog does not know still get numbers (the engine then rejects their orders).
 *
 * <p>Threading: {@link #idOf} and the instrument methods are called by the reading thread only; {@link #nameOf}
 * may be called from the engine's thread at the same time (it reads concurrent maps).
 */
public final class OrderIds
{
    private final Map<String, Owner> owners = new ConcurrentHashMap<>();

    /** The number of {@code orderId} for {@code owner}, assigned now if the owner never used that string. */
    public long idOf(final String owner, final String orderId)
    {
        final Owner o = owners.computeIfAbsent(owner, k -> new Owner());
        final Long known = o.ids.get(orderId);
        if (known != null)
        {
            return known;
        }
        final long id = o.next++;
        o.ids.put(orderId, id);
        o.names.put(id, orderId);
        return id;
    }

    /** The order id string behind {@code id} for {@code owner}, or null when there is none. */
    public String nameOf(final String owner, final long id)
    {
        final Owner o = owners.get(owner);
        return o == null ? null : o.names.get(id);
    }

    /** Remembers the instrument an order id was last used with (to read the prices of a later REPLACE). */
    public void setInstrument(final String owner, final long id, final int instrument)
    {
        final Owner o = owners.computeIfAbsent(owner, k -> new Owner());
        o.instruments.put(id, instrument);
        o.lotSides.remove(id);
    }

    /** Remembers that an order id was last used for a lot offered on {@code side} (after {@link #setInstrument}). */
    public void setLotSide(final String owner, final long id, final Side side)
    {
        owners.computeIfAbsent(owner, k -> new Owner()).lotSides.put(id, side);
    }

    /** The side of the lot an order id was last used for, or null when it was last used for something else. */
    public Side lotSideOf(final String owner, final long id)
    {
        final Owner o = owners.get(owner);
        return o == null ? null : o.lotSides.get(id);
    }

    /** The instrument an order id was last used with, or {@link Command#UNKNOWN}. */
    public int instrumentOf(final String owner, final long id)
    {
        final Owner o = owners.get(owner);
        if (o == null)
        {
            return Command.UNKNOWN;
        }
        return o.instruments.getOrDefault(id, Command.UNKNOWN);
    }

    private static final class Owner
    {
        final Map<String, Long> ids = new HashMap<>();
        final Map<Long, String> names = new ConcurrentHashMap<>();
        final Map<Long, Integer> instruments = new HashMap<>();
        final Map<Long, Side> lotSides = new HashMap<>();
        long next = 1;
    }
}
