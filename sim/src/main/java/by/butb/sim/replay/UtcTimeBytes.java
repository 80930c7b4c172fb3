package by.butb.sim.replay;

import by.butb.engine.csv.Latin1Chars;

import java.util.Arrays;

/**
 * {@link UtcTime#parseCommonForm} of times read from bytes, for the rows of an order file, which mostly share their
 * minute with the row before: the epoch nanoseconds of the last minute read are kept with its text
 * ({@code yyyy-MM-ddTHH:mm:}), so a time of the same minute costs its seconds and fraction only. The result is the
 * same as {@link UtcTime#parseCommonForm} for every input. Not thread-safe: the reading thread.
 */
final class UtcTimeBytes
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_MINUTE = 60 * NANOS_PER_SECOND;
    private static final int SHORTEST = "2024-03-01T09:00:00Z".length();
    private static final int LONGEST = "2024-03-01T09:00:00.123456789Z".length();
    /** The length of the minute's text, {@code yyyy-MM-ddTHH:mm:}. */
    private static final int MINUTE = "2024-03-01T09:00:".length();
    private static final int FRACTION = MINUTE + 3;
    private static final long[] FRACTION_SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100,
        10, 1};

    private final byte[] minuteText = new byte[MINUTE];
    private final Latin1Chars view = new Latin1Chars();
    /** Epoch nanoseconds at the start of {@link #minuteText}, or -1 before the first time read. */
    private long minuteNanos = -1;

    /**
     * The epoch nanoseconds of {@code bytes[from, to)} in the common form, or {@link UtcTime#NOT_COMMON}.
     *
     * @throws ArithmeticException when the time does not fit a long of nanoseconds (after 2262).
     */
    long parse(final byte[] bytes, final int from, final int to)
    {
        final int n = to - from;
        if (minuteNanos >= 0 && n >= SHORTEST && n <= LONGEST && n != SHORTEST + 1 && bytes[to - 1] == 'Z' &&
            Arrays.equals(bytes, from, from + MINUTE, minuteText, 0, MINUTE))
        {
            final int tens = bytes[from + MINUTE] - '0';
            final int ones = bytes[from + MINUTE + 1] - '0';
            final boolean point = n == SHORTEST || bytes[from + FRACTION - 1] == '.';
            if (tens >= 0 && tens <= 5 && ones >= 0 && ones <= 9 && point)
            {
                final long fraction = fraction(bytes, from + FRACTION, to - 1);
                if (fraction >= 0)
                {
                    return Math.addExact(minuteNanos, (tens * 10 + ones) * NANOS_PER_SECOND + fraction);
                }
            }
            return UtcTime.NOT_COMMON;
        }
        final long time = UtcTime.parseCommonForm(view.of(bytes, from, to));
        if (time != UtcTime.NOT_COMMON)
        {
            System.arraycopy(bytes, from, minuteText, 0, MINUTE);
            minuteNanos = time - time % NANOS_PER_MINUTE;
        }
        return time;
    }

    /** The nanoseconds of the fraction's digits in {@code bytes[from, to)} (none: 0), or -1 for a non-digit. */
    private static long fraction(final byte[] bytes, final int from, final int to)
    {
        long value = 0;
        for (int i = from; i < to; i++)
        {
            final int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9)
            {
                return -1;
            }
            value = value * 10 + digit;
        }
        return to > from ? value * FRACTION_SCALE[to - from] : 0;
    }
}
