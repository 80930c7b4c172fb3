package by.butb.gateway;

import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Holds back the reading of one I/O loop's connections while the gateway's sending thread is far behind, so that
 * orders offered faster than their reports can be made wait in the clients' sockets (TCP pushes back on them)
 * instead of growing the sending thread's queue until the heap runs out. While its {@link BacklogMarks} say so, a
 * logged-on connection found readable is paused (its read interest off) instead of read; once they say the backlog
 * has drained, every paused connection is read again, and the time it was not read does not count as its silence
 * ({@link NativeConnection#readResumed}). The loop itself never waits: it goes on encoding and writing reports,
 * which is what brings the backlog down. Apart from that, a connection whose session has more than its share of
 * requests in flight ({@link SessionShare}) is paused the same way until the session is down to half its share, so
 * that one session's flood does not fill the sending thread's queue ahead of everyone else.
 *
 * <p>Threading: its I/O loop's thread only (its marks are its own).
 */
final class ReadThrottle
{
    private final BacklogMarks marks;
    private final SessionShare share;
    private final LongAdder shareHolds;
    private final List<SelectionKey> paused = new ArrayList<>();
    /** Paused for their session's share, each until that session is down to half of it. */
    private final List<SelectionKey> heldForShare = new ArrayList<>();
    /** {@link #resumedForShare}, made once. */
    private final Predicate<SelectionKey> resumedForShare = this::resumedForShare;

    /** {@code shareHolds} counts the connections paused for their session's share. */
    ReadThrottle(final BacklogMarks marks, final SessionShare share, final LongAdder shareHolds)
    {
        this.marks = marks;
        this.share = share;
        this.shareHolds = shareHolds;
    }

    /**
     * Whether the readable {@code key} is to be left unread for now: then its read interest is off until
     * {@link #resumeIfDrained} turns it back on.
     */
    boolean holds(final SelectionKey key)
    {
        if (share.exceeded(shareIndex(key)))
        {
            shareHolds.increment();
            key.interestOpsAnd(~SelectionKey.OP_READ);
            heldForShare.add(key);
            return true;
        }
        if (!marks.exceeded(!paused.isEmpty()))
        {
            return false;
        }
        marks.held(paused.isEmpty());
        key.interestOpsAnd(~SelectionKey.OP_READ);
        paused.add(key);
        return true;
    }

    /**
     * Each pass of the loop: reads the paused connections again once the backlog is down to the low mark, and each
     * connection held for its session's share once that session is down to half of it.
     */
    void resumeIfDrained()
    {
        if (!heldForShare.isEmpty())
        {
            heldForShare.removeIf(resumedForShare);
        }
        if (paused.isEmpty() || !marks.drained(paused.size()))
        {
            return;
        }
        for (int i = 0; i < paused.size(); i++)
        {
            resume(paused.get(i));
        }
        paused.clear();
    }

    /** Resumes a key held for its share once its session is down to half of it (or the key is gone): true then. */
    private boolean resumedForShare(final SelectionKey key)
    {
        if (key.isValid() && !share.drained(shareIndex(key)))
        {
            return false;
        }
        resume(key);
        return true;
    }

    private static void resume(final SelectionKey key)
    {
        if (key.isValid())
        {
            key.interestOpsOr(SelectionKey.OP_READ);
            if (key.attachment() instanceof NativeConnection c)
            {
                c.readResumed();
            }
        }
    }

    /** Where {@link SessionShare} counts the session of {@code key}'s connection; -1 for none. */
    private int shareIndex(final SelectionKey key)
    {
        return key.attachment() instanceof NativeConnection c && c.session != null ? c.session.participant.index() : -1;
    }

    /** Connections paused now, for the backlog or for their session's share (for tests). */
    int pausedCount()
    {
        return paused.size() + heldForShare.size();
    }
}
