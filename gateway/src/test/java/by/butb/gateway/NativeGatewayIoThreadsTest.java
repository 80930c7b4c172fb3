package by.butb.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static by.butb.gateway.RawFix.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The native FIX engine with three I/O threads ({@link GatewayOptions#ioThreads}): each connection goes to the next
 * thread in turn at accept, sessions on different threads trade with each other, and a participant that reconnects
 * (so lands on another thread) finds its session as it left it. The load, logon storm, limits, raw-socket and
 * allocation suites run on several threads too ({@code NativeGatewayIoThreads*Test}).
 */
class NativeGatewayIoThreadsTest
{
    private static final int IO_THREADS = 3;

    private GatewayServer server;

    @BeforeEach
    void start()
    {
        server = GatewayServer.start(TestCatalog.options().fixEngine(FixEngine.NATIVE).ioThreads(IO_THREADS));
    }

    @AfterEach
    void stop()
    {
        server.close();
    }

    @Test
    void startsOneNamedThreadPerIoThreadAndStopsThemAtClose()
    {
        assertEquals(Set.of("butb-gateway-fix-io-0", "butb-gateway-fix-io-1", "butb-gateway-fix-io-2"), ioThreads());
        server.close();
        assertEquals(Set.of(), ioThreads());
    }

    @Test
    void ordersOfSessionsOnDifferentIoThreadsTradeWithEachOther() throws Exception
    {
        try (RawFix seller = logon(TestCatalog.TRADERS[0]); RawFix buyer = logon(TestCatalog.TRADERS[1]))
        {
            seller.send("D", "11=S1|55=SMP|54=2|38=2|40=2|44=2500|59=0|60=" + RawFix.now() + "|");
            assertEquals("0", field(seller.readType("8", 5_000), 150), "the sell order rests");
            buyer.send("D", "11=B1|55=SMP|54=1|38=2|40=2|44=2500|59=3|60=" + RawFix.now() + "|");

            final String bought = fill(buyer);
            assertNotNull(bought, "the buyer's fill");
            assertEquals("B1", field(bought, 11), bought);
            final String sold = fill(seller);
            assertNotNull(sold, "the seller's fill");
            assertEquals("S1", field(sold, 11), sold);
        }
    }

    /** Six connections in a row: each I/O thread reads the session twice. */
    @Test
    void aParticipantReconnectingOnEachIoThreadInTurnKeepsItsSequenceNumbers() throws Exception
    {
        final String trader = TestCatalog.TRADERS[0];
        int nextFromClient = 1;
        int expectedFromServer = 1;
        for (int connection = 0; connection < 2 * IO_THREADS; connection++)
        {
            try (RawFix r = new RawFix(server.port(), trader))
            {
                r.seq = nextFromClient;
                r.logon(TestCatalog.password(trader));
                final String logon = r.readType("A", 5_000);
                assertNotNull(logon, "logon " + connection);
                assertEquals(expectedFromServer, Integer.parseInt(field(logon, 34)), "connection " + connection +
                    " continues the server's numbers: " + logon);
                r.send("D", "11=R" + connection + "|55=SMP|54=1|38=1|40=2|44=2490|59=0|60=" + RawFix.now() + "|");
                final String report = r.readType("8", 5_000);
                assertNotNull(report, "the order of connection " + connection + " is answered");
                assertEquals("R" + connection, field(report, 11), report);
                r.send("5", "");
                final String logout = r.readType("5", 5_000);
                assertNotNull(logout, "the Logout of connection " + connection + " is answered");
                expectedFromServer = Integer.parseInt(field(logout, 34)) + 1;
                nextFromClient = r.seq;
            }
            awaitGone(trader);
        }
    }

    /**
     * The resting buy of a participant that reconnects twelve times (so onto each I/O thread in turn) is filled all
     * the while, one lot at a time: on every connection the server's numbers go up by one from the Logon's answer, and
     * the fills' CumQty only ever goes up, so no report overtakes one built before it, on whichever thread each is
     * encoded.
     */
    @Test
    void aParticipantReconnectingWhileItsFillsStreamGetsEveryConnectionsMessagesInOrder() throws Exception
    {
        final String trader = TestCatalog.TRADERS[0];
        int nextFromClient;
        try (RawFix first = logon(trader))
        {
            first.send("D", "11=REST|55=SMP|54=1|38=100000|40=2|44=2400|59=0|60=" + RawFix.now() + "|");
            assertEquals("0", field(first.readType("8", 5_000), 39), "a large buy rests");
            first.send("5", "");
            assertNotNull(first.readType("5", 5_000));
            nextFromClient = first.seq;
        }
        awaitGone(trader);
        final AtomicBoolean selling = new AtomicBoolean(true);
        final Thread seller = new Thread(() -> sellOneLotAtATime(selling), "test-seller");
        seller.start();
        try
        {
            BigDecimal cumQty = BigDecimal.ZERO;
            for (int connection = 0; connection < 4 * IO_THREADS; connection++)
            {
                try (RawFix r = new RawFix(server.port(), trader))
                {
                    r.seq = nextFromClient;
                    r.logon(TestCatalog.password(trader));
                    int fills = 0;
                    int lastSeq = -1;
                    String m;
                    while (!"EOF".equals(m = r.read(5_000)))
                    {
                        assertNotNull(m, "connection " + connection + ": a message within 5 s");
                        final int seq = Integer.parseInt(field(m, 34));
                        if (lastSeq >= 0)
                        {
                            assertEquals(lastSeq + 1, seq, "connection " + connection + ": the next number: " + m);
                        }
                        lastSeq = seq;
                        if (m.contains("|35=8|") && "REST".equals(field(m, 11)))
                        {
                            final BigDecimal now = new BigDecimal(field(m, 14));
                            assertTrue(now.compareTo(cumQty) > 0,
                                "connection " + connection + ": CumQty goes up from " + cumQty + ": " + m);
                            cumQty = now;
                            if (++fills == 40)
                            {
                                r.send("5", "");
                            }
                        }
                    }
                    assertTrue(fills >= 40, "connection " + connection + " saw fills");
                    nextFromClient = r.seq;
                }
                awaitGone(trader);
            }
        }
        finally
        {
            selling.set(false);
            seller.join(10_000);
        }
    }

    /** Sells one lot at a time at the resting buy's price (IOC) until told to stop, reading what it is sent. */
    private void sellOneLotAtATime(final AtomicBoolean selling)
    {
        try (RawFix r = logon(TestCatalog.TRADERS[1]))
        {
            for (int i = 0; selling.get() && i < 90_000; i++)
            {
                r.send("D", "11=S" + i + "|55=SMP|54=2|38=1|40=2|44=2400|59=3|60=" + RawFix.now() + "|");
                if (i % 32 == 0)
                {
                    while (r.read(1) != null)
                    {
                        // drained, so that the server never finds this reader slow
                    }
                }
            }
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private RawFix logon(final String trader) throws Exception
    {
        final RawFix r = new RawFix(server.port(), trader);
        r.logon(TestCatalog.password(trader));
        assertNotNull(r.readType("A", 5_000), trader + " logged on");
        return r;
    }

    /** The next ExecutionReport that reports a fill (ExecType F), or null within 5 s. */
    private static String fill(final RawFix r) throws Exception
    {
        String report;
        do
        {
            report = r.readType("8", 5_000);
        }
        while (report != null && !"F".equals(field(report, 150)));
        return report;
    }

    private void awaitGone(final String trader) throws InterruptedException
    {
        final long deadline = System.nanoTime() + 5_000_000_000L;
        while (server.connected(trader) && System.nanoTime() < deadline)
        {
            Thread.sleep(1);
        }
        assertFalse(server.connected(trader), "the server let the connection of " + trader + " go");
    }

    private static Set<String> ioThreads()
    {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
            .filter(name -> name.startsWith("butb-gateway-fix-io")).collect(Collectors.toSet());
    }
}
