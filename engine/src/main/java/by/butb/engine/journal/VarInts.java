package by.butb.engine.journal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Unsigned LEB128 varints (7 bits per byte, low bits first, high bit = more follows; at most 10 bytes for a long)
 * and zigzag encoding for signed values ({@code 0, -1, 1, -2...} become {@code 0, 1, 2, 3...}). Writers put into a
 * byte array large enough for the entry (callers size it with the codec's maximum entry length). Allocation-free.
 */
final class VarInts
{
    /** Longest varint of a long. */
    static final int MAX_LONG_LENGTH = 10;

    /** Varint length of a value of at most 56 bits, by its number of leading zeros (0 is one byte). */
    private static final byte[] LENGTH_BY_LEADING_ZEROS = new byte[65];

    static
    {
        for (int zeros = 0; zeros <= 64; zeros++)
        {
            LENGTH_BY_LEADING_ZEROS[zeros] = (byte)Math.max(1, (64 - zeros + 6) / 7);
        }
    }

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
        ByteOrder.LITTLE_ENDIAN);

    private VarInts()
    {
    }

    /**
     * Writes {@code value} as an unsigned varint at {@code position}; returns the position after it. A value of up
     * to 56 bits (8 varint bytes) is spread into its 7-bit groups and continuation bits in a register and stored
     * with one 8-byte little-endian write (the bytes after the varint are overwritten with zeros, so the buffer
     * needs 8 bytes from {@code position}; without them, or for a longer value, the bytes are written one by one).
     * The bytes are the same either way.
     */
    static int putUnsigned(final byte[] buffer, final int position, final long value)
    {
        if ((value >>> 56) != 0 || position > buffer.length - Long.BYTES)
        {
            return putUnsignedBytewise(buffer, position, value);
        }
        final int length = LENGTH_BY_LEADING_ZEROS[Long.numberOfLeadingZeros(value)];
        final long groups = value & 0x7FL |
            value << 1 & 0x7F00L |
            value << 2 & 0x7F_0000L |
            value << 3 & 0x7F00_0000L |
            value << 4 & 0x7F_0000_0000L |
            value << 5 & 0x7F00_0000_0000L |
            value << 6 & 0x7F_0000_0000_0000L |
            value << 7 & 0x7F00_0000_0000_0000L;
        final long more = 0x0080_8080_8080_8080L >>> ((8 - length) << 3);
        LONG_LE.set(buffer, position, groups | more);
        return position + length;
    }

    static int putUnsignedBytewise(final byte[] buffer, final int position, final long value)
    {
        int p = position;
        long v = value;
        while ((v & ~0x7FL) != 0)
        {
            buffer[p++] = (byte)((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buffer[p++] = (byte)v;
        return p;
    }

    /** Writes {@code value} zigzag-encoded; returns the position after it. */
    static int putSigned(final byte[] buffer, final int position, final long value)
    {
        return putUnsigned(buffer, position, (value << 1) ^ (value >> 63));
    }

    static long unzigzag(final long encoded)
    {
        return (encoded >>> 1) ^ -(encoded & 1);
    }
}
