package by.butb.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static by.butb.gateway.RawFix.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With a FIX store directory ({@code --fix-store}), a session's sequence numbers and the messages sent to it survive
 * a restart of the server: raw sockets, so that every sequence number is the test's. On the QuickFIX/J FIX engine
 * ({@link NativeGatewayFixStoreTest}: the native one).
 */
class GatewayFixStoreTest
{
    @TempDir
    Path dir;

    RawGateway gateway;

    /** The server's options: the test catalog, and the FIX engine under test. */
    GatewayOptions options()
    {
        return TestCatalog.options().fixEngine(FixEngine.QFJ);
    }

    GatewayOptions stored()
    {
        return options().dataDirectory(dir.resolve("journal")).fixStoreDirectory(dir.resolve("fix"))
            .logonRefusalDelayMillis(50);
    }

    @BeforeEach
    void start()
    {
        gateway = new RawGateway(stored());
    }

    @AfterEach
    void stop() throws Exception
    {
        gateway.close();
    }

    /**
     * TRADER-A rests a sell of 5 at 2,500 (S1), then logs out (its next MsgSeqNum is 4); returns the order's
     * acknowledgement.
     */
    private String aRestsASellAndLogsOut() throws Exception
    {
        final RawFix a = gateway.rawLoggedOn("TRADER-A");
        a.send("D", "11=S1|55=SMP|54=2|60=" + RawFix.now() + "|38=5|40=2|44=2500|59=1|");
        final String acknowledged = a.readType("8", 5_000);
        assertEquals("0", field(acknowledged, 150));
        a.send("5", "");
        assertNotNull(a.readType("5", 5_000), "the Logout answered");
        a.close();
        gateway.forget(a);
        return acknowledged;
    }

    @Test
    void aRestartKeepsSequenceNumbersAndResendsTheReportsMissedMeanwhile() throws Exception
    {
        assertEquals("2", field(aRestsASellAndLogsOut(), 34));
        final RawFix b = gateway.rawLoggedOn("TRADER-B");
        b.send("D", "11=B1|55=SMP|54=1|60=" + RawFix.now() + "|38=5|40=2|44=2500|");
        assertNotNull(b.readType("8", 5_000));
        assertEquals("F", field(b.readType("8", 5_000), 150), "A's order fills while A is away");
        gateway.server().drain();

        gateway.restart(stored());
        try (RawFix early = new RawFix(gateway.server().port(), "TRADER-A"))
        {
            early.logon(TestCatalog.password("TRADER-A"));
            final String logout = early.readType("5", 5_000);
            assertNotNull(logout, "a Logon numbered 1 after A sent 3 messages");
            assertEquals("MsgSeqNum too low, expecting 4 but received 1", field(logout, 58));
        }
        final long deadline = System.nanoTime() + 5_000_000_000L;
        while (gateway.server().connected("TRADER-A") && System.nanoTime() < deadline)
        {
            Thread.sleep(1); // the server lets the refused connection go (a logon meanwhile would be refused too)
        }
        final RawFix a = gateway.raw("TRADER-A");
        a.seq = 4;
        a.logon(TestCatalog.password("TRADER-A"));
        final String logon = a.readType("A", 5_000);
        assertNotNull(logon);
        assertTrue(Integer.parseInt(field(logon, 34)) > 4, "the server's numbers go on: " + logon);
        a.send("2", "7=1|16=0|");
        final String resentAck = a.readType("8", 5_000);
        assertEquals("2", field(resentAck, 34));
        assertEquals("Y", field(resentAck, 43));
        assertEquals("S1", field(resentAck, 11));
        final String missedFill = a.readType("8", 5_000);
        assertNotNull(missedFill, "the fill sent while A was away, resent after the restart");
        assertEquals("4", field(missedFill, 34));
        assertEquals("Y", field(missedFill, 43));
        assertEquals("F", field(missedFill, 150));
        assertEquals("S1", field(missedFill, 11));

        a.send("D", "11=S2|55=SMP|54=2|60=" + RawFix.now() + "|38=1|40=2|44=2600|");
        final String next = a.readType("8", 5_000);
        assertEquals("S2", field(next, 11));
        assertEquals("0", field(next, 150), "the session goes on: " + next);
    }

    @Test
    void aFillWhileItsOwnerHasNotLoggedOnSinceARestartReachesItAtItsNextLogon() throws Exception
    {
        aRestsASellAndLogsOut();

        gateway.restart(stored());
        final RawFix b = gateway.rawLoggedOn("TRADER-B");
        b.send("D", "11=B1|55=SMP|54=1|60=" + RawFix.now() + "|38=2|40=2|44=2500|");
        assertEquals("0", field(b.readType("8", 5_000), 150));
        assertEquals("F", field(b.readType("8", 5_000), 150), "A's order fills while A is away");
        gateway.server().drain();

        final RawFix again = gateway.raw("TRADER-A");
        again.seq = 4;
        again.logon(TestCatalog.password("TRADER-A"));
        assertNotNull(again.readType("A", 5_000));
        again.send("2", "7=4|16=0|"); // all the server sent after A's Logout was answered (number 3)
        final List<String> resent = new ArrayList<>();
        String missedFill = null;
        for (String m; missedFill == null && (m = again.read(5_000)) != null; )
        {
            resent.add(m);
            missedFill = "8".equals(field(m, 35)) && "F".equals(field(m, 150)) ? m : null;
        }
        assertNotNull(missedFill, "the fill sent while A was away, resent; got " + resent);
        assertEquals("Y", field(missedFill, 43));
        assertEquals("S1", field(missedFill, 11));
    }

    @Test
    void aStartThatCannotListenLeavesNothingBehindThatTheNextStartWouldTakeUp() throws Exception
    {
        aRestsASellAndLogsOut();
        gateway.server().close();

        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> GatewayServer.start(stored().port(taken.getLocalPort())));
            assertTrue(refused.getMessage().startsWith("cannot start the FIX gateway on 127.0.0.1:" +
                taken.getLocalPort()), refused.getMessage());
        }

        gateway.restart(stored());
        final RawFix again = gateway.raw("TRADER-A");
        again.seq = 4;
        again.logon(TestCatalog.password("TRADER-A"));
        assertNotNull(again.readType("A", 5_000), "A's session goes on with its numbers");
        again.send("D", "11=S2|55=SMP|54=2|60=" + RawFix.now() + "|38=1|40=2|44=2600|");
        final String ack = again.readType("8", 5_000);
        assertNotNull(ack, "an order reaches this server's engine");
        assertEquals("S2", field(ack, 11));
        assertEquals("0", field(ack, 150));
    }
}
