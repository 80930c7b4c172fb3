package by.butb.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static by.butb.gateway.RawFix.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The native engine's session layer over a raw socket: sequence numbers, resend, gap fill, test requests. */
class NativeSessionProtocolTest
{
    private RawGateway gateway;

    /** The native engine as the tests run it; see {@link NativeSessionProtocolIoThreadsTest}. */
    GatewayOptions engine(final GatewayOptions options)
    {
        return options.fixEngine(FixEngine.NATIVE);
    }

    private RawFix start(final GatewayOptions options) throws Exception
    {
        gateway = new RawGateway(engine(options));
        return gateway.rawLoggedOn("TRADER-A");
    }

    @AfterEach
    void stop() throws Exception
    {
        gateway.close();
    }

    private static void order(final RawFix r, final String clOrdId) throws Exception
    {
        r.send("D", "11=" + clOrdId + "|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2400|");
        final String er = r.readType("8", 5_000);
        assertNotNull(er, "the New of " + clOrdId);
        assertEquals(clOrdId, field(er, 11));
    }

    @Test
    void aResendRequestGetsKeptMessagesAgainAndAGapFillForTheRest() throws Exception
    {
        final RawFix r = start(TestCatalog.options().storedMessages(2));
        order(r, "O1"); // seq 2
        order(r, "O2"); // seq 3
        order(r, "O3"); // seq 4; the store keeps 3 and 4
        r.send("2", "7=1|16=0|");
        final String gap = r.read(5_000);
        assertEquals("4", field(gap, 35), gap);
        assertEquals("1", field(gap, 34));
        assertEquals("Y", field(gap, 123));
        assertEquals("3", field(gap, 36), "the Logon (admin) and the first report (no longer kept) are gap-filled");
        assertEquals("Y", field(gap, 43));
        for (final String expected : new String[] {"O2", "O3"})
        {
            final String again = r.read(5_000);
            assertEquals("8", field(again, 35), again);
            assertEquals(expected, field(again, 11));
            assertEquals(expected.equals("O2") ? "3" : "4", field(again, 34), "resent with its number");
            assertEquals("Y", field(again, 43), "PossDupFlag");
            assertNotNull(field(again, 122), "OrigSendingTime");
        }
    }

    @Test
    void aResendRequestWithinTheKeptMessagesEndsWhereAsked() throws Exception
    {
        final RawFix r = start(TestCatalog.options());
        order(r, "O1");
        order(r, "O2");
        order(r, "O3");
        r.send("2", "7=3|16=3|");
        final String again = r.read(5_000);
        assertEquals("O2", field(again, 11), again);
        assertEquals("3", field(again, 34));
        r.send("1", "112=AFTER|");
        assertEquals("AFTER", field(r.readType("0", 5_000), 112), "nothing else was resent");
    }

    @Test
    void aTestRequestIsAnsweredWithAHeartbeatCarryingItsId() throws Exception
    {
        final RawFix r = start(TestCatalog.options());
        r.send("1", "112=PING-7|");
        final String hb = r.read(5_000);
        assertEquals("0", field(hb, 35), hb);
        assertEquals("PING-7", field(hb, 112));
    }

    @Test
    void aGapIsAnsweredWithOneResendRequestAndFilledBySequenceReset() throws Exception
    {
        final RawFix r = start(TestCatalog.options());
        r.seq += 3; // 2, 3 and 4 never sent
        r.send("1", "112=EARLY|"); // seq 5: answered at once (an admin message is gap-filled, not sent again)
        final String heartbeat = r.read(5_000);
        assertEquals("0", field(heartbeat, 35), heartbeat);
        assertEquals("EARLY", field(heartbeat, 112));
        final String resend = r.read(5_000);
        assertEquals("2", field(resend, 35), resend);
        assertEquals("2", field(resend, 7));
        assertEquals("0", field(resend, 16));
        gapFill(r, 2, 6);
        r.send("1", "112=AFTER|");
        assertEquals("AFTER", field(r.readType("0", 5_000), 112), "the gap is filled");
        assertEquals(7, gateway.server().sequenceNumbers("TRADER-A")[1], "next expected incoming number");
    }

