package by.butb.sim.replay;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Bytes looked at eight at a time: a {@code long} read from a byte array, its first byte lowest, and the bytes in it
 * equal to a given byte found without a branch per byte. Used where CSV text is scanned for its separators.
 */
final class ByteWords
{
    /** The high bit of every byte: a byte with it is not ASCII. */
    static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private static final long COMMAS = repeated(',');
    private static final long NEWLINES = repeated('\n');
    private static final long RETURNS = repeated('\r');
    private static final long QUOTES = repeated('"');
    private static final long LOW_BITS = ~HIGH_BITS;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private ByteWords()
    {
    }

    /** The eight bytes {@code bytes[at, at + 8)}, {@code bytes[at]} in the lowest. */
    static long word(final byte[] bytes, final int at)
    {
        return (long)LONGS.get(bytes, at);
    }

    /** The high bit of each byte of {@code word} that equals the byte {@code pattern} repeats; every other bit 0. */
    private static long equalBytes(final long word, final long pattern)
    {
        final long x = word ^ pattern;
        return ~((x & LOW_BITS) + LOW_BITS | x | LOW_BITS);
    }

    /** {@link #equalBytes} for the bytes that end or quote a CSV field: comma, quote, line feed, carriage return. */
    static long separators(final long word)
    {
        return equalBytes(word, COMMAS) | equalBytes(word, QUOTES) | equalBytes(word, NEWLINES) |
            equalBytes(word, RETURNS);
    }

    /** The index, 0 to 7, of the byte whose high bit is the lowest bit set in {@code highBits} (not 0). */
    static int firstByte(final long highBits)
    {
        return Long.numberOfTrailingZeros(highBits) >>> 3;
    }

    private static long repeated(final char c)
    {
        return 0x0101_0101_0101_0101L * c;
    }
}
