package by.butb.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Holds back the reading of one I/O loop's connections while the gateway's sending thread is far behind, so that
 * orders offered faster than their reports can be made wait in the clients' sockets (TCP pushes back on them)
 * instead of growing the sending thread's queue until the heap runs out. Above {@code high} items waiting for the
 * sending thread, a logged-on connection found readable is paused (its read interest off) instead of read; once the
 * backlog is down to {@code low}, every paused connection is read again, and the time it was not read does not count
 * as its silence ({@link NativeConnection#readResumed}). The loop itself never waits: it goes on encoding and writing
 * reports, which is what brings the backlog down. Reading paused for long (a sending thread that no longer drains)
 * is logged.
 *
 * <p>Threading: its I/O loop's thread only; {@code backlog} is read from any thread.
 */
final class ReadThrottle
{
    /** Items waiting for the sending thread above which reading pauses, by default. */
    static final int DEFAULT_HIGH = 65_536;
    private static final Logger LOG = LoggerFactory.getLogger(ReadThrottle.class);
    private static final long LONG_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final LongSupplier backlog;
    private final long high;
    private final long low;
    private final LongAdder pauses;
    private final List<SelectionKey> paused = new ArrayList<>();
    private long pausedSinceNanos;
    private boolean warned;

    /**
     * {@code backlog}: items queued for the sending thread and not yet handled; reading pauses while more than
     * {@code high} wait. {@code pauses} counts the connections paused.
     */
    ReadThrottle(final LongSupplier backlog, final long high, final LongAdder pauses)
    {
        this.backlog = backlog;
        this.high = high;
        this.low = high / 2;
        this.pauses = pauses;
    }

    /**
     * Whether the readable {@code key} is to be left unread for now: then its read interest is off until
     * {@link #resumeIfDrained} turns it back on.
     */
    boolean holds(final SelectionKey key)
    {
        final long waiting = backlog.getAsLong();
        if (waiting <= high && (paused.isEmpty() || waiting <= low))
        {
            return false;
        }
        if (paused.isEmpty())
        {
            pausedSinceNanos = System.nanoTime();
        }
        key.interestOpsAnd(~SelectionKey.OP_READ);
        paused.add(key);
        pauses.increment();
        return true;
    }

    /** Each pass of the loop: reads the paused connections again once the backlog is down to the low mark. */
    void resumeIfDrained()
    {
        if (paused.isEmpty())
        {
            return;
        }
        final long waiting = backlog.getAsLong();
        if (waiting > low)
        {
            if (!warned && System.nanoTime() - pausedSinceNanos > LONG_PAUSE_NANOS)
            {
                warned = true;
                LOG.warn("reading {} connections paused for 5 s: {} items still wait for the gateway's sending thread",
                    paused.size(), waiting);
            }
            return;
        }
        for (int i = 0; i < paused.size(); i++)
        {
            final SelectionKey key = paused.get(i);
            if (key.isValid())
            {
                key.interestOpsOr(SelectionKey.OP_READ);
                if (key.attachment() instanceof NativeConnection c)
                {
                    c.readResumed();
                }
            }
        }
        paused.clear();
        warned = false;
    }

    /** Connections paused now (for tests). */
    int pausedCount()
    {
        return paused.size();
    }
}
