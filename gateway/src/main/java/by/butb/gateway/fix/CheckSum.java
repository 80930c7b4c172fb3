package by.butb.gateway.fix;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** FIX's CheckSum(10): the sum of a message's bytes before it, modulo 256. Functions; any thread. */
final class CheckSum
{
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW_BYTES = 0x00FF00FF00FF00FFL;
    /** Words whose byte pairs a 16-bit lane can add up without overflowing (2 x 255 each). */
    private static final int WORDS_PER_FOLD = 128;

    private CheckSum()
    {
    }

    /**
     * The sum of the bytes {@code bytes[from, to)} modulo 256, eight at a time: each word's bytes are added in pairs
     * into four 16-bit lanes, which are folded into the sum before they could overflow.
     */
    static int of(final byte[] bytes, final int from, final int to)
    {
        long sum = 0;
        long lanes = 0;
        int words = 0;
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES)
        {
            final long word = (long)LONGS.get(bytes, i);
            lanes += (word & LOW_BYTES) + (word >>> 8 & LOW_BYTES);
            if (++words == WORDS_PER_FOLD)
            {
                sum += fold(lanes);
                lanes = 0;
                words = 0;
            }
        }
        sum += fold(lanes);
        for (; i < to; i++)
        {
            sum += bytes[i] & 0xFF;
        }
        return (int)(sum & 0xFF);
    }

    private static long fold(final long lanes)
    {
        return (lanes & 0xFFFF) + (lanes >>> 16 & 0xFFFF) + (lanes >>> 32 & 0xFFFF) + (lanes >>> 48);
    }
}
