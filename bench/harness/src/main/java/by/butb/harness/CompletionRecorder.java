package by.butb.harness;

import org.HdrHistogram.Histogram;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts completed commands and, while a histogram is set, records each one's latency: completion time minus the
 * intended send time ({@link System#nanoTime}, nanoseconds). Measuring from the intended time, not from the actual
 * send, is the coordinated-omission correction: a stalled engine delays the sending of the commands behind it,
 * and their wait counts.
 *
 * <p>Threading: {@link #complete} from one thread at a time (the target's completing thread); {@link #record} and
 * {@link #awaitCompleted} from the driver's thread, and {@link #record} only while nothing is in flight (after
 * {@link #awaitCompleted}). Allocation-free on {@link #complete}.
 */
public final class CompletionRecorder
{
    /** Largest latency a histogram tracks: 60 s in ns; longer ones are recorded as 60 s. */
    public static final long HIGHEST_NANOS = 60_000_000_000L;

    private final AtomicLong completed = new AtomicLong();
    private long count;
    private volatile Histogram histogram;
    private volatile long recordFrom;

    /** Called once per command when its results are published. */
    public void complete(final long intendedNanos)
    {
        final Histogram h = histogram;
        if (h != null && intendedNanos - recordFrom >= 0)
        {
            final long latency = System.nanoTime() - intendedNanos;
            h.recordValue(Math.max(0, Math.min(HIGHEST_NANOS, latency)));
        }
        completed.lazySet(++count);
    }

    /** Starts recording into {@code h}, or stops with null. Only while nothing is in flight. */
    public void record(final Histogram h)
    {
        // An hour back: every command in flight from now on is recorded (nanoTime differences wrap, so no MIN_VALUE).
        record(h, System.nanoTime() - 3_600_000_000_000L);
    }

    /**
     * Records into {@code h} the commands whose intended send time is {@code fromNanos} or later (commands sent
     * before it, e.g. a warm-up at the same rate, are only counted). Only while nothing is in flight.
     */
    public void record(final Histogram h, final long fromNanos)
    {
        recordFrom = fromNanos;
        histogram = h;
    }

    public static Histogram newHistogram()
    {
        return new Histogram(HIGHEST_NANOS, 3);
    }

    public long completed()
    {
        return completed.get();
    }

    /**
     * Waits until {@code n} commands have completed in all.
     *
     * @throws IllegalStateException after {@code timeoutNanos} without reaching {@code n}.
     */
    public void awaitCompleted(final long n, final long timeoutNanos)
    {
        final long deadline = System.nanoTime() + timeoutNanos;
        while (completed.get() < n)
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("the engine completed " + completed.get() + " of " + n +
                    " commands within " + timeoutNanos / 1_000_000_000 + " s");
            }
            LockSupport.parkNanos(20_000);
        }
    }
}
