package by.butb.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static by.butb.gateway.RawFix.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

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
