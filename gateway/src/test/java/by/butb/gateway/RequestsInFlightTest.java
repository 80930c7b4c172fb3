package by.butb.gateway;

import org.junit.jupiter.api.Test;
import quickfix.SessionID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * {@link RequestsInFlight}: a request counts for its session (its submitter) from its registration to its removal,
 * once.
 */
class RequestsInFlightTest
{
    private final SessionShare share = new SessionShare(TestCatalog.catalog(), SessionShare.DEFAULT_MAX);
    private final RequestsInFlight requests = new RequestsInFlight(share);
    private final SessionID session = new SessionID("FIX.4.4", "BUTB", "TRADER-A");
    private final int index = share.indexOf(session);

    @Test
    void aRequestCountsFromItsRegistrationToItsRemovalOnce()
    {
        final Request r = requests.take(Request.Kind.NEW, session, 1, "C1", null, "SMP", null, '1');
        r.command.submitter = index; // as OrderEntry sets it: the session's participant
        assertEquals(0, share.inFlight(index), "taken, not yet registered");
        requests.register(r);
        assertEquals(1, share.inFlight(index));
        assertSame(r, requests.find(1));
        requests.remove(r, false);
        assertEquals(0, share.inFlight(index));
        requests.remove(r, false);
        assertEquals(0, share.inFlight(index), "a second removal counts nothing");
        assertNull(requests.find(1));
    }

    @Test
    void aRequestWithoutAKnownSubmitterIsNotCounted()
    {
        final Request r = requests.take(Request.Kind.NEW, session, 3, "C3", null, "SMP", null, '1');
        requests.register(r); // submitter UNKNOWN
        assertEquals(0, share.inFlight(index));
        requests.remove(r, false);
        assertEquals(0, share.inFlight(index));
    }

    @Test
    void aRequestNeverRegisteredCountsNothingWhenRemoved()
    {
        final Request r = requests.take(Request.Kind.CANCEL, session, 2, "C2", "C1", "SMP", null, '1');
        r.command.submitter = index;
        requests.remove(r, true);
        assertEquals(0, share.inFlight(index));
    }
}
