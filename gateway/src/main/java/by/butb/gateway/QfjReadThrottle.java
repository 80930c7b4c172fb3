package by.butb.gateway;

import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.polling.AbstractPollingIoProcessor;
import org.apache.mina.core.session.AbstractIoSession;
import org.apache.mina.core.session.IoSession;
import java.util.ArrayList;
import java.util.List;

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
 * thread, at once (it wakes the selector).
 */
final class QfjReadThrottle extends IoFilterAdapter
{
    /** {@link BacklogMarks#held} and {@link BacklogMarks#drained} under this object's lock. */
    private final BacklogMarks marks;
    /** Guarded by this. */
    private final List<IoSession> paused = new ArrayList<>();
    private volatile int pausedCount;

    QfjReadThrottle(final BacklogMarks marks)
    {
        this.marks = marks;
    }

    @Override
    public void messageReceived(final NextFilter next, final IoSession session, final Object message)
    {
        next.messageReceived(session, message);
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

    /** On the sending thread, after each pass: reads the suspended connections again once the backlog is low. */
    void resumeIfDrained()
    {
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
