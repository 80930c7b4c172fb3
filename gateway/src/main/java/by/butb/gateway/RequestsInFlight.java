package by.butb.gateway;

import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.ManyToManyConcurrentArrayQueue;
import quickfix.SessionID;

/**
 * The gateway's requests between their submission and the end of their command's reports, found by user reference
 * and counted per session ({@link SessionShare}), and the spare {@link Request} instances they are taken from, so
 * that an order creates none in steady state. A request is taken and registered on a session thread, found and given
 * back on the gateway's sending thread once its reports are written; one that is never submitted is simply dropped
 * (the collector takes it). Thread-safe; allocates nothing once its table and its spares have grown to the number of
 * requests in flight.
 */
final class RequestsInFlight
{
    /** Spare instances kept at most; beyond it, given-back ones are left to the collector. */
    static final int SPARES = 4_096;

    private final Long2ObjectHashMap<Request> byUserRef = new Long2ObjectHashMap<>();
    private final ManyToManyConcurrentArrayQueue<Request> spares = new ManyToManyConcurrentArrayQueue<>(SPARES);
    private final SessionShare share;

    /** {@code share} counts each session's requests in flight. */
    RequestsInFlight(final SessionShare share)
    {
        this.share = share;
    }

    /** A request with these identifying fields and every command field at its default. Any thread. */
    Request take(final Request.Kind kind, final SessionID session, final long userRef, final String clOrdId,
        final String origClOrdId, final String symbol, final String orderIdText, final char fixSide)
    {
        final Request spare = spares.poll();
        return (spare != null ? spare : new Request())
            .reset(kind, session, userRef, clOrdId, origClOrdId, symbol, orderIdText, fixSide);
    }

    /** Makes {@code r} findable by its user reference; call before its command is published. Any thread. */
    void register(final Request r)
    {
        synchronized (byUserRef)
        {
            byUserRef.put(r.userRef, r);
        }
        share.submitted(r.command.submitter); // the session's participant (OrderEntry); negative: none
    }

    /** The registered request with {@code userRef}, or null (a command of another gateway run, or of a timer). */
    Request find(final long userRef)
    {
        synchronized (byUserRef)
        {
            return byUserRef.get(userRef);
        }
    }

    /**
     * Unregisters {@code r}; with {@code reuse}, it becomes a spare and the caller may not touch it again (nothing
     * else may hold it either).
     */
    void remove(final Request r, final boolean reuse)
    {
        final boolean registered;
        synchronized (byUserRef)
        {
            registered = byUserRef.remove(r.userRef) != null;
        }
        if (registered)
        {
            share.answered(r.command.submitter);
        }
        if (reuse)
        {
            spares.offer(r);
        }
    }
}
