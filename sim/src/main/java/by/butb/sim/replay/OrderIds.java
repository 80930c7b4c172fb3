package by.butb.sim.replay;

import by.butb.engine.core.Command;
import by.butb.engine.model.Side;

import java.util.Arrays;
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
 * may be called from the engine's thread at the same time, for ids of commands the reading thread has published
 * to the engine's ring since it assigned them (the ring's publication makes the assignment visible).
 */
public final class OrderIds
{
    private final Map<String, Owner> owners = new ConcurrentHashMap<>();

    /** The number of {@code orderId} for {@code owner}, assigned now if the owner never used that string. */
    public long idOf(final String owner, final String orderId)
    {
        final Owner o = owner(owner);
        final Long known = o.ids.get(orderId);
        if (known != null)
        {
            return known;
        }
        final int id = o.next;
        o.ensureRoom(id);
        o.names[id] = orderId;
        o.instruments[id] = Command.UNKNOWN;
        o.ids.put(orderId, (long)id);
        o.next = id + 1;
        return id;
    }

    /** The order id string behind {@code id} for {@code owner}, or null when there is none. */
    public String nameOf(final String owner, final long id)
    {
        final Owner o = owners.get(owner);
        if (o == null || id <= 0)
        {
            return null;
        }
        final String[] known = o.names;
        return id < known.length ? known[(int)id] : null;
    }

    /** Remembers the instrument an order id was last used with (to read the prices of a later REPLACE). */
    public void setInstrument(final String owner, final long id, final int instrument)
    {
        final Owner o = owner(owner);
        if (o.holds(id))
        {
            o.instruments[(int)id] = instrument;
            o.lotSides[(int)id] = null;
        }
    }

    /** Remembers that an order id was last used for a lot offered on {@code side} (after {@link #setInstrument}). */
    public void setLotSide(final String owner, final long id, final Side side)
    {
        final Owner o = owner(owner);
        if (o.holds(id))
        {
            o.lotSides[(int)id] = side;
        }
    }

    /** The side of the lot an order id was last used for, or null when it was last used for something else. */
    public Side lotSideOf(final String owner, final long id)
    {
        final Owner o = owners.get(owner);
        return o == null || !o.holds(id) ? null : o.lotSides[(int)id];
    }

    /** The instrument an order id was last used with, or {@link Command#UNKNOWN}. */
    public int instrumentOf(final String owner, final long id)
    {
        final Owner o = owners.get(owner);
        return o == null || !o.holds(id) ? Command.UNKNOWN : o.instruments[(int)id];
    }

    private Owner owner(final String owner)
    {
        final Owner known = owners.get(owner);
        return known != null ? known : owners.computeIfAbsent(owner, k -> new Owner());
    }

    /** One owner's ids, numbered 1, 2, ... in the order first used; per number its string, instrument, lot side. */
    private static final class Owner
    {
        final Map<String, Long> ids = new HashMap<>();
        /** Volatile: a grown array is read by the engine's thread only after its copied contents are written. */
        volatile String[] names = new String[16];
        int[] instruments = new int[16];
        Side[] lotSides = new Side[16];
        int next = 1;

        boolean holds(final long id)
        {
            return id > 0 && id < next;
        }

        void ensureRoom(final int id)
        {
            if (id == Integer.MAX_VALUE)
            {
                throw new IllegalStateException("more than " + (Integer.MAX_VALUE - 1) + " order ids for one owner");
            }
            if (id >= names.length)
            {
                final int length = (int)Math.min(Integer.MAX_VALUE, names.length * 2L);
                names = Arrays.copyOf(names, length);
                instruments = Arrays.copyOf(instruments, length);
                lotSides = Arrays.copyOf(lotSides, length);
            }
        }
    }
}
