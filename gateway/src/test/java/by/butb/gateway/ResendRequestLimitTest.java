package by.butb.gateway;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A session's ResendRequests are paced ({@link ResendPace}): a repeated one within a second gets a session Reject
 * instead of a resend, so a burst of them cannot keep the gateway re-reading a store, while a client asking in chunks
 * is answered chunk after chunk. On the QuickFIX/J FIX engine ({@link NativeResendRequestLimitTest}: the native one).
 */
class ResendRequestLimitTest
{
    /** The server's options: the test catalog, and the FIX engine under test. */
    GatewayOptions options()
    {
        return TestCatalog.options().fixEngine(FixEngine.QFJ);
    }

    @Test
    void aSecondResendRequestWithinASecondIsRejectedAndTheSessionGoesOn() throws Exception
    {
        try (RawGateway gateway = new RawGateway(options()))
        {
            final RawFix r = gateway.rawLoggedOn("TRADER-A");
            r.send("1", "112=T1|");
            assertNotNull(r.readType("0", 5_000));
            final String first = RawFix.frame("FIX.4.4", r.body("2", "7=1|16=0|"));
            r.sendText(first + RawFix.frame("FIX.4.4", r.body("2", "7=1|16=0|"))); // one write
            final String reject = r.readType("3", 5_000);
            assertNotNull(reject, "the second is rejected");
            assertEquals("7", RawFix.field(reject, 371));
            assertEquals("5", RawFix.field(reject, 373));
            assertEquals(ResendPace.REFUSAL, RawFix.field(reject, 58));
            r.send("1", "112=T2|");
            assertNotNull(r.readType("0", 5_000), "the session goes on");
        }
    }

    @Test
    void aClientAskingInChunksIsAnsweredChunkAfterChunk() throws Exception
    {
        try (RawGateway gateway = new RawGateway(options()))
        {
            final RawFix r = gateway.rawLoggedOn("TRADER-A");
            for (int i = 0; i < 3; i++)
            {
                r.send("1", "112=T" + i + "|");
                assertNotNull(r.readType("0", 5_000));
            }
            final String first = RawFix.frame("FIX.4.4", r.body("2", "7=1|16=2|"));
            r.sendText(first + RawFix.frame("FIX.4.4", r.body("2", "7=3|16=0|"))); // the next chunk at once
            r.send("1", "112=AFTER|");
            readWithoutRejectUntil(r, "|112=AFTER|", "the heartbeat answering the last TestRequest");
        }
    }

    @Test
    void aClientThatReconnectsIsAnsweredAtOnce() throws Exception
    {
        // an interval longer than the reconnect can take: only forgetting the last resend at the disconnect answers it
        try (RawGateway gateway = new RawGateway(options().resendIntervalMillis(600_000)))
        {
            final RawFix r = gateway.rawLoggedOn("TRADER-A");
            r.send("2", "7=1|16=0|");
            assertNotNull(r.readType("4", 5_000), "the Logon gap-filled");
            r.send("5", "");
            assertNotNull(r.readType("5", 5_000));
            r.close();
            gateway.forget(r);
            final RawFix again = gateway.raw("TRADER-A");
            again.seq = r.seq;
            again.logon(TestCatalog.password("TRADER-A"));
            assertNotNull(again.readType("A", 5_000));
            again.send("2", "7=1|16=0|");
            readWithoutRejectUntil(again, "|35=4|", "a gap fill for the resend asked at once after the new logon");
        }
    }

    /** Reads {@code r} up to a message containing {@code until} ({@code what} it is), failing on a Reject before. */
    private static void readWithoutRejectUntil(final RawFix r, final String until, final String what)
        throws java.io.IOException
    {
        String message;
        do
        {
            message = r.read(5_000);
            assertNotNull(message, what);
            assertFalse(message.contains("|35=3|"), "no Reject: " + message);
        }
        while (!message.contains(until));
    }
}
