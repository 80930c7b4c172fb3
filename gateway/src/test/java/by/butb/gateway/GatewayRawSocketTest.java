package by.butb.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import quickfix.field.ExecType;
import quickfix.field.MsgType;
import quickfix.field.Side;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntPredicate;

import static by.butb.gateway.Fix.c;
import static by.butb.gateway.RawFix.field;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed and hostile input on plain sockets: each gets what FIX prescribes, and everyone else keeps trading. On
 * the QuickFIX/J FIX engine ({@link NativeGatewayRawSocketTest}: the native one).
 */
class GatewayRawSocketTest
{
    /** Short, so that refusals are answered quickly; the storm tests run with the default. */
    private static final long REFUSAL_DELAY_MILLIS = 50;

    RawGateway gateway;
    private GatewayServer server;

    /** The server's options: the test catalog, and the FIX engine under test. */
    GatewayOptions options()
    {
        return TestCatalog.options().fixEngine(FixEngine.QFJ);
    }

    @BeforeEach
    void start()
    {
        gateway = new RawGateway(options().logonRefusalDelayMillis(REFUSAL_DELAY_MILLIS));
        server = gateway.server();
    }

    @AfterEach
    void stop() throws Exception
    {
        gateway.close();
    }

    /** A client that must still be able to trade after the abuse. */
    void assertOthersStillServed() throws Exception
    {
        final FixClient a = FixClient.logon(server.port(), "TRADER-A");
        gateway.keep(a);
        a.send(Fix.limit("OK" + System.nanoTime(), "SMP", Side.BUY, "1", "2400"));
        assertEquals(ExecType.NEW, c(a.next(MsgType.EXECUTION_REPORT), ExecType.FIELD));
        a.close();
        gateway.forget(a);
    }

    private String refusal(final String sender, final String logonBody) throws Exception
    {
        try (RawFix r = new RawFix(server.port(), sender))
        {
            r.sendText(RawFix.frame("FIX.4.4", logonBody));
            final String reply = r.read(5_000);
            assertNotNull(reply, "no answer to the logon of " + sender);
            assertTrue(reply.contains("|35=5|"), "expected a Logout: " + reply);
            assertTrue(r.closedWithin(5_000), "connection not closed after the refusal");
            // the session is free again once the server has seen the refused connection close
            waitForRefusalsToClear();
            return field(reply, 58);
        }
    }

    private static String logonBody(final String sender, final String target, final String password)
    {
        return "35=A|49=" + sender + "|56=" + target + "|34=1|52=" + RawFix.now() + "|98=0|108=30|" +
            (password == null ? "" : "554=" + password + "|");
    }

    @Test
    void refusedLogonsSayWhyAndChangeNothing() throws Exception
    {
        // A has a session with history: its sequence numbers must survive every failed attempt
        final FixClient a = FixClient.logon(server.port(), "TRADER-A");
        a.send(Fix.limit("H1", "SMP", Side.BUY, "1", "2400"));
        a.next(MsgType.EXECUTION_REPORT);
        a.session().logout();
        while (a.isLoggedOn())
        {
            Thread.sleep(10);
        }
        Thread.sleep(200);
        final int[] before = server.sequenceNumbers("TRADER-A");

        assertEquals(Authenticator.WRONG_CREDENTIALS, refusal("NOBODY", logonBody("NOBODY", "BUTB", "x")));
        assertEquals("participant SUSP is suspended", refusal("SUSP", logonBody("SUSP", "BUTB", "pw-SUSP")));
        assertEquals("the accreditation of participant EXPD has expired",
            refusal("EXPD", logonBody("EXPD", "BUTB", "pw-EXPD")));
        assertEquals(Authenticator.WRONG_CREDENTIALS, refusal("NOPW", logonBody("NOPW", "BUTB", "x")));
        assertEquals(Authenticator.WRONG_CREDENTIALS, refusal("TRADER-A", logonBody("TRADER-A", "BUTB", "guess")));
        assertEquals(Authenticator.WRONG_CREDENTIALS, refusal("TRADER-A", "35=A|49=TRADER-A|56=BUTB|34=1|52=" +
            RawFix.now() + "|98=0|108=30|141=Y|554=guess|"));
        assertEquals("Password(554) is required", refusal("TRADER-A", logonBody("TRADER-A", "BUTB", null)));
        assertEquals("TargetCompID must be BUTB", refusal("TRADER-A", logonBody("TRADER-A", "NYSE", "pw-TRADER-A")));
        try (RawFix r = new RawFix(server.port(), "TRADER-A"))
        {
            r.sendText(RawFix.frame("FIX.4.2", logonBody("TRADER-A", "BUTB", "pw-TRADER-A")));
            final String reply = r.read(5_000);
            assertEquals("BeginString FIX.4.2 is not supported: use FIX.4.4", field(reply, 58));
        }

        assertArrayEquals(before, server.sequenceNumbers("TRADER-A"), "sequence numbers unchanged");

        // the rightful owner logs on again and continues its sequence
        a.session().logon();
        a.awaitLogon();
        a.send(Fix.limit("H2", "SMP", Side.BUY, "1", "2400"));
        assertEquals(ExecType.NEW, c(a.next(MsgType.EXECUTION_REPORT), ExecType.FIELD));
        a.close();
        waitForRefusalsToClear();
    }

