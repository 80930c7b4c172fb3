package by.butb.gateway;

import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.DummySession;
import org.apache.mina.core.session.IoSession;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link QfjReadThrottle}: every message is passed on; reading is suspended above the high mark and resumed by the
 * sending thread once the backlog is down to half of it.
 */
class QfjReadThrottleTest
{
    private final AtomicLong backlog = new AtomicLong();
    private final LongAdder pauses = new LongAdder();
    private final QfjReadThrottle throttle = new QfjReadThrottle(new BacklogMarks(backlog::get, 100, pauses),
        new SessionShare(TestCatalog.catalog(), SessionShare.DEFAULT_MAX), new LongAdder());
    private final AtomicInteger passedOn = new AtomicInteger();

    @Test
    void aConnectionIsSuspendedAboveTheHighMarkAndResumedAtTheLowOne()
    {
        final DummySession a = connection();
        final DummySession b = connection();

        backlog.set(100);
        a.getFilterChain().fireMessageReceived("order");
        assertFalse(a.isReadSuspended(), "at the high mark: read on");
        backlog.set(101);
        a.getFilterChain().fireMessageReceived("order");
        assertTrue(a.isReadSuspended(), "above it: suspended");
        assertEquals(2, passedOn.get(), "every message is passed on, the one that suspends too");

        backlog.set(60);
        b.getFilterChain().fireMessageReceived("order");
        assertTrue(b.isReadSuspended(), "while one is suspended, another is too down to the low mark");
        throttle.resumeIfDrained();
        assertTrue(a.isReadSuspended() && b.isReadSuspended(), "not yet: above the low mark");
        assertEquals(2, throttle.pausedCount());
        assertEquals(2, pauses.sum(), "each suspension counted");

        backlog.set(50);
        throttle.resumeIfDrained();
        assertFalse(a.isReadSuspended() || b.isReadSuspended(), "both read again");
        assertEquals(0, throttle.pausedCount());
        backlog.set(60);
        a.getFilterChain().fireMessageReceived("order");
        assertFalse(a.isReadSuspended(), "below the high mark with none suspended: read on");
    }

    @Test
    void aConnectionThatClosedWhileSuspendedIsForgottenAtTheResume()
    {
        final DummySession a = connection();
        backlog.set(101);
        a.getFilterChain().fireMessageReceived("order");
        assertTrue(a.isReadSuspended());
        a.closeNow();
        backlog.set(0);
        throttle.resumeIfDrained();
        assertEquals(0, throttle.pausedCount(), "forgotten all the same");
    }

    private DummySession connection()
    {
        final DummySession session = new DummySession();
        session.setHandler(new IoHandlerAdapter()
        {
            @Override
            public void messageReceived(final IoSession s, final Object message)
            {
                passedOn.incrementAndGet();
            }
        });
        session.getFilterChain().addLast("throttle", throttle);
        return session;
    }
}
