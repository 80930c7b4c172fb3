package by.butb.sim.replay;

import java.time.Instant;

/**
 * Writes epoch nanoseconds as {@link Instant#toString} does ({@code 2024-03-01T09:00:00.125Z}: the fraction in
 * groups of three digits, none when zero), reusing the text of the last second it wrote: the times of an output
 * file mostly share their second with the one before. Not thread-safe: one per writing thread.
 */
final class UtcTimeText
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Seconds of 10000-01-01T00:00:00Z: from there on (and before 1970) {@link Instant#toString} is used. */
    private static final long END_OF_YEAR_9999 = 253_402_300_800L;

    private long second = Long.MIN_VALUE;
    private String secondText = "";

    /** Appends the time of {@code nanos} (epoch nanoseconds, UTC). */
    void appendTo(final StringBuilder out, final long nanos)
    {
        final long s = Math.floorDiv(nanos, NANOS_PER_SECOND);
        final int nano = (int)Math.floorMod(nanos, NANOS_PER_SECOND);
        if (s < 0 || s >= END_OF_YEAR_9999)
        {
            out.append(Instant.ofEpochSecond(s, nano));
            return;
        }
        if (s != second)
        {
            final String text = Instant.ofEpochSecond(s).toString();
            secondText = text.substring(0, text.length() - 1);
            second = s;
        }
        out.append(secondText);
        if (nano != 0)
        {
            out.append('.');
            if (nano % 1_000_000 == 0)
            {
                digits(out, nano / 1_000_000, 3);
            }
            else if (nano % 1_000 == 0)
            {
                digits(out, nano / 1_000, 6);
            }
            else
            {
                digits(out, nano, 9);
            }
        }
        out.append('Z');
    }

    private static void digits(final StringBuilder out, final int value, final int width)
    {
        for (int bound = 10, i = 1; i < width; i++, bound *= 10)
        {
            if (value < bound)
            {
                out.append('0');
            }
        }
        out.append(value);
    }
}
