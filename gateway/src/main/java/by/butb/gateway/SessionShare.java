package by.butb.gateway;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.Participant;
import quickfix.SessionID;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The share of the gateway's work one session may hold: its requests in flight (handed to the engine, their reports
 * not yet made by the sending thread, counted by {@link RequestsInFlight}; or answered by the gateway itself, the
 * answer not yet handled by the sending thread, counted by {@link Outbound}), counted by the session's participant.
 * A session with more than {@link #max} in flight has its reading held ({@link ReadThrottle},
 * {@link QfjReadThrottle}) until it is down to half, so that one session's flood puts at most that much queue ahead
 * of everyone else's orders; the sending thread's own backlog mark ({@link BacklogMarks}) still bounds all sessions
 * together. Thread-safe, allocation-free.
 */
final class SessionShare
{
    /** Requests a session may have in flight before its reading is held, by default. */
    static final int DEFAULT_MAX = 4_096;

    private final Catalog catalog;
    private final AtomicIntegerArray inFlight;
    private final int max;

    /** {@code max}: requests in flight per session above which its reading is held; at least 2. */
    SessionShare(final Catalog catalog, final int max)
    {
        if (max < 2)
        {
            throw new IllegalArgumentException("a session's requests in flight must be allowed at least 2, got " + max);
        }
        this.catalog = catalog;
        this.inFlight = new AtomicIntegerArray(catalog.participants().size());
        this.max = max;
    }

    /** The index {@link #submitted} and the others count {@code session} by; -1 for no participant of the catalog. */
    int indexOf(final SessionID session)
    {
        final Participant p = session == null ? null : catalog.participant(session.getTargetCompID());
        return p == null ? -1 : p.index();
    }

    /** A request of the session counted at {@code index} (a participant's; negative: none) was submitted. */
    void submitted(final int index)
    {
        if (index >= 0)
        {
            inFlight.incrementAndGet(index);
        }
    }

    /** A request of the session counted at {@code index} (negative: none) was answered, or not submitted after all. */
    void answered(final int index)
    {
        if (index >= 0)
        {
            inFlight.decrementAndGet(index);
        }
    }

    /** Whether the session counted at {@code index} (-1: none) is to have its reading held. */
    boolean exceeded(final int index)
    {
        return index >= 0 && inFlight.get(index) > max;
    }

    /** Whether the session counted at {@code index}, held, may be read again: half its share or less in flight. */
    boolean drained(final int index)
    {
        return index < 0 || inFlight.get(index) <= max / 2;
    }

    /** Requests in flight of the session counted at {@code index} (for tests). */
    int inFlight(final int index)
    {
        return inFlight.get(index);
    }
}
