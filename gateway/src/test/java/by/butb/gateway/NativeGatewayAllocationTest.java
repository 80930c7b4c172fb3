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
 * {@link #MAX_BYTES_PER_ORDER} bytes per order that does not trade (what remains is the ClOrdID's string), and at
 * most {@link #MAX_BYTES_PER_FILLED_ORDER} per order that fills against a resting order (its trade print and the copy
 * of the changed book for market data besides). Orders are IOC limit orders, each answered New then
 * Canceled on an empty book, or New then Filled against a resting sell order of 40,000 whose owner reads its partial
 * fills; the clients (this test's threads) are not counted. Counted by HotSpot's per-thread allocation counters, not
 * timed.
 */
class NativeGatewayAllocationTest
{
    private static final int BATCH = 500;
    private static final int WARM_UP_BATCHES = 40;
    private static final int MEASURED_BATCHES = 20;
    private static final long MAX_BYTES_PER_ORDER = 128;
    private static final long MAX_BYTES_PER_FILLED_ORDER = 448;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private int nextClOrdId;

    /** The server's options: the test catalog on the native FIX engine. */
    GatewayOptions options()
    {
        return TestCatalog.options().fixEngine(FixEngine.NATIVE);
    }

    @Test
    void ordersThatDoNotTradeAllocateAlmostNothingOnTheGatewaysThreads() throws Exception
    {
        try (RawGateway gateway = new RawGateway(options()))
        {
            final long perOrder = bytesPerOrder(gateway.rawLoggedOn(TestCatalog.TRADERS[0]), '4');
            assertTrue(perOrder <= MAX_BYTES_PER_ORDER, "bytes allocated per order on the gateway's threads: " +
                perOrder);
            System.out.println("bytes allocated per order on the gateway's threads: " + perOrder);
        }
    }

    @Test
    void ordersThatFillAllocateLittleOnTheGatewaysThreads() throws Exception
    {
        try (RawGateway gateway = new RawGateway(options()))
        {
            final RawFix seller = gateway.rawLoggedOn(TestCatalog.TRADERS[1]);
            seller.send("D", "11=S|55=SMP|54=2|38=40000|40=2|44=2490|59=0|60=" + RawFix.now() + "|");
            assertEquals("0", RawFix.field(seller.readType("8", 10_000), 39), "the sell order rests");
            final Thread reader = new Thread(() -> drain(seller), "test-seller-reader");
            reader.setDaemon(true);
            reader.start();
            final long perOrder = bytesPerOrder(gateway.rawLoggedOn(TestCatalog.TRADERS[0]), '2');
            assertTrue(perOrder <= MAX_BYTES_PER_FILLED_ORDER, "bytes allocated per filled order on the gateway's " +
                "threads: " + perOrder);
            System.out.println("bytes allocated per filled order on the gateway's threads: " + perOrder);
        }
    }

    /** After the warm-up, the bytes the gateway's threads allocate per order, each ending in OrdStatus {@code last}. */
    private long bytesPerOrder(final RawFix client, final char last) throws Exception
    {
        assertTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);
        for (int i = 0; i < WARM_UP_BATCHES; i++)
        {
            batch(client, last);
        }
        final long[] ids = gatewayThreadIds();
        final long before = allocated(ids);
        for (int i = 0; i < MEASURED_BATCHES; i++)
        {
            batch(client, last);
        }
        return (allocated(ids) - before) / ((long)MEASURED_BATCHES * BATCH);
    }

    /** Reads what {@code client} is sent until its connection closes. */
    private static void drain(final RawFix client)
    {
        try
        {
            String message;
            do
            {
                message = client.read(60_000);
            }
            while (!"EOF".equals(message));
        }
        catch (final java.io.IOException ex)
        {
            // the connection is gone: the test is over
        }
    }

    /** Sends {@link #BATCH} orders at once and reads until each is answered with OrdStatus {@code last}. */
    private void batch(final RawFix client, final char last) throws Exception
    {
        final StringBuilder orders = new StringBuilder();
        for (int i = 0; i < BATCH; i++)
        {
            orders.append(RawFix.frame("FIX.4.4", client.body("D", "11=A" + (nextClOrdId++) +
                "|55=SMP|54=1|38=1|40=2|44=2490|59=3|60=" + RawFix.now() + "|")));
        }
        client.sendText(orders.toString());
        int ended = 0;
        while (ended < BATCH)
        {
            final String message = client.read(10_000);
            assertNotNull(message, "an answer within 10 s (" + ended + " of " + BATCH + " ended)");
            assertTrue(message.contains("|35=8|"), message);
            if (message.contains("|39=" + last + "|"))
            {
                ended++;
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
