package by.butb.sim.replay;

import by.butb.engine.core.Command;
import by.butb.engine.model.Side;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One beneficial owner's order ids, numbered 1, 2, ... in the order first used (see {@link OrderIds}).
 *
 * <p>The ids' UTF-8 bytes lie one after another in {@link #bytes}; per number, {@link #spans} holds where (start,
 * length), {@link #instruments} the instrument and {@link #lotSides} the lot side. An open-addressing
 * {@link #table} finds an id's number: each entry is two words, the id's {@link #hash} in the high half of the first
 * and its number in the low half (0 when free), and in the second its length and first bytes ({@link #key}), so
 * that an id of up to {@link #INLINE} bytes is found in the table alone, without reading its bytes elsewhere. No
 * object per id, so a million ids are a few arrays the collector does not trace.
 *
 * <p>Threading: {@link #idOf}, {@link #setInstrument} and the other writers are called by one (reading) thread;
 * {@link #span}, {@link #arena} and {@link #nameOf} may be called from another thread for numbers whose assignment
 * was published to it (such as through the engine's ring).
 */
public final class OwnerIds
{
    /** The longest id whose bytes the table's key holds whole. */
    private static final int INLINE = 7;

    /** Volatile: a grown array is read by another thread only after its copied contents are written. */
    private volatile byte[] bytes = new byte[256];
    /** Per number: start in {@link #bytes} (high half) and length + 1 (low half); 0 for a number not used. */
    private volatile long[] spans = new long[16];
    private int[] instruments = new int[16];
    /** Per number: the lot side's ordinal + 1, or 0 when the id was last used for something else than a lot. */
    private byte[] lotSides = new byte[16];
    /** Two words per entry: hash and number, key. */
    private long[] table = new long[128];
    private int used;
    private int next = 1;

    /** The hash {@link #idOf(byte[], int, int, int)} wants: of the UTF-8 bytes, equal to String's for ASCII. */
    public static int hash(final byte[] utf8, final int from, final int length)
    {
        int h = 0;
        for (int i = from, end = from + length; i < end; i++)
        {
            h = 31 * h + (utf8[i] & 0xFF);
        }
        return h;
    }

    /** The number of the id, assigned now if the owner never used it. */
    public long idOf(final String orderId)
    {
        final int length = orderId.length();
        for (int i = 0; i < length; i++)
        {
            if (orderId.charAt(i) >= 0x80)
            {
                final byte[] utf8 = orderId.getBytes(StandardCharsets.UTF_8);
                return idOf(utf8, 0, utf8.length, hash(utf8, 0, utf8.length));
            }
        }
        final int hash = orderId.hashCode();
        long key = (long)Math.min(length, 0xFF) << 56;
        for (int i = Math.min(length, INLINE) - 1; i >= 0; i--)
        {
            key |= (long)orderId.charAt(i) << 8 * i;
        }
        final long[] t = table;
        final int mask = (t.length >> 1) - 1;
        for (int i = slot(hash, mask); ; i = i + 1 & mask)
        {
            final long entry = t[2 * i];
            if (entry == 0)
            {
                final byte[] ascii = orderId.getBytes(StandardCharsets.ISO_8859_1);
                return add(ascii, 0, length, hash, key, i);
            }
            if ((int)(entry >>> 32) == hash && t[2 * i + 1] == key && (length <= INLINE || matches((int)entry,
                orderId)))
            {
                return (int)entry;
            }
        }
    }

    /**
     * The number of the id whose UTF-8 bytes are {@code utf8[from, from + length)}, with {@code hash} their
     * {@link #hash}; assigned now if the owner never used it. The bytes are copied.
     */
    public long idOf(final byte[] utf8, final int from, final int length, final int hash)
    {
        final long key = key(utf8, from, length);
        final long[] t = table;
        final int mask = (t.length >> 1) - 1;
        for (int i = slot(hash, mask); ; i = i + 1 & mask)
        {
            final long entry = t[2 * i];
            if (entry == 0)
            {
                return add(utf8, from, length, hash, key, i);
            }
            if ((int)(entry >>> 32) == hash && t[2 * i + 1] == key && (length <= INLINE || matches((int)entry, utf8,
                from, length)))
            {
                return (int)entry;
            }
        }
    }

    /**
     * The table entry where the id with this {@link #hash} is looked for first: reading it brings that memory into the
     * cache before {@link #idOf(byte[], int, int, int)} ({@link PendingOrderIds} reads many in a row).
     */
    long touch(final int hash)
    {
        final long[] t = table;
        return t[2 * slot(hash, (t.length >> 1) - 1)];
    }

    /** An id's length (at most 255) in the top byte, its first {@link #INLINE} bytes below, the first lowest. */
    private static long key(final byte[] utf8, final int from, final int length)
    {
        long key = (long)Math.min(length, 0xFF) << 56;
        for (int i = Math.min(length, INLINE) - 1; i >= 0; i--)
        {
            key |= (utf8[from + i] & 0xFFL) << 8 * i;
        }
        return key;
    }

    /** The id behind {@code id}, or null when there is none. */
    public String nameOf(final long id)
    {
        final long span = span(id);
        if (span == 0)
        {
            return null;
        }
        return new String(arena(), (int)(span >>> 32), (int)span - 1, StandardCharsets.UTF_8);
    }

    /**
     * Where the UTF-8 bytes of {@code id} lie in {@link #arena()}: the start in the high half, the length + 1 in the
     * low half; 0 when the number has no id. Read the span before the arena.
     */
    public long span(final long id)
    {
        final long[] s = spans;
        return id <= 0 || id >= s.length ? 0 : s[(int)id];
    }

    /** The bytes the {@link #span}s point into. */
    public byte[] arena()
    {
        return bytes;
    }

    boolean holds(final long id)
    {
        return id > 0 && id < next;
    }

    void setInstrument(final long id, final int instrument)
    {
        if (holds(id))
        {
            instruments[(int)id] = instrument;
            lotSides[(int)id] = 0;
        }
    }

    void setLotSide(final long id, final Side side)
    {
        if (holds(id))
        {
            lotSides[(int)id] = (byte)(side.ordinal() + 1);
        }
    }

    Side lotSideOf(final long id)
    {
        return !holds(id) || lotSides[(int)id] == 0 ? null : Side.values()[lotSides[(int)id] - 1];
    }

    int instrumentOf(final long id)
    {
        return holds(id) ? instruments[(int)id] : Command.UNKNOWN;
    }

    private boolean matches(final int id, final String ascii)
    {
        final long span = spans[id];
        final int length = (int)span - 1;
        if (length != ascii.length())
        {
            return false;
        }
        final byte[] b = bytes;
        final int start = (int)(span >>> 32);
        for (int i = 0; i < length; i++)
        {
            if (b[start + i] != ascii.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    private boolean matches(final int id, final byte[] utf8, final int from, final int length)
    {
        final long span = spans[id];
        if ((int)span - 1 != length)
        {
            return false;
        }
        final int start = (int)(span >>> 32);
        return Arrays.equals(bytes, start, start + length, utf8, from, from + length);
    }

    private int add(final byte[] utf8, final int from, final int length, final int hash, final long key,
        final int slot)
    {
        final int id = next;
        ensureRoom(id, length);
        System.arraycopy(utf8, from, bytes, used, length);
        spans[id] = (long)used << 32 | length + 1;
        used += length;
        instruments[id] = Command.UNKNOWN;
        table[2 * slot] = (long)hash << 32 | id;
        table[2 * slot + 1] = key;
        next = id + 1;
        if (next > table.length >> 2)
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
        if (used + length > bytes.length)
        {
            bytes = Arrays.copyOf(bytes, (int)Math.min(Integer.MAX_VALUE - 8, Math.max(used + length,
                2L * bytes.length)));
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
        final int mask = (bigger.length >> 1) - 1;
        for (int j = 0; j < table.length; j += 2)
        {
            final long entry = table[j];
            if (entry != 0)
            {
                int i = slot((int)(entry >>> 32), mask);
                while (bigger[2 * i] != 0)
                {
                    i = i + 1 & mask;
                }
                bigger[2 * i] = entry;
                bigger[2 * i + 1] = table[j + 1];
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
