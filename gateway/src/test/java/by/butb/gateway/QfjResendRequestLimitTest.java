package by.butb.gateway;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On QuickFIX/J a session's ResendRequests are answered at most one a second; a quicker one gets a session Reject
 * instead of a resend, so a burst of them cannot keep the session's thread re-reading its store for minutes. (The
 * native engine joins overlapping requests into one walk of its store instead.)
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
            assertTrue(reject.contains("more than one ResendRequest a second"), reject);
            r.send("1", "112=T2|");
            assertNotNull(r.readType("0", 5_000), "the session goes on");
        }
    }
}
