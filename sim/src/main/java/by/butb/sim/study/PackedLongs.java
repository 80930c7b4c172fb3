package by.butb.sim.study;

import java.util.ArrayList;
import java.util.List;

/**
 * A sequence of longs appended, then read once in order, packed as variable-length bytes (zigzag, 7 bits a byte) in
 * chunks of 64 KiB: a leg's deal sizes, drawn before its deals, take 2 to 4 bytes each and are never copied to grow.
 * Single-threaded.
 */
final class PackedLongs
{
    private static final int CHUNK_BITS = 16;
    private static final int CHUNK = 1 << CHUNK_BITS;

    private final List<byte[]> chunks = new ArrayList<>();
    private long size;
    private int count;
    private long readAt;
    private int read;

    /** Appends {@code value}. */
    void add(final long value)
    {
        long v = value << 1 ^ value >> 63;
        while ((v & ~0x7FL) != 0)
        {
            put((int)(v & 0x7F) | 0x80);
            v >>>= 7;
        }
        put((int)v);
        count++;
    }

    /** Whether a value is left to {@link #next()}. */
    boolean hasNext()
    {
        return read < count;
    }

    /** The next value, in the order appended. */
    long next()
    {
        if (read == count)
        {
            throw new IllegalStateException("all " + count + " values are read");
        }
        long v = 0;
        for (int shift = 0; ; shift += 7)
        {
            final int b = chunks.get((int)(readAt >>> CHUNK_BITS))[(int)(readAt & CHUNK - 1)];
            readAt++;
            v |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                read++;
                return v >>> 1 ^ -(v & 1);
            }
        }
    }

    private void put(final int b)
    {
        final int offset = (int)(size & CHUNK - 1);
        if (offset == 0)
        {
            chunks.add(new byte[CHUNK]);
        }
        chunks.get(chunks.size() - 1)[offset] = (byte)b;
        size++;
    }
}
