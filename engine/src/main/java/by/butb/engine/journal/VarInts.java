package by.butb.engine.journal;

/**
 * Unsigned LEB128 varints (7 bits per byte, low bits first, high bit = more follows; at most 10 bytes for a long)
 * and zigzag encoding for signed values ({@code 0, -1, 1, -2...} become {@code 0, 1, 2, 3...}). Writers put into a
 * byte array large enough for the entry (callers size it with the codec's maximum entry length). Allocation-free.
 */
final class VarInts
{
    /** Longest varint of a long. */
    static final int MAX_LONG_LENGTH = 10;

    private VarInts()
    {
    }

    /** Writes {@code value} as an unsigned varint at {@code position}; returns the position after it. */
    static int putUnsigned(final byte[] buffer, final int position, final long value)
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
