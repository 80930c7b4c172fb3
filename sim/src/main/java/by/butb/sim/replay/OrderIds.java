package by.butb.sim.replay;

import by.butb.engine.core.Command;
import by.butb.engine.model.Side;

import java.util.Arrays;
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
        return owner(owner).idOf(orderId);
    }

    /** The order id string behind {@code id} for {@code owner}, or null when there is none. */
    public String nameOf(final String owner, final long id)
    {
        final Owner o = owners.get(owner);
        return o == null || id <= 0 ? null : o.nameOf(id);
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

    /**
     * One owner's ids, numbered 1, 2, ... in the order first used. The strings' characters lie one after another in
     * {@link #chars}; per number, {@link #spans} holds where (start, length), {@link #instruments} the instrument and
     * {@link #lotSides} the lot side. An open-addressing {@link #table} finds a string's number: each entry is the
     * string's hash in the high half and its number in the low half, 0 when free. No object per id.
     */
    private static final class Owner
    {
        /** Volatile: a grown array is read by the engine's thread only after its copied contents are written. */
        volatile char[] chars = new char[256];
        /** Per number: start in {@link #chars} (high half) and length + 1 (low half); 0 for a number not used. */
        volatile long[] spans = new long[16];
        int[] instruments = new int[16];
        Side[] lotSides = new Side[16];
        long[] table = new long[64];
        int used;
        int next = 1;

        boolean holds(final long id)
        {
            return id > 0 && id < next;
        }

        long idOf(final String orderId)
        {
            final int hash = orderId.hashCode();
            final long[] t = table;
            final int mask = t.length - 1;
            for (int i = slot(hash, mask); ; i = i + 1 & mask)
            {
                final long entry = t[i];
                if (entry == 0)
                {
                    return add(orderId, hash, i);
                }
                if ((int)(entry >>> 32) == hash && matches((int)entry, orderId))
                {
                    return (int)entry;
                }
            }
        }

        String nameOf(final long id)
        {
            final long[] s = spans;
            if (id >= s.length || s[(int)id] == 0)
            {
                return null;
            }
            final long span = s[(int)id];
            return new String(chars, (int)(span >>> 32), (int)span - 1);
        }

        private boolean matches(final int id, final String orderId)
        {
            final long span = spans[id];
            final int length = (int)span - 1;
            if (length != orderId.length())
            {
                return false;
            }
            final char[] c = chars;
            final int start = (int)(span >>> 32);
            for (int i = 0; i < length; i++)
            {
                if (c[start + i] != orderId.charAt(i))
                {
                    return false;
                }
            }
            return true;
        }

        private int add(final String orderId, final int hash, final int slot)
        {
            final int id = next;
            final int length = orderId.length();
            ensureRoom(id, length);
            final char[] c = chars;
            orderId.getChars(0, length, c, used);
            spans[id] = (long)used << 32 | length + 1;
            used += length;
            instruments[id] = Command.UNKNOWN;
            table[slot] = (long)hash << 32 | id;
            next = id + 1;
            if (2L * next > table.length)
            {
                rehash();
            }
            return id;
        }

        private void ensureRoom(final int id, final int length)
        {
            if (id == Integer.MAX_VALUE || (long)used + length > Integer.MAX_VALUE - 8 || table.length >= 1 << 30)
            {
                throw new IllegalStateException("too many order ids for one owner (" + (id - 1) + ")");
            }
            if (used + length > chars.length)
            {
                chars = Arrays.copyOf(chars, (int)Math.min(Integer.MAX_VALUE - 8, Math.max(used + length,
                    2L * chars.length)));
            }
            if (id >= spans.length)
            {
                final int size = (int)Math.min(Integer.MAX_VALUE, spans.length * 2L);
                spans = Arrays.copyOf(spans, size);
                instruments = Arrays.copyOf(instruments, size);
                lotSides = Arrays.copyOf(lotSides, size);
            }
        }

        private void rehash()
        {
            final long[] bigger = new long[table.length * 2];
            final int mask = bigger.length - 1;
            for (final long entry : table)
            {
                if (entry != 0)
                {
                    int i = slot((int)(entry >>> 32), mask);
                    while (bigger[i] != 0)
                    {
                        i = i + 1 & mask;
                    }
                    bigger[i] = entry;
                }
            }
            table = bigger;
        }

        private static int slot(final int hash, final int mask)
        {
            final int mixed = hash * 0x9E3779B9;
            return (mixed ^ mixed >>> 16) & mask;
        }
    }
}
