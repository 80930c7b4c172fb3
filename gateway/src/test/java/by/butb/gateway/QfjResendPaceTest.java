package by.butb.gateway;

import org.junit.jupiter.api.Test;
import quickfix.SessionID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QfjResendPaceTest
{
    private static final long SECOND = QfjResendPace.MIN_INTERVAL_NANOS;
    private final SessionID session = new SessionID("FIX.4.4", "BUTB", "TRADER-A");
    private final QfjResendPace pace = new QfjResendPace();

    @Test
    void aRepeatedRequestWithinASecondOfTheLastResendIsNotTaken()
    {
        assertTrue(pace.take(session, 1, 0, 0));
        assertFalse(pace.take(session, 1, 0, SECOND / 2));
        assertTrue(pace.take(session, 1, 0, SECOND + 1), "a second after the last one taken");
    }

    @Test
    void theIntervalCountsFromTheLastMessageResentNotFromTheRequest()
    {
        assertTrue(pace.take(session, 1, 0, 0));
        pace.resent(session, 5 * SECOND); // a long resend
        assertFalse(pace.take(session, 1, 0, 5 * SECOND + SECOND / 2), "queued behind the resend, not late");
        assertTrue(pace.take(session, 1, 0, 6 * SECOND + 1));
    }

    @Test
    void aRequestContinuingTheLastRangeIsTakenAtOnce()
    {
        assertTrue(pace.take(session, 1, 100, 0));
        assertTrue(pace.take(session, 101, 200, 1), "the next chunk");
        assertFalse(pace.take(session, 150, 0, 2), "overlapping the chunk just taken");
        assertTrue(pace.take(new SessionID("FIX.4.4", "BUTB", "TRADER-B"), 1, 0, 3), "sessions are paced apart");
        pace.forget(session);
        assertTrue(pace.take(session, 1, 0, 4), "a new logon starts afresh");
    }
}
