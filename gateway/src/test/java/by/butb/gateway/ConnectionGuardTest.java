package by.butb.gateway;

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
    private final ConnectionGuard guard = new ConnectionGuard(60_000, 1_000, log, () -> { });
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
    void noLimitWhenTheLimitIsZero() throws Exception
    {
        final ConnectionGuard unlimited = new ConnectionGuard(60_000, 0, log, () -> { });
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
