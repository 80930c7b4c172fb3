package by.butb.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static by.butb.gateway.RawFix.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The native engine's session layer over a raw socket: sequence numbers, resend, gap fill, test requests. */
class NativeSessionProtocolTest
{
    private RawGateway gateway;

    private RawFix start(final GatewayOptions options) throws Exception
    {
        gateway = new RawGateway(options.fixEngine(FixEngine.NATIVE));
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
        r.send("1", "112=EARLY|"); // seq 5: dropped, asked for again
        final String resend = r.read(5_000);
        assertEquals("2", field(resend, 35), resend);
        assertEquals("2", field(resend, 7));
        assertEquals("0", field(resend, 16));
        r.sendText(RawFix.frame("FIX.4.4", "35=4|49=TRADER-A|56=BUTB|34=2|43=Y|122=" + RawFix.now() + "|52=" +
            RawFix.now() + "|123=Y|36=5|"));
        r.sendText(RawFix.frame("FIX.4.4", "35=1|49=TRADER-A|56=BUTB|34=5|43=Y|122=" + RawFix.now() + "|52=" +
            RawFix.now() + "|112=EARLY|"));
        assertEquals("EARLY", field(r.readType("0", 5_000), 112), "the resent message is processed once");
        assertEquals(6, gateway.server().sequenceNumbers("TRADER-A")[1], "next expected incoming number");
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
    void aLogoutIsAnsweredAndTheConnectionClosed() throws Exception
    {
        final RawFix r = start(TestCatalog.options());
        r.send("5", "");
        assertNotNull(r.readType("5", 5_000));
        assertTrue(r.closedWithin(5_000));
    }
}
