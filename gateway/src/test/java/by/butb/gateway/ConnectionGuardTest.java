package by.butb.gateway;

import by.butb.cluster.RateLimitedLog;
import org.apache.mina.core.filterchain.IoFilter.NextFilter;
import org.apache.mina.core.session.DummySession;
import org.apache.mina.core.write.DefaultWriteRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionGuardTest
{
    private final RateLimitedLog log = new RateLimitedLog(line -> { }, 10, 60_000_000_000L, System::nanoTime,
        "closed connections");
    private final ConnectionGuard guard = new ConnectionGuard(60_000, 1_000, Long.MAX_VALUE, log, () -> { });
    private final AtomicInteger passedOn = new AtomicInteger();
    private final NextFilter next = (NextFilter)Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {NextFilter.class}, (proxy, method, args) ->
        {
            if (method.getName().equals("filterWrite"))
            {
                passedOn.incrementAndGet();
            }
            return null;
        });

    @AfterEach
    void close()
    {
        guard.close();
    }

    @Test
    void aConnectionWithMoreUnwrittenBytesThanTheLimitIsClosedAsASlowConsumer() throws Exception
    {
        final DummySession session = new DummySession();
        session.setScheduledWriteBytes(1_001);
        guard.filterWrite(next, session, new DefaultWriteRequest("8=FIX.4.4|"));
        assertEquals(1, passedOn.get(), "the write itself is passed on");
        assertTrue(session.isClosing());
    }

    @Test
    void aConnectionWithinTheLimitStaysOpen() throws Exception
    {
        final DummySession session = new DummySession();
        session.setScheduledWriteBytes(1_000);
        guard.filterWrite(next, session, new DefaultWriteRequest("8=FIX.4.4|"));
        assertEquals(1, passedOn.get());
        assertFalse(session.isClosing());
    }

    @Test
    void onceAllSessionsTogetherPassTheirBoundASessionHoldingAnEighthOfItIsClosedAndASmallerOneStays()
        throws Exception
    {
        final ConnectionGuard total = new ConnectionGuard(60_000, 0, 8_000, log, () -> { });
        try
        {
            final DummySession big = new DummySession();
            big.setScheduledWriteBytes(1_000);
            big.getService().getStatistics().increaseScheduledWriteBytes(8_001); // as if with other sessions'
            final DummySession small = new DummySession();
            small.setScheduledWriteBytes(999);
            small.getService().getStatistics().increaseScheduledWriteBytes(8_001);
            final DummySession within = new DummySession();
            within.setScheduledWriteBytes(5_000);
            within.getService().getStatistics().increaseScheduledWriteBytes(8_000);
            for (final DummySession session : new DummySession[] {big, small, within})
            {
                total.filterWrite(next, session, new DefaultWriteRequest("8=FIX.4.4|"));
            }
            assertTrue(big.isClosing(), "an eighth of the bound, the total past it");
            assertFalse(small.isClosing(), "less than an eighth");
            assertFalse(within.isClosing(), "the total within the bound");
        }
        finally
        {
            total.close();
        }
    }

    @Test
    void noLimitWhenTheLimitIsZero() throws Exception
    {
        final ConnectionGuard unlimited = new ConnectionGuard(60_000, 0, Long.MAX_VALUE, log, () -> { });
        try
        {
            final DummySession session = new DummySession();
            session.setScheduledWriteBytes(Integer.MAX_VALUE);
            unlimited.filterWrite(next, session, new DefaultWriteRequest("8=FIX.4.4|"));
            assertFalse(session.isClosing());
        }
        finally
        {
            unlimited.close();
        }
    }
}
