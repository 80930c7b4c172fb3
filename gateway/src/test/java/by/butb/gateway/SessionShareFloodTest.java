package by.butb.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static by.butb.gateway.RawFix.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One session floods the gateway with requests while another trades: the flooding session's reading is held whenever it
 * has more than its share of requests in flight, long before the sending thread's own backlog mark, and every one of
 * its requests is still answered: orders the engine answers, and requests the gateway answers by itself (a duplicate
 * ClOrdID, a cancel of an unknown order, a market-data snapshot request). On the QuickFIX/J FIX engine ({@link
 * NativeSessionShareFloodTest}: the native one).
 */
class SessionShareFloodTest
{
    private RawGateway gateway;

    /** The server's options: the test catalog, and the FIX engine under test. */
    GatewayOptions options()
    {
        return TestCatalog.options().fixEngine(FixEngine.QFJ);
    }

    @AfterEach
    void stop() throws Exception
    {
        if (gateway != null)
        {
            gateway.close();
        }
    }

    /** What the flooding session sends, and the message that answers each. */
    enum Flood
    {
        /** IOC orders, each Canceled by the engine. */
        ORDERS("D", "11=F%d|55=SMP|54=1|60=%s|38=1|40=2|44=2200|59=3|", "8", "4"),
        /** New orders reusing the ClOrdID of a live one, each Rejected by the gateway. */
        DUPLICATE_CLORDIDS("D", "11=LIVE|55=SMP|54=1|60=%2$s|38=1|40=2|44=2200|", "8", "8"),
        /** Cancels of orders that do not exist, each answered by the gateway with an OrderCancelReject. */
        UNKNOWN_CANCELS("F", "41=NONE%1$d|11=C%1$d|55=SMP|54=1|60=%2$s|", "9", null),
        /** Market-data snapshot requests, each answered by the gateway with a snapshot. */
        SNAPSHOT_REQUESTS("V", "262=M%d|263=0|264=0|267=2|269=0|269=1|146=1|55=SMP|", "W", null);

        final String type;
        final String body;
        final String answerType;
        final String execType;

        Flood(final String type, final String body, final String answerType, final String execType)
        {
            this.type = type;
            this.body = body;
            this.answerType = answerType;
            this.execType = execType;
        }

        boolean answers(final String m)
        {
            return m.contains("|35=" + answerType + "|") && (execType == null || execType.equals(field(m, 150)));
        }
    }

    private static void awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            latch.await(30, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes {@code count} requests of {@code flood} from {@code flooder}, about 64 KB a write. */
    private static void flood(final RawFix flooder, final Flood flood, final int count)
    {
        final StringBuilder burst = new StringBuilder();
        try
        {
            for (int i = 0; i < count; i++)
            {
                burst.append(RawFix.frame("FIX.4.4", flooder.body(flood.type, String.format(flood.body, i,
                    RawFix.now()))));
                if (burst.length() > 64_000)
                {
                    flooder.sendText(burst.toString());
                    burst.setLength(0);
                }
            }
            flooder.sendText(burst.toString());
        }
        catch (final java.io.IOException ex)
        {
            // the test fails on the count of answers
        }
    }

    @ParameterizedTest
    @EnumSource(Flood.class)
    void aFloodingSessionIsHeldAtItsShareAndEveryRequestIsAnswered(final Flood flood) throws Exception
    {
        gateway = new RawGateway(options().maxRequestsInFlightPerSession(64));
        final RawFix flooder = gateway.rawLoggedOn("TRADER-A");
        final RawFix other = gateway.rawLoggedOn("TRADER-B");
        flooder.send("D", "11=LIVE|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2200|"); // rests
        assertEquals("0", field(flooder.readType("8", 5_000), 150));
        final int orders = 5_000;
        final AtomicInteger ended = new AtomicInteger();
        final Thread reader = new Thread(() ->
        {
            try
            {
                while (ended.get() < orders)
                {
                    final String m = flooder.read(10_000);
                    if (m == null || m.equals("EOF"))
                    {
                        return;
                    }
                    if (flood.answers(m))
                    {
                        ended.incrementAndGet();
                    }
                }
            }
            catch (final java.io.IOException ex)
            {
                // the test fails on the count
            }
        }, "flooder-reader");
        reader.setDaemon(true);
        reader.start();
        // the sending thread answers nothing until the session is held, however fast it would answer on this machine
        final CountDownLatch release = new CountDownLatch(1);
        gateway.server().outbound().execute(() -> awaitQuietly(release));
        final Thread writer = new Thread(() -> flood(flooder, flood, orders), "flooder-writer");
        writer.setDaemon(true);
        writer.start();
        try
        {
            final long deadline = System.currentTimeMillis() + 10_000;
            while (gateway.server().shareHolds() == 0 && System.currentTimeMillis() < deadline)
            {
                Thread.sleep(1);
            }
        }
        finally
        {
            release.countDown();
        }
        writer.join(30_000);

        other.send("D", "11=B1|55=SMP|54=2|60=" + RawFix.now() + "|38=1|40=2|44=2600|"); // while the flood may run
        final String er = other.readType("8", 30_000);
        assertNotNull(er, "the other session is answered");
        assertEquals("B1", field(er, 11));

        reader.join(60_000);
        assertEquals(orders, ended.get(), "every request of the flood answered");
        assertTrue(gateway.server().shareHolds() > 0, "the flooding session was held at its share");
        assertEquals(0, gateway.server().readPauses(), "the sending thread's backlog mark was never reached");
        assertEquals(0, gateway.server().requestsInFlight("TRADER-A"), "nothing left counted in flight");
        assertEquals(0, gateway.server().requestsInFlight("TRADER-B"));
    }
}
