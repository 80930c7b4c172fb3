package by.butb.sim.replay;

import java.nio.charset.StandardCharsets;

/** Questions about UTF-8 text given as bytes. */
final class Utf8Bytes
{
    private Utf8Bytes()
    {
    }

    /** Whether every character of the (valid) UTF-8 text {@code b[from, to)} is whitespace, as String.isBlank. */
    static boolean isBlank(final byte[] b, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            final int c = b[i];
            if (c < 0)
            {
                return new String(b, from, to - from, StandardCharsets.UTF_8).isBlank();
            }
            if (!Character.isWhitespace(c))
            {
                return false;
            }
        }
        return true;
    }
}