    @Test
    void aResendRequestAheadOfTheExpectedNumberIsAnsweredBeforeTheGapIsAskedFor() throws Exception
    {
        final RawFix r = start(TestCatalog.options());
        order(r, "O1"); // the server's 2
        r.seq += 2; // 3 and 4 never sent
        r.send("2", "7=1|16=0|"); // seq 5
        final String gap = r.read(5_000);
        assertEquals("4", field(gap, 35), gap);
        assertEquals("1", field(gap, 34), "the Logon is gap-filled");
        assertEquals("2", field(gap, 36));
        assertTrue(gap.contains("|122="), "a GapFill carries OrigSendingTime: " + gap);
        final String again = r.read(5_000);
        assertEquals("O1", field(again, 11), again);
        assertEquals("Y", field(again, 43));
        final String ask = r.read(5_000);
        assertEquals("2", field(ask, 35), ask);
        assertEquals("3", field(ask, 7));
        gapFill(r, 3, 6);
        order(r, "O2");
    }

    @Test
    void theClientsLogoutAnsweringTheServersIsCountedSoItsNextLogonShowsNoGap() throws Exception
    {
        final RawFix r = start(TestCatalog.options());
        final String tooLow = RawFix.frame("FIX.4.4", "35=1|49=TRADER-A|56=BUTB|34=1|52=" + RawFix.now() + "|112=X|");
        final String answer = RawFix.frame("FIX.4.4", "35=5|49=TRADER-A|56=BUTB|34=2|52=" + RawFix.now() + "|");
        r.sendText(tooLow + answer); // the Logout answering the server's is read with the message that ended it
        assertNotNull(r.readType("5", 5_000));
        assertTrue(r.closedWithin(5_000));
        gateway.forget(r);
        assertNoGapAtTheNextLogon(3);
    }

    @Test
    void theClientsLogoutSentOnceItHasReadTheServersIsCountedAndEndsTheConnection() throws Exception
    {
        final RawFix r = start(TestCatalog.options().logoutTimeoutMillis(60_000)); // only the answer closes it
        r.sendText(RawFix.frame("FIX.4.4", "35=1|49=TRADER-A|56=BUTB|34=1|52=" + RawFix.now() + "|112=X|"));
        assertEquals("MsgSeqNum too low, expecting 2 but received 1", field(r.readType("5", 5_000), 58));
        r.sendText(RawFix.frame("FIX.4.4", "35=5|49=TRADER-A|56=BUTB|34=2|52=" + RawFix.now() + "|"));
        assertTrue(r.closedWithin(5_000));
        gateway.forget(r);
        assertNoGapAtTheNextLogon(3);
    }

    @Test
    void theAnswerToTheServersLogoutIsReadWhileTheSendingThreadIsTooFarBehindForOrders() throws Exception
    {
        final RawFix r = start(TestCatalog.options().logoutTimeoutMillis(60_000).maxReportBacklog(2));
        r.sendText(RawFix.frame("FIX.4.4", "35=1|49=TRADER-A|56=BUTB|34=1|52=" + RawFix.now() + "|112=X|"));
        assertNotNull(r.readType("5", 5_000));
        final CountDownLatch release = new CountDownLatch(1);
        final Outbound sending = gateway.server().outbound();
        sending.execute(() -> awaitQuietly(release));
        for (int i = 0; i < 10; i++)
        {
            sending.execute(() -> { }); // a backlog past the mark: logged-on connections are not read now
        }
        try
        {
            r.sendText(RawFix.frame("FIX.4.4", "35=5|49=TRADER-A|56=BUTB|34=2|52=" + RawFix.now() + "|"));
            assertTrue(r.closedWithin(5_000), "the answer read, and the connection closed");
        }
        finally
        {
            release.countDown();
        }
        gateway.forget(r);
        assertNoGapAtTheNextLogon(3);
    }

