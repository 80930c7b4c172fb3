package by.butb.gateway;

import java.time.Instant;

/**
 * Nanoseconds since the epoch, UTC: the system clock ({@link Instant#now}), sampled at most once a second, plus
 * {@link System#nanoTime} since the sample. So it follows the system clock's steps and slews within a second, and
 * creates an object only when it samples. Thread-safe.
 */
final class SampledEpochClock
{
    private static final long RESAMPLE_NANOS = 1_000_000_000L;

    private volatile Sample sample = sample();

    long nanos()
    {
        final long now = System.nanoTime();
        Sample s = sample;
        if (now - s.nanoTime >= RESAMPLE_NANOS)
        {
            s = sample();
            sample = s;
            return s.epochNanos;
        }
        return s.epochNanos + (now - s.nanoTime);
    }

    private static Sample sample()
    {
        final long before = System.nanoTime();
        final Instant now = Instant.now();
        final long after = System.nanoTime();
        return new Sample(now.getEpochSecond() * 1_000_000_000L + now.getNano(), before + (after - before) / 2);
    }

    /** The system clock's time, and {@link System#nanoTime} at that moment. */
    private record Sample(long epochNanos, long nanoTime)
    {
    }
}
