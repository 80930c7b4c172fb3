package by.butb.gateway;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ReadThrottle}: reading pauses above the high mark and resumes once the backlog is down to half of it. */
class ReadThrottleTest
{
    @Test
    void aConnectionIsPausedAboveTheHighMarkAndReadAgainAtTheLowOne() throws IOException
    {
        final AtomicLong backlog = new AtomicLong();
        final LongAdder pauses = new LongAdder();
        final ReadThrottle throttle = new ReadThrottle(new BacklogMarks(backlog::get, 100, pauses),
            new SessionShare(TestCatalog.catalog(), SessionShare.DEFAULT_MAX), new LongAdder());
        try (Selector selector = Selector.open())
        {
            final Pipe pipe = Pipe.open();
            pipe.source().configureBlocking(false);
            final SelectionKey key = pipe.source().register(selector, SelectionKey.OP_READ);

            backlog.set(100);
            assertFalse(throttle.holds(key), "at the high mark: read");
            backlog.set(101);
            assertTrue(throttle.holds(key), "above it: paused");
            assertEquals(0, key.interestOps() & SelectionKey.OP_READ, "its read interest is off");
            assertEquals(1, throttle.pausedCount());

            backlog.set(60);
            throttle.resumeIfDrained();
            assertEquals(0, key.interestOps() & SelectionKey.OP_READ, "not yet: above the low mark");
            assertTrue(throttle.holds(key), "while some are paused, a read waits down to the low mark too");
            assertEquals(2, throttle.pausedCount());
            assertEquals(2, pauses.sum(), "each pause counted");

            backlog.set(50);
            throttle.resumeIfDrained();
            assertEquals(SelectionKey.OP_READ, key.interestOps() & SelectionKey.OP_READ, "read again");
            assertEquals(0, throttle.pausedCount());
            assertFalse(throttle.holds(key));
            pipe.sink().close();
            pipe.source().close();
        }
    }
}
