package by.butb.gateway;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On QuickFIX/J a session's ResendRequests are paced ({@link QfjResendPace}): a repeated one within a second gets a
 * session Reject instead of a resend, so a burst of them cannot keep the session's thread re-reading its store for
 * minutes, while a client asking in chunks is answered chunk after chunk. (The native engine joins overlapping
 * requests into one walk of its store instead.)
 */
class QfjResendRequestLimitTest
{
    @Test
    void aSecondResendRequestWithinASecondIsRejectedAndTheSessionGoesOn() throws Exception
    {
        try (RawGateway gateway = new RawGateway(TestCatalog.options().fixEngine(FixEngine.QFJ)))
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
            assertTrue(reject.contains("a ResendRequest within a second of the last resend that does not continue it"),
                reject);
            r.send("1", "112=T2|");
            assertNotNull(r.readType("0", 5_000), "the session goes on");
        }
    }

    @Test
    void aClientAskingInChunksIsAnsweredChunkAfterChunk() throws Exception
    {
        try (RawGateway gateway = new RawGateway(TestCatalog.options().fixEngine(FixEngine.QFJ)))
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
            String message;
            do
            {
                message = r.read(5_000);
                assertNotNull(message, "the heartbeat answering the last TestRequest");
                assertFalse(message.contains("|35=3|"), "no Reject: " + message);
            }
            while (!message.contains("|112=AFTER|"));
        }
    }
}
