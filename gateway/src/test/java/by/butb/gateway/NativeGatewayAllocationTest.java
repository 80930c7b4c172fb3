package by.butb.gateway;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The native FIX engine's order path allocates next to nothing in steady state: once pools and tables have grown,
 * the gateway's own threads (I/O, engine, sending, timers: every thread named {@code butb-}) allocate at most
 * {@link #MAX_BYTES_PER_ORDER} bytes per order that does not trade (what remains is the ClOrdID's string and the
 * sending thread's queue node). Orders are IOC limit orders on an empty book, each answered New then Canceled; the
 * client (this test's threads) is not counted. Counted by HotSpot's per-thread allocation counters, not timed.
 */
class NativeGatewayAllocationTest
{
    private static final int BATCH = 500;
    private static final int WARM_UP_BATCHES = 40;
    private static final int MEASURED_BATCHES = 20;
    private static final long MAX_BYTES_PER_ORDER = 256;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private int nextClOrdId;

    @Test
    void ordersThatDoNotTradeAllocateAlmostNothingOnTheGatewaysThreads() throws Exception
    {
        assertTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);
        try (RawGateway gateway = new RawGateway(TestCatalog.options().fixEngine(FixEngine.NATIVE)))
        {
            final RawFix client = gateway.rawLoggedOn(TestCatalog.TRADERS[0]);
            for (int i = 0; i < WARM_UP_BATCHES; i++)
            {
                batch(client);
            }
            final long[] ids = gatewayThreadIds();
            final long before = allocated(ids);
            for (int i = 0; i < MEASURED_BATCHES; i++)
            {
                batch(client);
            }
            final long perOrder = (allocated(ids) - before) / ((long)MEASURED_BATCHES * BATCH);
            assertTrue(perOrder <= MAX_BYTES_PER_ORDER, "bytes allocated per order on the gateway's threads: " +
                perOrder + " (threads " + Arrays.toString(ids) + ")");
        }
    }

    /** Sends {@link #BATCH} orders at once and reads until each is answered Canceled. */
    private void batch(final RawFix client) throws Exception
    {
        final StringBuilder orders = new StringBuilder();
        for (int i = 0; i < BATCH; i++)
        {
            orders.append(RawFix.frame("FIX.4.4", client.body("D", "11=A" + (nextClOrdId++) +
                "|55=SMP|54=1|38=1|40=2|44=2490|59=3|60=" + RawFix.now() + "|")));
        }
        client.sendText(orders.toString());
        int canceled = 0;
        while (canceled < BATCH)
        {
            final String message = client.read(10_000);
            assertNotNull(message, "an answer within 10 s (" + canceled + " of " + BATCH + " canceled)");
            assertTrue(message.contains("|35=8|"), message);
            if (message.contains("|39=4|"))
            {
                canceled++;
            }
            else
            {
                assertEquals("0", RawFix.field(message, 39), message);
            }
        }
    }

    private static long[] gatewayThreadIds()
    {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("butb-"))
            .mapToLong(Thread::getId)
            .toArray();
    }

    private long allocated(final long[] ids)
    {
        return Arrays.stream(threads.getThreadAllocatedBytes(ids)).filter(b -> b > 0).sum();
    }
}
