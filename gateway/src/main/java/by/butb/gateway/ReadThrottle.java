package by.butb.gateway;

import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds back the reading of one I/O loop's connections while the gateway's sending thread is far behind, so that
 * orders offered faster than their reports can be made wait in the clients' sockets (TCP pushes back on them)
 * instead of growing the sending thread's queue until the heap runs out. While its {@link BacklogMarks} say so, a
 * logged-on connection found readable is paused (its read interest off) instead of read; once they say the backlog
 * has drained, every paused connection is read again, and the time it was not read does not count as its silence
 * ({@link NativeConnection#readResumed}). The loop itself never waits: it goes on encoding and writing reports,
 * which is what brings the backlog down.
 *
 * <p>Threading: its I/O loop's thread only (its marks are its own).
 */
final class ReadThrottle
{
    private final BacklogMarks marks;
    private final List<SelectionKey> paused = new ArrayList<>();

    ReadThrottle(final BacklogMarks marks)
    {
        this.marks = marks;
    }

    /**
     * Whether the readable {@code key} is to be left unread for now: then its read interest is off until
     * {@link #resumeIfDrained} turns it back on.
     */
    boolean holds(final SelectionKey key)
    {
        if (!marks.exceeded(!paused.isEmpty()))
        {
            return false;
        }
        marks.held(paused.isEmpty());
        key.interestOpsAnd(~SelectionKey.OP_READ);
        paused.add(key);
        return true;
    }

    /** Each pass of the loop: reads the paused connections again once the backlog is down to the low mark. */
    void resumeIfDrained()
    {
        if (paused.isEmpty() || !marks.drained(paused.size()))
        {
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
    }

    /** Connections paused now (for tests). */
    int pausedCount()
    {
        return paused.size();
    }
}