    @Test
    void refusalsDoNotTellWhetherAParticipantExistsOrHowItStands() throws Exception
    {
        final String unknown = refusal("NOBODY", logonBody("NOBODY", "BUTB", "guess"));
        assertEquals(unknown, refusal("TRADER-A", logonBody("TRADER-A", "BUTB", "guess")));
        assertEquals(unknown, refusal("NOPW", logonBody("NOPW", "BUTB", "guess")));
        assertEquals(unknown, refusal("SUSP", logonBody("SUSP", "BUTB", "guess")), "suspended, wrong password");
        assertEquals(unknown, refusal("EXPD", logonBody("EXPD", "BUTB", "guess")), "expired, wrong password");
        assertEquals("participant SUSP is suspended", refusal("SUSP", logonBody("SUSP", "BUTB", "pw-SUSP")));
    }

    @Test
    void aSecondLogonForALoggedOnParticipantIsClosedAndTheFirstGoesOn() throws Exception
    {
        final RawFix first = gateway.rawLoggedOn("TRADER-B");
        final RawFix second = gateway.raw("TRADER-B");
        second.logon(TestCatalog.password("TRADER-B"));
        assertTrue(second.closedWithin(5_000), "the second connection is closed");
        first.send("D", "11=AFTER|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2400|");
        final String er = first.readType("8", 5_000);
        assertNotNull(er, "the first connection still trades");
        assertEquals("0", field(er, 150));
    }

