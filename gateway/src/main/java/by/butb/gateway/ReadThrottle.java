package by.butb.gateway;

import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Holds back the reading of one I/O loop's connections while the gateway's sending thread is far behind, so that
 * orders offered faster than their reports can be made wait in the clients' sockets (TCP pushes back on them)
 * instead of growing the sending thread's queue until the heap runs out. Above {@code high} items waiting for the
 * sending thread, a connection found readable is paused (its read interest off) instead of read; once the backlog
 * is down to {@code low}, every paused connection is read again. The loop itself never waits: it goes on encoding
 * and writing reports, which is what brings the backlog down.
 *
 * <p>Threading: its I/O loop's thread only; {@code backlog} is read from any thread.
 */
final class ReadThrottle
{
    /** Items waiting for the sending thread above which reading pauses, by default. */
    static final int DEFAULT_HIGH = 65_536;

    private final LongSupplier backlog;
    private final long high;
    private final long low;
    private final List<SelectionKey> paused = new ArrayList<>();

    /** {@code backlog}: items queued for the sending thread and not yet handled; reading pauses above {@code high}. */
    ReadThrottle(final LongSupplier backlog, final long high)
    {
        this.backlog = backlog;
        this.high = high;
        this.low = high / 2;
    }

    /**
     * Whether the readable {@code key} is to be left unread for now: then its read interest is off until
     * {@link #resumeIfDrained} turns it back on.
     */
    boolean holds(final SelectionKey key)
    {
        final long waiting = backlog.getAsLong();
        if (waiting < high && (paused.isEmpty() || waiting <= low))
        {
            return false;
        }
        key.interestOpsAnd(~SelectionKey.OP_READ);
        paused.add(key);
        return true;
    }

    /** Each pass of the loop: reads the paused connections again once the backlog is down to the low mark. */
    void resumeIfDrained()
    {
        if (paused.isEmpty() || backlog.getAsLong() > low)
        {
            return;
        }
        for (int i = 0; i < paused.size(); i++)
        {
            final SelectionKey key = paused.get(i);
            if (key.isValid())
            {
                key.interestOpsOr(SelectionKey.OP_READ);
            }
        }
        paused.clear();
    }

    /** Connections paused now (for tests). */
    int pausedCount()
    {
        return paused.size();
    }
}
