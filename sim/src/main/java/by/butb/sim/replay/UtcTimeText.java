package by.butb.sim.replay;

import java.time.Instant;

/**
 * Writes epoch nanoseconds as {@link Instant#toString} does ({@code 2024-03-01T09:00:00.125Z}: the fraction in
 * groups of three digits, none when zero) as ASCII bytes, reusing the text of the last minute it wrote: the times
 * of an output file mostly share their minute with the one before. Not thread-safe: one per writing thread.
 */
final class UtcTimeText
{
    /** The most bytes one time takes: a {@code long} of nanoseconds reaches the years 1677 to 2262. */
    static final int MAX_LENGTH = 40;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int SECONDS_PER_MINUTE = 60;

    private long minute = Long.MIN_VALUE;
    /** The text of {@link #minute}'s first second up to its seconds: {@code 2024-03-01T09:00:}. */
    private final byte[] minuteText = new byte[MAX_LENGTH];
    private int minuteLength;

    /**
     * Writes the time of {@code nanos} (epoch nanoseconds, UTC) into {@code out} from {@code at}, which has room for
     * {@link #MAX_LENGTH} bytes, and returns the position after it.
     */
    int writeTo(final byte[] out, final int at, final long nanos)
    {
        final long s = Math.floorDiv(nanos, NANOS_PER_SECOND);
        final int nano = (int)Math.floorMod(nanos, NANOS_PER_SECOND);
        if (s < 0)
        {
            return ascii(out, at, Instant.ofEpochSecond(s, nano).toString());
        }
        final long m = s / SECONDS_PER_MINUTE;
        if (m != minute)
        {
            final String text = Instant.ofEpochSecond(m * SECONDS_PER_MINUTE).toString();
            minuteLength = ascii(minuteText, 0, text.substring(0, text.length() - "00Z".length()));
            minute = m;
        }
        System.arraycopy(minuteText, 0, out, at, minuteLength);
        int p = digits(out, at + minuteLength, (int)(s % SECONDS_PER_MINUTE), 2);
        if (nano != 0)
        {
            out[p++] = '.';
            if (nano % 1_000_000 == 0)
            {
                p = digits(out, p, nano / 1_000_000, 3);
            }
            else if (nano % 1_000 == 0)
            {
                p = digits(out, p, nano / 1_000, 6);
            }
            else
            {
                p = digits(out, p, nano, 9);
            }
        }
        out[p++] = 'Z';
        return p;
    }

    private static int digits(final byte[] out, final int at, final int value, final int width)
    {
        int rest = value;
        for (int p = at + width - 1; p >= at; p--)
        {
            out[p] = (byte)('0' + rest % 10);
            rest /= 10;
        }
        return at + width;
    }

    private static int ascii(final byte[] out, final int at, final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            out[at + i] = (byte)text.charAt(i);
        }
        return at + text.length();
    }
}
