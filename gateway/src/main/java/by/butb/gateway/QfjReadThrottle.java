package by.butb.gateway;

import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.polling.AbstractPollingIoProcessor;
import org.apache.mina.core.session.AbstractIoSession;
import org.apache.mina.core.session.IoSession;
import quickfix.Session;
import quickfix.mina.SessionConnector;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The QuickFIX/J engine's {@link ReadThrottle}: a MINA filter behind the logon gate. Each message it passes on to
 * QuickFIX/J; then, while its {@link BacklogMarks} say the gateway's sending thread is far behind, it suspends the
 * reading of that message's connection, so that orders offered faster than their reports can be made wait in the
 * clients' sockets instead of in the sending thread's queue. The sending thread calls {@link #resumeIfDrained} after
 * each pass: once the marks say the backlog has drained, every suspended connection is read again. Only the messages
 * already read (at most a session queue's capacity per session) still reach QuickFIX/J meanwhile.
 *
 * <p>Threading: {@link #messageReceived} on MINA's I/O threads (and the authentication thread that passes a Logon
 * on); {@link #resumeIfDrained} on the sending thread. Suspending and resuming happen under this object's lock (taken
 * after the logon gate's, never before), and a connection is suspended only while more than the low mark waits,
 * so the sending thread has at least one more batch to finish after it and resumes it then: no connection stays
 * suspended once the backlog is down. MINA applies a suspension or resumption to the socket's interest set on the
 * calling thread, which may race with its I/O thread's own update of that set; so each is also handed to the
 * connection's I/O processor ({@link #reapplyOnItsProcessor}), which applies the connection's flags again on its own
 * thread, at once (it wakes the selector). Apart from that, the connection of a session with more than its share of
 * requests in flight ({@link SessionShare}) is suspended the same way, and resumed by the sending thread once the
 * session is down to half its share (the sending thread, which answers those requests, runs {@link #resumeIfDrained}
 * after each batch and at least every 100 ms, so none stays suspended once its session is down).
 */
final class QfjReadThrottle extends IoFilterAdapter
{
    /** {@link BacklogMarks#held} and {@link BacklogMarks#drained} under this object's lock. */
    private final BacklogMarks marks;
    private final SessionShare share;
    private final LongAdder shareHolds;
    /** Guarded by this. */
    private final List<IoSession> paused = new ArrayList<>();
    private volatile int pausedCount;
    /** Guarded by this: suspended for their session's share. */
    private final List<IoSession> heldForShare = new ArrayList<>();
    private volatile int heldForShareCount;

    /** {@code shareHolds} counts the connections suspended for their session's share. */
    QfjReadThrottle(final BacklogMarks marks, final SessionShare share, final LongAdder shareHolds)
    {
        this.marks = marks;
        this.share = share;
        this.shareHolds = shareHolds;
    }

    @Override
    public void messageReceived(final NextFilter next, final IoSession session, final Object message)
    {
        next.messageReceived(session, message);
        final int index = shareIndex(session);
        if (share.exceeded(index))
        {
            holdForShare(session, index);
            return;
        }
        if (!marks.exceeded(pausedCount != 0))
        {
            return; // most messages: no lock
        }
        synchronized (this)
        {
            if (!marks.exceeded(!paused.isEmpty()) || session.isReadSuspended() || session.isClosing())
            {
                return;
            }
            marks.held(paused.isEmpty());
            session.suspendRead();
            reapplyOnItsProcessor(session);
            paused.add(session);
            pausedCount = paused.size();
        }
    }

    private synchronized void holdForShare(final IoSession session, final int index)
    {
        if (!share.exceeded(index) || session.isReadSuspended() || session.isClosing())
        {
            return;
        }
        shareHolds.increment();
        session.suspendRead();
        reapplyOnItsProcessor(session);
        heldForShare.add(session);
        heldForShareCount = heldForShare.size();
    }

    /** Where {@link SessionShare} counts the session {@code connection} is bound to; -1 for none. */
    private int shareIndex(final IoSession connection)
    {
        return connection.getAttribute(SessionConnector.QF_SESSION) instanceof Session s ?
            share.indexOf(s.getSessionID()) : -1;
    }

    /**
     * On the sending thread, after each pass: reads the suspended connections again once the backlog is low, and each
     * suspended for its session's share once that session is down to half of it.
     */
    void resumeIfDrained()
    {
        if (heldForShareCount != 0)
        {
            resumeSharesDrained();
        }
        if (pausedCount == 0)
        {
            return;
        }
        synchronized (this)
        {
            if (!marks.drained(paused.size()))
            {
                return;
            }
            for (int i = 0; i < paused.size(); i++)
            {
                final IoSession session = paused.get(i);
                if (!session.isClosing())
                {
                    session.resumeRead();
                    reapplyOnItsProcessor(session);
                }
            }
            paused.clear();
            pausedCount = 0;
        }
    }

    private synchronized void resumeSharesDrained()
    {
        heldForShare.removeIf(session ->
        {
            if (session.isClosing())
            {
                return true;
            }
            if (!share.drained(shareIndex(session)))
            {
                return false;
            }
            session.resumeRead();
            reapplyOnItsProcessor(session);
            return true;
        });
        heldForShareCount = heldForShare.size();
    }

    /**
     * Has the I/O processor that owns {@code session} (the one MINA's processor pool keeps among its attributes) apply
     * its read and write interest again from its flags, on the processor's thread, waking its selector: this mends an
     * update lost to a race with that thread, and a resumption takes effect now rather than at the selector's next
     * timeout. A session without one (a test's) is left as the calling thread set it.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void reapplyOnItsProcessor(final IoSession session)
    {
        if (!(session instanceof AbstractIoSession s))
        {
            return;
        }
        for (final Object key : session.getAttributeKeys())
        {
            if (session.getAttribute(key) instanceof AbstractPollingIoProcessor processor)
            {
                processor.updateTrafficMask(s);
                return;
            }
        }
    }

    /** Connections suspended now (for tests). */
    int pausedCount()
    {
        return pausedCount;
    }
}