    @Test
    void aConnectionLoggedOnAsOneParticipantCannotLogOnAsAnother() throws Exception
    {
        final RawFix first = gateway.rawLoggedOn("TRADER-B");
        // the same participant again (refused by QuickFIX/J: already logged on), then a Logon and an order for
        // another one, all in one write
        final RawFix second = gateway.raw("TRADER-B");
        final String logonB = RawFix.frame("FIX.4.4", second.body("A", "98=0|108=30|553=TRADER-B|554=" +
            TestCatalog.password("TRADER-B") + "|"));
        final String logonC = RawFix.frame("FIX.4.4", "35=A|49=TRADER-C|56=BUTB|34=1|52=" + RawFix.now() +
            "|98=0|108=30|141=Y|554=guess|");
        final String orderC = RawFix.frame("FIX.4.4", "35=D|49=TRADER-C|56=BUTB|34=2|52=" + RawFix.now() +
            "|11=EVIL|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2400|");
        second.sendText(logonB + logonC + orderC);
        final List<String> received = new ArrayList<>();
        final long deadline = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < deadline)
        {
            final String m = second.read(deadline - System.currentTimeMillis());
            if (m == null || m.equals("EOF"))
            {
                break;
            }
            received.add(m);
        }
        assertEquals(List.of(), received, "what the second connection got");
        // had the Logon for TRADER-C reached its session, the session would answer within milliseconds
        final long watchUntil = System.currentTimeMillis() + 500;
        while (System.currentTimeMillis() < watchUntil)
        {
            final int[] c = server.sequenceNumbers("TRADER-C");
            assertTrue(c == null || c[0] == 1 && c[1] == 1,
                "TRADER-C's session was opened on the impostor's connection");
            Thread.sleep(10);
        }
        first.send("1", "112=STILL|");
        assertNotNull(first.readType("0", 5_000), "the first connection goes on");
    }

    @Test
    void refusalsAreLoggedWithTheirPreciseReasonAFewAMinute() throws Exception
    {
        final List<String> lines = new CopyOnWriteArrayList<>();
        server = gateway.restart(options().logonRefusalDelayMillis(0).connectionLogSink(lines::add));
        final int refusals = 3 * GatewayServer.CONNECTION_LOG_LINES_PER_MINUTE;
        for (int i = 0; i < refusals; i++)
        {
            final String who = i % 2 == 0 ? "NOBODY" : "NOPW";
            assertEquals(Authenticator.WRONG_CREDENTIALS, refusal(who, logonBody(who, "BUTB", "guess-" + i)));
        }
        assertEquals(GatewayServer.CONNECTION_LOG_LINES_PER_MINUTE, lines.size(), "lines for " + refusals +
            " refusals: " + lines);
        assertTrue(lines.get(0).contains("unknown participant NOBODY"), lines.get(0));
        assertTrue(lines.get(1).contains("participant NOPW has no gateway password"), lines.get(1));
    }

    private void waitForRefusalsToClear() throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + 5_000;
        while (server.unauthenticatedConnections() > 0 && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(20);
        }
        assertEquals(0, server.unauthenticatedConnections(), "refused connections leave nothing behind");
    }

    @Test
    void messagesBeforeLogonAreDisconnected() throws Exception
    {
        final RawFix r = gateway.raw("TRADER-B");
        r.send("D", "11=X1|21=1|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2400|");
        assertTrue(r.closedWithin(5_000));
        final RawFix unknown = gateway.raw("GHOST");
        unknown.send("D", "11=X1|21=1|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2400|");
        assertTrue(unknown.closedWithin(5_000));
        assertOthersStillServed();
    }

    @Test
    void garbageBytesNeverReachAnyone() throws Exception
    {
        final Random random = new Random(42);
        for (int i = 0; i < 5; i++)
        {
            final RawFix r = gateway.raw("TRADER-B");
            final byte[] junk = new byte[20_000];
            random.nextBytes(junk);
            try
            {
                r.sendBytes(junk);
            }
            catch (final java.io.IOException ex)
            {
                // the server may already have hung up
            }
            assertTrue(r.closedWithin(5_000), "corrupt stream is dropped");
        }
        final RawFix r = gateway.raw("TRADER-B");
        r.sendBytes("8=FIX.4.4\u00019=5\u000135=A\u0001garbage-after-header\u0001\u0001\u0001"
            .getBytes(StandardCharsets.ISO_8859_1));
        r.read(500);
        assertOthersStillServed();
    }

    @Test
    void aLongMsgTypeIsAnsweredWithoutEchoingIt() throws Exception
    {
        final RawFix r = gateway.rawLoggedOn("TRADER-B");
        final String longType = "Z".repeat(2_000);
        r.send(longType, "58=x|");
        final String answer = r.read(5_000);
        assertNotNull(answer, "the message is answered");
        assertTrue(answer.contains("|35=3|") || answer.contains("|35=j|"), answer);
        assertFalse(answer.contains("Z".repeat(FixIds.MAX_ECHOED_MSG_TYPE + 1)), "not echoed: " + answer.length() +
            " characters");
        r.send("1", "112=after|");
        assertNotNull(r.readType("0", 5_000), "the session goes on");
    }

    @Test
    void garbledMessagesAreIgnoredAndTheSessionGoesOn() throws Exception
    {
        final RawFix r = gateway.rawLoggedOn("TRADER-B");
        // wrong checksum
        final String good = RawFix.frame("FIX.4.4", r.body("1", "112=T1|")).replace(RawFix.SOH, '|');
        final String badChecksum = good.substring(0, good.length() - 4) + (good.endsWith("000|") ? "001|" : "000|");
        r.sendText(badChecksum);
        // wrong body length
        final String badLength = good.replaceFirst("\\|9=\\d+\\|", "|9=7|");
        r.sendText(badLength);
        assertEquals(null, r.readType("0", 500), "garbled messages get no answer");
        // the garbled TestRequest did not count: the same sequence number is still expected
        r.seq--;
        r.send("1", "112=T2|");
        final String heartbeat = r.readType("0", 5_000);
        assertNotNull(heartbeat);
        assertEquals("T2", field(heartbeat, 112));
        assertOthersStillServed();
    }

    @Test
    void aHeartBtIntWithoutDeadPeerDetectionOrBeyondTenMinutesIsRefusedAtLogonAndClosesTheSessionWhenResetTo()
        throws Exception
    {
        final String expected = "HeartBtInt(108) must be 1 to 600 seconds";
        for (final String seconds : List.of("0", "-0", "-5", "601", "2147483647", "99999999999999999999", "+30",
            "3O", "30.5"))
        {
            assertEquals(expected, refusal("TRADER-A", "35=A|49=TRADER-A|56=BUTB|34=1|52=" + RawFix.now() +
                "|98=0|108=" + seconds + "|554=" + TestCatalog.password("TRADER-A") + "|"), "HeartBtInt " + seconds);
        }
        assertEquals(expected, refusal("NOBODY", "35=A|49=NOBODY|56=BUTB|34=1|52=" + RawFix.now() +
            "|98=0|108=0|554=x|"), "said before the password is checked: it tells nothing of the participant");

        final RawFix zeros = gateway.raw("TRADER-C");
        zeros.send("A", "98=0|108=0000000000000000000030|554=" + TestCatalog.password("TRADER-C") + "|");
        assertNotNull(zeros.readType("A", 5_000), "30 s with leading zeros is 30 s");

        final RawFix logged = gateway.rawLoggedOn("TRADER-B");
        logged.seq = 1;
        logged.send("A", "98=0|108=0|141=Y|");
        assertTrue(logged.closedWithin(5_000), "a Logon inside the session may not turn dead-peer detection off");
        final RawFix signed = gateway.rawLoggedOn("TRADER-A");
        signed.seq = 1;
        signed.send("A", "98=0|108=+30|141=Y|");
        final String logout = signed.readType("5", 5_000); // QuickFIX/J closes without one
        assertTrue(logout == null || logout.contains("|58=" + expected + "|"), logout);
        // the session is free for its owner once the server has let the closed connection go (a few milliseconds
        // after the close, a new logon is closed too: docs/gateway.md says to log on again)
        String answer = null;
        for (int attempt = 0; attempt < 50 && answer == null; attempt++)
        {
            final RawFix again = gateway.raw("TRADER-B");
            again.send("A", "98=0|108=30|141=Y|554=" + TestCatalog.password("TRADER-B") + "|");
            answer = again.readType("A", 5_000);
            Thread.sleep(answer == null ? 100 : 0);
        }
        assertNotNull(answer, "the owner logs on again");
    }

    @Test
    void aLogonThatResetsNumbersInsideTheSessionResetsThemBothWays() throws Exception
    {
        final RawFix r = gateway.rawLoggedOn("TRADER-B");
        r.send("1", "112=BEFORE|");
        assertNotNull(r.readType("0", 5_000));
        r.seq = 1;
        r.send("A", "98=0|108=30|141=Y|");
        final String answer = r.read(5_000);
        assertNotNull(answer);
        assertEquals("A", field(answer, 35), answer);
        assertEquals("1", field(answer, 34));
        assertEquals("Y", field(answer, 141));
        r.send("1", "112=AFTER|"); // seq 2
        final String heartbeat = r.readType("0", 5_000);
        assertNotNull(heartbeat, "the session goes on");
        assertEquals("AFTER", field(heartbeat, 112));
        assertEquals("2", field(heartbeat, 34));
    }

    @Test
    void aTagTwiceOutsideARepeatingGroupGetsASessionRejectAndNoOrder() throws Exception
    {
        final RawFix r = gateway.rawLoggedOn("TRADER-B");
        r.send("D", "11=T1|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2400|44=1|");
        final String reject = r.readType("3", 5_000);
        assertNotNull(reject);
        assertEquals("44", field(reject, 371));
        assertEquals("13", field(reject, 373), "tag appears more than once");
        r.send("D", "11=T2|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2400|");
        final String accepted = r.readType("8", 5_000);
        assertEquals("T2", field(accepted, 11), "no report for T1 came before T2's: " + accepted);
        r.send("D", "11=T3|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2400|453=2|448=CLIENT-C|447=D|452=3|" +
            "448=TRADER-B|447=D|452=3|");
        final String answer = r.read(5_000);
        assertNotNull(answer);
        assertTrue(!answer.contains("|373=13|"), "a group's fields repeat, once in each entry: " + answer);
    }

    @Test
    void aTagWithoutAValueGetsASessionRejectAndTheSessionGoesOnWithoutAResendRequest() throws Exception
    {
        final RawFix r = gateway.rawLoggedOn("TRADER-B");
        r.send("D", "11=E1|1=|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2400|");
        final String reject = r.readType("3", 5_000);
        assertNotNull(reject, "a Reject, as for any invalid field");
        assertEquals("1", field(reject, 371));
        assertEquals("4", field(reject, 373), "tag specified without a value");
        r.send("D", "11=E2|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2400|");
        final String next = r.read(5_000);
        assertNotNull(next);
        assertEquals("8", field(next, 35), "the empty-valued message used its number, so no ResendRequest: " + next);
        assertEquals("E2", field(next, 11));

        r.send("4", "123=|36=50|"); // a SequenceReset is rejected before it moves the numbers
        final String resetReject = r.readType("3", 5_000);
        assertNotNull(resetReject);
        assertEquals("123", field(resetReject, 371));
        assertEquals("4", field(resetReject, 373));
        r.seq--; // a rejected reset does not take its number (on QuickFIX/J too)
        r.send("D", "11=E3|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2400|");
        final String after = r.read(5_000);
        assertNotNull(after);
        assertEquals("E3", field(after, 11), "the expected number was not moved to 50: " + after);

        r.send("", "58=no type|"); // an empty MsgType: whatever the answer, no field of it is empty
        final String any = r.read(2_000);
        assertTrue(any == null || !any.contains("|372=|"), any);
        final RawFix logon = gateway.rawLoggedOn("TRADER-C"); // a Logon inside the session ends it
        logon.seq = 1;
        logon.send("A", "98=0|108=30|141=Y|58=|");
        final String logout = logon.readType("5", 5_000);
        assertNotNull(logout);
        assertTrue(field(logout, 58).startsWith("Invalid Logon message"), logout);
        assertTrue(logon.closedWithin(5_000));
    }

    @Test
    void invalidFieldsGetSessionRejects() throws Exception
    {
        final RawFix r = gateway.rawLoggedOn("TRADER-B");
        // missing required tag Side(54)
        r.send("D", "11=M1|55=SMP|60=" + RawFix.now() + "|38=1|40=2|44=2400|");
        String reject = r.readType("3", 5_000);
        assertNotNull(reject);
        assertEquals("54", field(reject, 371));
        assertEquals("1", field(reject, 373), "required tag missing");
        // wrong type: OrderQty is not a number
        r.send("D", "11=M2|55=SMP|54=1|60=" + RawFix.now() + "|38=abc|40=2|44=2400|");
        reject = r.readType("3", 5_000);
        assertNotNull(reject);
        assertEquals("38", field(reject, 371));
        assertEquals("6", field(reject, 373), "incorrect data format");
        // value out of range for the field
        r.send("D", "11=M3|55=SMP|54=Z|60=" + RawFix.now() + "|38=1|40=2|44=2400|");
        reject = r.readType("3", 5_000);
        assertNotNull(reject);
        assertEquals("54", field(reject, 371));
        // a time beyond the nanoseconds a long holds (both engines; QuickFIX/J itself takes years to 9999)
        r.send("D", "11=M6|55=SMP|54=1|60=99991231-23:59:59|38=1|40=2|44=2400|");
        reject = r.readType("3", 5_000);
        assertNotNull(reject);
        assertEquals("60", field(reject, 371));
        assertEquals("6", field(reject, 373), "incorrect data format");
        r.send("D", "11=M7|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2400|59=6|126=16000101-00:00:00|");
        reject = r.readType("3", 5_000);
        assertNotNull(reject);
        assertEquals("126", field(reject, 371));
        // undefined tag
        r.send("D", "11=M4|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2400|4999=1|");
        reject = r.readType("3", 5_000);
        assertNotNull(reject, "undefined tag rejected");
        // the session is still alive and trades
        r.send("D", "11=M5|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2400|");
        final String er = r.readType("8", 5_000);
        assertNotNull(er);
        assertEquals("M5", field(er, 11));
        assertEquals("0", field(er, 150));
        assertOthersStillServed();
    }

    @Test
    void malformedMarketDataRequestsGetSessionRejectsAndAWellFormedOneASnapshot() throws Exception
    {
        final RawFix r = gateway.rawLoggedOn("TRADER-C");
        r.send("V", "262=R1|263=0|267=1|269=0|146=1|55=SMP|");
        String reject = r.readType("3", 5_000);
        assertNotNull(reject, "MarketDepth(264) missing");
        assertEquals("264", field(reject, 371));
        assertEquals("1", field(reject, 373), "required tag missing");
        r.send("V", "262=R2|263=0|264=0|267=1|269=0|146=2|55=SMP|");
        reject = r.readType("3", 5_000);
        assertNotNull(reject, "NoRelatedSym(146) counts two symbols, names one");
        assertEquals("16", field(reject, 373), "incorrect NumInGroup count");
        r.send("V", "262=R3|263=0|264=1|267=2|269=0|269=1|146=1|55=SMP|");
        final String w = r.readType("W", 5_000);
        assertNotNull(w);
        assertEquals("R3", field(w, 262));
        assertEquals("SMP", field(w, 55));
        assertOthersStillServed();
    }

    @Test
    void malformedPartiesGroupsGetSessionRejectsAndAWellFormedOneIsHonoured() throws Exception
    {
        final RawFix r = gateway.rawLoggedOn("TRADER-B");
        final String order = "55=SMP|54=2|60=" + RawFix.now() + "|38=1|40=2|44=2400|59=1|";
        r.send("D", "11=P1|" + order + "453=2|448=TRADER-A|447=D|452=17|");
        String reject = r.readType("3", 5_000);
        assertNotNull(reject, "NoPartyIDs(453) counts two entries, has one");
        assertEquals("453", field(reject, 371));
        assertEquals("16", field(reject, 373), "incorrect NumInGroup count");
        r.send("D", "11=P2|" + order + "453=1|452=17|448=TRADER-A|447=D|");
        reject = r.readType("3", 5_000);
        assertNotNull(reject, "an entry that does not start with PartyID(448)");
        assertEquals("452", field(reject, 371));
        assertEquals("15", field(reject, 373), "repeating group fields out of order");
        assertEquals("The group 453 must set the delimiter field 448", field(reject, 58));
        r.send("D", "11=P3|" + order + "453=2|448=TRADER-B|447=D|452=3|448=TRADER-A|447=D|452=17|");
        final String er = r.readType("8", 5_000);
        assertNotNull(er);
        assertEquals("P3", field(er, 11));
        assertEquals("0", field(er, 150), "an address order for TRADER-A, the broker party being itself: " + er);
        assertOthersStillServed();
    }

    @Test
    void aFloodOfBadOrdersIsAnsweredWhileOthersTrade() throws Exception
    {
        final RawFix r = gateway.rawLoggedOn("TRADER-B");
        final int n = 3_000;
        final StringBuilder burst = new StringBuilder();
        for (int i = 0; i < n; i++)
        {
            burst.append(RawFix.frame("FIX.4.4", r.body("D", "11=F" + i + "|55=SMP|54=1|60=" + RawFix.now() +
                "|38=" + (i % 3 == 0 ? "0" : i % 3 == 1 ? "-1" : "1") + "|40=2|44=" + (i % 2 == 0 ? "2400.5" : "1") +
                "|")));
            if (burst.length() > 64_000)
            {
                r.sendText(burst.toString());
                burst.setLength(0);
            }
        }
        r.sendText(burst.toString());
        assertOthersStillServed();
        int rejects = 0;
        final long deadline = System.currentTimeMillis() + 30_000;
        while (rejects < n && System.currentTimeMillis() < deadline)
        {
            final String m = r.read(5_000);
            if (m == null || m.equals("EOF"))
            {
                break;
            }
            if (m.contains("|35=8|") && "8".equals(field(m, 150)))
            {
                rejects++;
            }
        }
        assertEquals(n, rejects, "every bad order answered with a reject");
    }

    /** Orders sent by {@link #floodWithoutReading}, and whether the server dropped the connection meanwhile. */
    private record Flood(int sent, boolean dropped)
    {
    }

    /**
     * Sends bursts of 1,000 orders that the gateway answers with a reject each, without ever reading, while
     * {@code goOn} holds for the orders sent so far: the answers fill the socket buffers, then pile up unwritten in
     * the server until it drops the connection, and our writes fail.
     */
    private static Flood floodWithoutReading(final RawFix slow, final String idPrefix, final IntPredicate goOn)
        throws IOException
    {
        int sent = 0;
        while (goOn.test(sent))
        {
            final StringBuilder burst = new StringBuilder();
            for (int i = 0; i < 1_000; i++, sent++)
            {
                burst.append(RawFix.frame("FIX.4.4", slow.body("D", "11=" + idPrefix + sent + "|55=SMP|54=1|60=" +
                    RawFix.now() + "|38=0|40=2|44=2400|")));
            }
            try
            {
                slow.sendText(burst.toString());
            }
            catch (final IOException ex)
            {
                return new Flood(sent, true);
            }
        }
        return new Flood(sent, false);
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedWhileOthersTrade() throws Exception
    {
        server = gateway.restart(options().maxScheduledWrites(20));
        final RawFix slow = gateway.rawLoggedOn("TRADER-B");
        final long deadline = System.currentTimeMillis() + 60_000;
        final Flood flood = floodWithoutReading(slow, "S", sent -> System.currentTimeMillis() < deadline);
        assertTrue(flood.dropped(), "the server still accepts input from a client that read nothing of " +
            flood.sent() + " answers");
        assertOthersStillServed();
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedOnceAllSessionsBacklogsTogetherPassTheirBound() throws Exception
    {
        // each session's own bound stays at its default (about 100 MB); all sessions together may hold 256 KiB
        server = gateway.restart(options().maxTotalBacklogBytes(256 * 1024));
        final RawFix slow = gateway.rawLoggedOn("TRADER-B");
        // 200,000 orders: about 70 MB of answers, far below its own bound, far past the total
        final Flood flood = floodWithoutReading(slow, "T", sent -> sent < 200_000);
        assertTrue(flood.dropped(), "not dropped after " + flood.sent() + " orders whose answers it never read");
        assertOthersStillServed();
    }

    @Test
    void foreignCompIdsInsideASessionAreRejected() throws Exception
    {
        final RawFix r = gateway.rawLoggedOn("TRADER-B");
        // a message claiming to come from someone else on B's connection
        r.sendText(RawFix.frame("FIX.4.4", "35=D|49=TRADER-A|56=BUTB|34=" + (r.seq++) + "|52=" + RawFix.now() +
            "|11=Z1|55=SMP|54=1|60=" + RawFix.now() + "|38=1|40=2|44=2400|"));
        final String m = r.read(5_000);
        assertTrue(m == null || m.equals("EOF") || !m.contains("|35=8|"), "never executed: " + m);
        assertOthersStillServed();
    }
}
