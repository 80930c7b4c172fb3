package by.butb.sim.replay;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Epoch nanoseconds of an ISO-8601 UTC time, as {@link Instant#parse} reads it. The form order files nearly always
 * use, {@code yyyy-MM-ddTHH:mm:ss[.f...]Z} with 1 to 9 fraction digits and values in range, is read by hand without
 * allocating; anything else goes to {@link Instant#parse}, which accepts or refuses it.
 */
final class UtcTime
{
    /** What {@link #parseCommonForm} returns for text that is left to {@link Instant#parse}. */
    static final long NOT_COMMON = Long.MIN_VALUE;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int SHORTEST = "2024-03-01T09:00:00Z".length();
    private static final int LONGEST = "2024-03-01T09:00:00.123456789Z".length();

    private UtcTime()
    {
    }

    /**
     * @throws DateTimeParseException when the text is not a time {@link Instant#parse} reads.
     * @throws ArithmeticException    when the time does not fit a long of nanoseconds (after 2262).
     */
    static long epochNanos(final String text)
    {
        final long common = parseCommonForm(text);
        if (common != NOT_COMMON)
        {
            return common;
        }
        final Instant instant = Instant.parse(text);
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
    }

    /** The common form read by hand, or {@link #NOT_COMMON}. */
    static long parseCommonForm(final CharSequence t)
    {
        final int n = t.length();
        if (n < SHORTEST || n > LONGEST || n == SHORTEST + 1 || t.charAt(n - 1) != 'Z' || t.charAt(4) != '-' ||
            t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':' || t.charAt(16) != ':')
        {
            return NOT_COMMON;
        }
        final int year = digits(t, 0, 4);
        final int month = digits(t, 5, 7);
        final int day = digits(t, 8, 10);
        final int hour = digits(t, 11, 13);
        final int minute = digits(t, 14, 16);
        final int second = digits(t, 17, 19);
        if (year < 1970 || month < 1 || month > 12 || day < 1 || day > 28 && day > lengthOfMonth(year, month) ||
            hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
        {
            return NOT_COMMON;
        }
        long nanos = 0;
        if (n > SHORTEST)
        {
            if (t.charAt(19) != '.')
            {
                return NOT_COMMON;
            }
            final int fraction = digits(t, 20, n - 1);
            if (fraction < 0)
            {
                return NOT_COMMON;
            }
            nanos = fraction;
            for (int i = n - 1 - 20; i < 9; i++)
            {
                nanos *= 10;
            }
        }
        final long days = LocalDate.of(year, month, day).toEpochDay();
        final long seconds = days * 86_400 + hour * 3_600 + minute * 60 + second;
        return Math.addExact(Math.multiplyExact(seconds, NANOS_PER_SECOND), nanos);
    }

    /** The decimal value of {@code t[from, to)}, all digits (at most 9), or -1. */
    private static int digits(final CharSequence t, final int from, final int to)
    {
        int value = 0;
        for (int i = from; i < to; i++)
        {
            final char c = t.charAt(i);
            if (c < '0' || c > '9')
            {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int lengthOfMonth(final int year, final int month)
    {
        return switch (month)
        {
            case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}