    @Test
    void aConnectionThatDoesNotReadItsLastMessageIsClosedOnceTheLogoutTimeoutHasPassed() throws Exception
    {
        final RawFix r = start(TestCatalog.options().logoutTimeoutMillis(200));
        final String testReqId = "T".repeat(50_000);
        for (int i = 0; i < 200; i++)
        {
            r.send("1", "112=" + testReqId + "|"); // A reads none of the 10 MB of Heartbeats: they wait on its socket
        }
        r.send("5", "");
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (gateway.server().connected("TRADER-A") && System.nanoTime() < deadline)
        {
            Thread.sleep(5);
        }
        assertTrue(!gateway.server().connected("TRADER-A"), "the session free for A's next Logon");
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

    /** TRADER-A logs on again with {@code seq}: the server asks for nothing before it answers a TestRequest. */
    private void assertNoGapAtTheNextLogon(final int seq) throws Exception
    {
        final RawFix again = gateway.raw("TRADER-A");
        again.seq = seq;
        again.logon(TestCatalog.password("TRADER-A"));
        assertNotNull(again.readType("A", 5_000));
        again.send("1", "112=NEXT|");
        final String next = again.read(5_000);
        assertEquals("0", field(next, 35), "a Heartbeat, and no ResendRequest before it: " + next);
        assertEquals("NEXT", field(next, 112));
    }

    @Test
    void aSequenceResetMovesTheExpectedNumberForward() throws Exception
    {
        final RawFix r = start(TestCatalog.options());
        r.sendText(RawFix.frame("FIX.4.4", "35=4|49=TRADER-A|56=BUTB|34=99|52=" + RawFix.now() + "|36=50|"));
        r.seq = 50;
        r.send("1", "112=AT-50|");
        assertEquals("AT-50", field(r.readType("0", 5_000), 112));
    }

    @Test
    void aNumberTooLowWithoutPossDupEndsTheSession() throws Exception
    {
        final RawFix r = start(TestCatalog.options());
        r.seq = 1;
        r.send("1", "112=OLD|");
        final String logout = r.readType("5", 5_000);
        assertNotNull(logout);
        assertEquals("MsgSeqNum too low, expecting 2 but received 1", field(logout, 58));
        assertTrue(r.closedWithin(5_000));
    }

    @Test
    void aGarbledMessageIsIgnoredAndItsNumberStaysExpected() throws Exception
    {
        final RawFix r = start(TestCatalog.options());
        final String good = RawFix.frame("FIX.4.4", "35=1|49=TRADER-A|56=BUTB|34=2|52=" + RawFix.now() + "|112=X|");
        r.sendText(good.substring(0, good.length() - 4) + (good.endsWith("000\u0001") ? "001" : "000") + "\u0001");
        assertNull(r.read(300), "no answer to a wrong CheckSum");
        r.sendText(good);
        assertEquals("X", field(r.readType("0", 5_000), 112));
    }

    @Test
    void aForeignCompIdIsRejectedAndLogsOut() throws Exception
    {
        final RawFix r = start(TestCatalog.options());
        r.sendText(RawFix.frame("FIX.4.4", "35=1|49=TRADER-B|56=BUTB|34=2|52=" + RawFix.now() + "|112=X|"));
        final String reject = r.readType("3", 5_000);
        assertEquals("9", field(reject, 373), "CompID problem");
        assertNotNull(r.readType("5", 5_000));
        assertTrue(r.closedWithin(5_000));
    }

    @Test
    void anAnswerToTheServersLogoutWithForeignCompIdsIsNotCounted() throws Exception
    {
        final RawFix r = start(TestCatalog.options().logoutTimeoutMillis(200));
        r.sendText(RawFix.frame("FIX.4.4", "35=1|49=TRADER-B|56=BUTB|34=2|52=" + RawFix.now() + "|112=X|"));
        assertNotNull(r.readType("5", 5_000), "CompID problem: Reject (counted), then Logout");
        r.sendText(RawFix.frame("FIX.4.4", "35=5|49=TRADER-B|56=BUTB|34=3|52=" + RawFix.now() + "|"));
        assertTrue(r.closedWithin(5_000), "closed once the time for an answer has passed");
        gateway.forget(r);
        assertNoGapAtTheNextLogon(3);
    }

    @Test
    void aLogoutIsAnsweredAndTheConnectionClosed() throws Exception
    {
        final RawFix r = start(TestCatalog.options());
        r.send("5", "");
        assertNotNull(r.readType("5", 5_000));
        assertTrue(r.closedWithin(5_000));
    }
    @Test
    void anOrderReadAfterTheServersLogoutIsNotActedOn() throws Exception
    {
        final RawFix a = start(TestCatalog.options());
        final String tooLow = RawFix.frame("FIX.4.4", "35=1|49=TRADER-A|56=BUTB|34=1|52=" + RawFix.now() + "|112=X|");
        final String order = RawFix.frame("FIX.4.4", "35=D|49=TRADER-A|56=BUTB|34=2|52=" + RawFix.now() +
            "|11=AFTER|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2400|");
        a.sendText(tooLow + order); // one write: the order is read with the message that ends the session
        assertEquals("MsgSeqNum too low, expecting 2 but received 1", field(a.readType("5", 5_000), 58));
        String after;
        while (!"EOF".equals(after = a.read(5_000)))
        {
            assertNotNull(after, "the connection closes after the Logout");
            assertTrue(!after.contains("|35=8|"), "nothing answers the order after the Logout: " + after);
        }
        final RawFix b = gateway.rawLoggedOn("TRADER-B");
        b.send("D", "11=S1|55=SMP|54=2|60=" + RawFix.now() + "|38=1|40=2|44=2400|59=3|");
        String status;
        do
        {
            final String er = b.readType("8", 5_000);
            assertNotNull(er, "the IOC sell's end");
            status = field(er, 39);
        }
        while ("0".equals(status));
        assertEquals("4", status, "the IOC sell finds no buy: the order after the Logout never reached the book");
    }

    /**
     * Each round races the reports of the fills of a resting buy, sent to its owner's session, against that owner's
     * Logon (which resets the numbers) and then its Logout: the Logon must be answered with number 1, and nothing may
     * follow the Logout's answer on the wire.
     */
    @Test
    void aLogonThatResetsNumbersIsAnsweredWithNumberOneWhileReportsAreSentToTheSession() throws Exception
    {
        final RawFix first = start(TestCatalog.options());
        first.send("D", "11=REST|55=SMP|54=1|60=" + RawFix.now() + "|38=100000|40=2|44=2400|");
        assertEquals("0", field(first.readType("8", 5_000), 39), "a large buy rests");
        first.send("5", "");
        assertTrue(first.closedWithin(5_000));
        gateway.forget(first);
        final RawFix seller = gateway.rawLoggedOn("TRADER-B");
        final AtomicBoolean selling = new AtomicBoolean(true);
        final CountDownLatch flowing = new CountDownLatch(1000);
        final Thread fills = new Thread(() ->
        {
            try
            {
                for (int i = 0; selling.get() && i < 90_000; i++)
                {
                    flowing.countDown();
                    seller.send("D", "11=S" + i + "|55=SMP|54=2|60=" + RawFix.now() + "|38=1|40=2|44=2400|59=3|");
                    if (i % 64 == 0)
                    {
                        while (seller.read(1) != null)
                        {
                            // drain, so that the seller's socket never fills
                        }
                    }
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }, "test-seller");
        fills.start();
        assertTrue(flowing.await(10, TimeUnit.SECONDS), "the sells flow");
        try
        {
            for (int round = 0; round < 500; round++) // each Logon races the fills' reports to the resting buy's owner
            {
                final RawFix again = gateway.raw("TRADER-A");
                again.send("A", "98=0|108=30|141=Y|553=TRADER-A|554=" + TestCatalog.password("TRADER-A") + "|");
                final String reply = again.readType("A", 5_000);
                assertNotNull(reply, "round " + round);
                assertEquals("1", field(reply, 34), "round " + round + ": a reset Logon is answered with number 1");
                again.send("5", "");
                assertNothingAfterTheLogout(again, "round " + round);
                gateway.forget(again);
            }
        }
        finally
        {
            selling.set(false);
            fills.join(10_000);
        }
    }

    /** The client's SequenceReset-GapFill, sent again as {@code seq}, up to {@code newSeqNo}, its next number. */
    private static void gapFill(final RawFix r, final int seq, final int newSeqNo) throws Exception
    {
        r.sendText(RawFix.frame("FIX.4.4", "35=4|49=TRADER-A|56=BUTB|34=" + seq + "|43=Y|122=" + RawFix.now() +
            "|52=" + RawFix.now() + "|123=Y|36=" + newSeqNo + "|"));
        r.seq = newSeqNo;
    }

    /** Reads until the connection closes: after the server's Logout, nothing more. */
    private static void assertNothingAfterTheLogout(final RawFix r, final String what) throws Exception
    {
        boolean loggedOut = false;
        String m;
        while (!"EOF".equals(m = r.read(5_000)))
        {
            assertNotNull(m, what + ": the connection closes after the Logout");
            assertTrue(!loggedOut, what + ": a message after the Logout: " + m);
            loggedOut = m.contains("|35=5|");
        }
        assertTrue(loggedOut, what + ": the Logout is answered");
    }
}
