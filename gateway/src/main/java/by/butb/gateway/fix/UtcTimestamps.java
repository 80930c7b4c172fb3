package by.butb.gateway.fix;

/**
 * FIX UTCTimestamp fields as bytes, without {@code java.time} objects: writes {@code yyyyMMdd-HH:mm:ss.SSS} from
 * epoch milliseconds, and reads {@code yyyyMMdd-HH:mm:ss} with an optional fraction of 1 to 9 digits into epoch
 * nanoseconds. Functions; any thread.
 */
public final class UtcTimestamps
{
    /** Bytes {@link #write} produces. */
    public static final int MILLIS_LENGTH = 21;
    /** What {@link #parseNanos} returns for text that is not a UTCTimestamp. */
    public static final long INVALID = Long.MIN_VALUE;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int SECONDS_PER_DAY = 86_400;
    /** The years whose every instant nanoseconds since the epoch in a {@code long} hold (1677-09-21 to 2262-04-11). */
    private static final int MIN_YEAR = 1678;
    private static final int MAX_YEAR = 2261;

    private UtcTimestamps()
    {
    }

    /** Whether every instant of {@code year} has epoch nanoseconds in a {@code long}: 1678 to 2261. */
    public static boolean holdsYear(final int year)
    {
        return year >= MIN_YEAR && year <= MAX_YEAR;
    }

    /** Writes {@code epochMillis} (UTC, years 0 to 9999) at {@code at}; returns the position after it. */
    public static int write(final byte[] out, final int at, final long epochMillis)
    {
        final long seconds = Math.floorDiv(epochMillis, 1000L);
        final int millis = (int)Math.floorMod(epochMillis, 1000L);
        final long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
        final int secondOfDay = (int)Math.floorMod(seconds, SECONDS_PER_DAY);
        // civil date from days since 1970-01-01 (proleptic Gregorian), by 400-year eras
        final long z = days + 719_468;
        final long era = Math.floorDiv(z, 146_097);
        final long dayOfEra = z - era * 146_097;
        final long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        final long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        final long mp = (5 * dayOfYear + 2) / 153;
        final int day = (int)(dayOfYear - (153 * mp + 2) / 5 + 1);
        final int month = (int)(mp < 10 ? mp + 3 : mp - 9);
        final int year = (int)(yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        int p = digits(out, at, year, 4);
        p = digits(out, p, month, 2);
        p = digits(out, p, day, 2);
        out[p++] = '-';
        p = digits(out, p, secondOfDay / 3600, 2);
        out[p++] = ':';
        p = digits(out, p, secondOfDay / 60 % 60, 2);
        out[p++] = ':';
        p = digits(out, p, secondOfDay % 60, 2);
        out[p++] = '.';
        return digits(out, p, millis, 3);
    }

    private static int digits(final byte[] out, final int at, final int value, final int count)
    {
        int v = value;
        for (int i = count - 1; i >= 0; i--)
        {
            out[at + i] = (byte)('0' + v % 10);
            v /= 10;
        }
        return at + count;
    }

    /**
     * The epoch nanoseconds of the UTCTimestamp in {@code in[start, end)}, or {@link #INVALID}: 17 characters
     * {@code yyyyMMdd-HH:mm:ss}, then optionally '.' and 1 to 9 digits; fields in their ranges (second 60 allowed,
     * as a leap second), the year from 1678 to 2261 (so that the nanoseconds fit a {@code long}).
     */
    public static long parseNanos(final byte[] in, final int start, final int end)
    {
        final int length = end - start;
        if (length < 17 || length == 18 || length > 27 || in[start + 8] != '-' || in[start + 11] != ':' ||
            in[start + 14] != ':' || length > 17 && in[start + 17] != '.')
        {
            return INVALID;
        }
        final int year = number(in, start, 4);
        final int month = number(in, start + 4, 2);
        final int day = number(in, start + 6, 2);
        final int hour = number(in, start + 9, 2);
        final int minute = number(in, start + 12, 2);
        final int second = number(in, start + 15, 2);
        if (!holdsYear(year) || month < 1 || month > 12 || day < 1 ||
            day > daysInMonth(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 ||
            second > 60)
        {
            return INVALID;
        }
        long fraction = 0;
        if (length > 17)
        {
            final int fractionDigits = length - 18;
            final int f = number(in, start + 18, fractionDigits);
            if (f < 0)
            {
                return INVALID;
            }
            fraction = f;
            for (int i = fractionDigits; i < 9; i++)
            {
                fraction *= 10;
            }
        }
        final long days = daysFromCivil(year, month, day);
        return (days * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second) * NANOS_PER_SECOND + fraction;
    }

    /** The decimal number of {@code count} digits at {@code at}, or -1 when one is not a digit. */
    private static int number(final byte[] in, final int at, final int count)
    {
        int value = 0;
        for (int i = at; i < at + count; i++)
        {
            final int d = in[i] - '0';
            if (d < 0 || d > 9)
            {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    private static int daysInMonth(final int year, final int month)
    {
        return switch (month)
        {
            case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date. */
    private static long daysFromCivil(final int year, final int month, final int day)
    {
        final long y = month <= 2 ? year - 1 : year;
        final long era = Math.floorDiv(y, 400);
        final long yearOfEra = y - era * 400;
        final long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        final long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }
}
