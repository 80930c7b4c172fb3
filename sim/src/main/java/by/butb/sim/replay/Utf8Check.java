package by.butb.sim.replay;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Checks that a stream of bytes, given block by block, is well-formed UTF-8 as Java's strict decoder sees it: no
 * stray or missing continuation byte, no overlong form, no surrogate, nothing above U+10FFFF. A character may span
 * two blocks. Not thread-safe: one stream.
 */
final class Utf8Check
{
    /** Eight bytes at a time: ASCII text, most of it, is passed over a word at a time. */
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    /** Continuation bytes the current character still needs. */
    private int needed;
    /** The range the next continuation byte must be in (narrower than 80..BF right after some lead bytes). */
    private int low = 0x80;
    private int high = 0xBF;

    /** Checks the next block {@code b[from, to)}; false at the first byte that cannot be there. */
    boolean accept(final byte[] b, final int from, final int to)
    {
        int i = from;
        while (i < to)
        {
            if (needed == 0)
            {
                while (i + Long.BYTES <= to && ((long)WORDS.get(b, i) & HIGH_BITS) == 0)
                {
                    i += Long.BYTES;
                }
                while (i < to && b[i] >= 0)
                {
                    i++;
                }
                if (i == to)
                {
                    return true;
                }
                if (!lead(b[i] & 0xFF))
                {
                    return false;
                }
            }
            else
            {
                final int c = b[i] & 0xFF;
                if (c < low || c > high)
                {
                    return false;
                }
                low = 0x80;
                high = 0xBF;
                needed--;
            }
            i++;
        }
        return true;
    }

    /** True when no character is cut short at the end of what was accepted: call at the end of the stream. */
    boolean complete()
    {
        return needed == 0;
    }

    private boolean lead(final int c)
    {
        if (c >= 0xC2 && c <= 0xDF)
        {
            needed = 1;
        }
        else if (c >= 0xE0 && c <= 0xEF)
        {
            needed = 2;
            low = c == 0xE0 ? 0xA0 : 0x80;
            high = c == 0xED ? 0x9F : 0xBF;
        }
        else if (c >= 0xF0 && c <= 0xF4)
        {
            needed = 3;
            low = c == 0xF0 ? 0x90 : 0x80;
            high = c == 0xF4 ? 0x8F : 0xBF;
        }
        else
        {
            return false;
        }
        return true;
    }
}
