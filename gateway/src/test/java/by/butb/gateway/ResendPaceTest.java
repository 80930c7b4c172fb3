package by.butb.gateway;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResendPaceTest
{
    private static final long SECOND = ResendPace.MIN_INTERVAL_NANOS;
    private final ResendPace pace = new ResendPace();

    @Test
    void aRepeatedRequestWithinASecondOfTheLastResendIsNotTaken()
    {
        assertTrue(pace.take(1, 0, 0));
        assertFalse(pace.take(1, 0, SECOND / 2));
        assertTrue(pace.take(1, 0, SECOND + 1), "a second after the last one taken");
    }

    @Test
    void theIntervalCountsFromTheLastMessageResentNotFromTheRequest()
    {
        assertTrue(pace.take(1, 0, 0));
        pace.resent(5 * SECOND); // a long resend
        assertFalse(pace.take(1, 0, 5 * SECOND + SECOND / 2), "queued behind the resend, not late");
        assertTrue(pace.take(1, 0, 6 * SECOND + 1));
    }

    @Test
    void aRequestContinuingTheLastRangeIsTakenAtOnce()
    {
        assertTrue(pace.take(1, 100, 0));
        assertTrue(pace.take(101, 200, 1), "the next chunk");
        assertFalse(pace.take(150, 0, 2), "overlapping the chunk just taken");
        assertTrue(pace.take(201, 0, 3), "the chunk after the one taken, the one rejected aside");
        assertFalse(pace.take(1_000, 0, 4), "nothing continues a request up to infinity");
    }
}
