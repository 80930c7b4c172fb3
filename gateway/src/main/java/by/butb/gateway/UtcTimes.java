package by.butb.gateway;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * FIX UTCTimestamp text ("yyyyMMdd-HH:mm:ss.SSS", milliseconds, as QuickFIX/J writes a {@code TransactTime}) of
 * engine times, formatting the date and time of day once per second. One instance per thread: not thread-safe.
 */
final class UtcTimes
{
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.");
    private long cachedSecond = Long.MIN_VALUE;
    private String prefix;

    /** The timestamp of {@code epochNanos} (nanoseconds since the epoch, UTC), truncated to milliseconds. */
    String format(final long epochNanos)
    {
        final long second = Math.floorDiv(epochNanos, 1_000_000_000L);
        if (second != cachedSecond)
        {
            prefix = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC).format(SECOND);
            cachedSecond = second;
        }
        final int millis = (int)(Math.floorMod(epochNanos, 1_000_000_000L) / 1_000_000L);
        final char[] ms = {(char)('0' + millis / 100), (char)('0' + millis / 10 % 10), (char)('0' + millis % 10)};
        return prefix.concat(new String(ms));
    }
}
