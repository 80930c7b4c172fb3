package by.butb.gateway;

import org.junit.jupiter.api.Test;
import quickfix.SessionID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link SessionShare}: a session is held above its share of requests in flight and read again at half of it. */
class SessionShareTest
{
    private final SessionShare share = new SessionShare(TestCatalog.catalog(), 4);
    private final int a = share.indexOf(new SessionID("FIX.4.4", "BUTB", "TRADER-A"));
    private final int b = share.indexOf(new SessionID("FIX.4.4", "BUTB", "TRADER-B"));

    @Test
    void aSessionIsHeldAboveItsShareAndReadAgainAtHalfOfIt()
    {
        for (int i = 0; i < 4; i++)
        {
            share.submitted(a);
        }
        assertFalse(share.exceeded(a), "at its share");
        share.submitted(a);
        assertTrue(share.exceeded(a), "above it");
        assertFalse(share.exceeded(b), "another session's share is its own");
        share.answered(a);
        share.answered(a);
        assertFalse(share.drained(a), "3 in flight: above half");
        share.answered(a);
        assertTrue(share.drained(a), "2: half");
        assertEquals(2, share.inFlight(a));
    }

    @Test
    void aSessionOfNoParticipantIsNeverHeld()
    {
        final int none = share.indexOf(new SessionID("FIX.4.4", "BUTB", "NOBODY"));
        assertEquals(-1, none);
        share.submitted(none);
        assertFalse(share.exceeded(none));
        assertTrue(share.drained(none));
        assertThrows(IllegalArgumentException.class, () -> new SessionShare(TestCatalog.catalog(), 1));
    }
}
