package by.butb.sim.replay;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A fixed set of names (participant ids, instrument symbols, enum words) found by their UTF-8 bytes: an open-addressing
 * table of their indexes. A name is hashed and compared by its length and its first and last eight bytes, read as two
 * words ({@link ByteWords}); only a name longer than sixteen bytes has bytes in between to compare. Immutable; any
 * thread.
 */
final class ByteNames
{
    private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;

    private final byte[][] names;
    /** Per name: its first and last eight bytes ({@link #head}, {@link #tail}). */
    private final long[] heads;
    private final long[] tails;
    /** Index + 1 of the name whose hash lands there, 0 for free. */
    private final int[] table;
    private final int shift;

    ByteNames(final List<String> names)
    {
        this.names = new byte[names.size()][];
        heads = new long[names.size()];
        tails = new long[names.size()];
        table = new int[Integer.highestOneBit(Math.max(4, names.size() * 4 - 1)) << 1];
        shift = Long.numberOfLeadingZeros(table.length - 1);
        for (int i = 0; i < names.size(); i++)
        {
            final byte[] name = names.get(i).getBytes(StandardCharsets.UTF_8);
            this.names[i] = name;
            heads[i] = head(name, 0, name.length);
            tails[i] = tail(name, 0, name.length);
            if (indexOf(name, 0, name.length) < 0)
            {
                int slot = slot(heads[i], tails[i], name.length);
                while (table[slot] != 0)
                {
                    slot = slot + 1 & table.length - 1;
                }
                table[slot] = i + 1;
            }
        }
    }

    /** The index of the name {@code bytes[from, to)} (the first when listed twice), or -1. */
    int indexOf(final byte[] bytes, final int from, final int to)
    {
        final int length = to - from;
        final long head = head(bytes, from, to);
        final long tail = tail(bytes, from, to);
        for (int slot = slot(head, tail, length); ; slot = slot + 1 & table.length - 1)
        {
            final int entry = table[slot];
            if (entry == 0)
            {
                return -1;
            }
            final int i = entry - 1;
            final byte[] name = names[i];
            if (heads[i] == head && tails[i] == tail && name.length == length &&
                (length <= 2 * Long.BYTES || Arrays.equals(name, 0, name.length, bytes, from, to)))
            {
                return i;
            }
        }
    }

    private int slot(final long head, final long tail, final int length)
    {
        final long h = ((head * GOLDEN + tail) * GOLDEN + length) * GOLDEN;
        return (int)(h >>> shift);
    }

    /** The first eight bytes of {@code bytes[from, to)}, the first lowest, 0 where it is shorter. */
    private static long head(final byte[] bytes, final int from, final int to)
    {
        final int length = to - from;
        if (length >= Long.BYTES)
        {
            return ByteWords.word(bytes, from);
        }
        if (from + Long.BYTES <= bytes.length)
        {
            return ByteWords.word(bytes, from) & (1L << Long.SIZE / Long.BYTES * length) - 1;
        }
        long word = 0;
        for (int i = to - 1; i >= from; i--)
        {
            word = word << Byte.SIZE | bytes[i] & 0xFF;
        }
        return word;
    }

    /** The last eight bytes of {@code bytes[from, to)}, or 0 when it has at most eight (all in its {@link #head}). */
    private static long tail(final byte[] bytes, final int from, final int to)
    {
        return to - from > Long.BYTES ? ByteWords.word(bytes, to - Long.BYTES) : 0;
    }
}
