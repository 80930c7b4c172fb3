package by.butb.cluster;

import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A log of events anyone on the network can cause (refused and closed connections, messages that cannot be taken in):
 * the first {@code perWindow} lines of each window are written, the rest only counted, and the count is written as
 * one summary line once the window is over (at the next line or {@link #flush}). Thread-safe.
 */
public final class RateLimitedLog
{
    private final Consumer<String> sink;
    private final int perWindow;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final String what;
    private long windowStart;
    private int written;
    private long suppressed;

    /** {@code what}: the events in plural, for the summary ("refused or closed connections"). */
    public RateLimitedLog(final Consumer<String> sink, final int perWindow, final long windowNanos,
        final LongSupplier nanoClock, final String what)
    {
        this.sink = sink;
        this.perWindow = perWindow;
        this.windowNanos = windowNanos;
        this.nanoClock = nanoClock;
        this.what = what;
        this.windowStart = nanoClock.getAsLong();
    }

    /** Writes the line (built only when it is written) or counts it. */
    public void log(final Supplier<String> line)
    {
        final boolean write;
        synchronized (this)
        {
            rollOver(nanoClock.getAsLong());
            write = written < perWindow;
            if (write)
            {
                written++;
            }
            else
            {
                suppressed++;
            }
        }
        if (write)
        {
            sink.accept(line.get());
        }
    }

    /** Writes the summary of a window that is over. */
    public synchronized void flush()
    {
        rollOver(nanoClock.getAsLong());
    }

    private void rollOver(final long now)
    {
        if (now - windowStart < windowNanos)
        {
            return;
        }
        if (suppressed > 0)
        {
            sink.accept(suppressed + " more " + what + " not logged in the last " +
                Math.round((now - windowStart) / 1e9) + " s");
        }
        windowStart = now;
        written = 0;
        suppressed = 0;
    }
}
