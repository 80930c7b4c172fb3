package by.butb.sim.replay;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A fixed set of names (participant ids, instrument symbols, enum words) found by their UTF-8 bytes: an open-addressing
 * table of their indexes. Immutable; any thread.
 */
final class ByteNames
{
    private final byte[][] names;
    /** Index + 1 of the name whose hash lands there, 0 for free. */
    private final int[] table;

    ByteNames(final List<String> names)
    {
        this.names = new byte[names.size()][];
        table = new int[Integer.highestOneBit(Math.max(4, names.size() * 4 - 1)) << 1];
        for (int i = 0; i < names.size(); i++)
        {
            final byte[] name = names.get(i).getBytes(StandardCharsets.UTF_8);
            this.names[i] = name;
            if (indexOf(name, 0, name.length) < 0)
            {
                int slot = slot(name, 0, name.length);
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
        for (int slot = slot(bytes, from, to); ; slot = slot + 1 & table.length - 1)
        {
            final int entry = table[slot];
            if (entry == 0)
            {
                return -1;
            }
            final byte[] name = names[entry - 1];
            if (Arrays.equals(name, 0, name.length, bytes, from, to))
            {
                return entry - 1;
            }
        }
    }

    private int slot(final byte[] bytes, final int from, final int to)
    {
        int h = to - from;
        for (int i = from; i < to; i++)
        {
            h = 31 * h + bytes[i];
        }
        h *= 0x9E3779B9;
        return (h ^ h >>> 16) & table.length - 1;
    }
}
