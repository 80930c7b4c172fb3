package by.butb.gateway;

import by.butb.engine.core.MatchingEngine;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Maps FIX ClOrdID strings to the engine's {@code clientOrderId} longs. The engine keys live orders by
 * (beneficial owner, clientOrderId), so the table is per owner: each new ClOrdID gets the owner's next number.
 * It holds only live (or in-flight) orders: an entry goes when its order ends, so a ClOrdID may be reused after
 * that, exactly as the engine allows. With a {@link ClOrdIdJournal}, every allocation is recorded there before it is
 * returned, so a restart can give live orders their ClOrdIDs back. Session threads allocate and look up; the
 * gateway's sending thread releases (as it reports an order's end).
 */
final class ClOrdIdTable
{
    private final ConcurrentHashMap<Key, Long> live = new ConcurrentHashMap<>();
    private final AtomicLong[] next;
    private final ClOrdIdJournal journal;

    /** @param journal where allocations are recorded, or null to keep them only in memory. */
    ClOrdIdTable(final int participants, final ClOrdIdJournal journal)
    {
        this.journal = journal;
        next = new AtomicLong[participants];
        for (int i = 0; i < participants; i++)
        {
            next[i] = new AtomicLong(1);
        }
    }

    /** A fresh engine id for {@code clOrdId}, or 0 when that ClOrdID names a live order of the owner. */
    long allocate(final int owner, final String clOrdId)
    {
        final long id = next[owner].getAndIncrement();
        if (id >= MatchingEngine.MAX_CLIENT_ORDER_ID)
        {
            throw new IllegalStateException("client order ids of participant " + owner + " are exhausted");
        }
        final Key key = new Key(owner, clOrdId);
        if (live.putIfAbsent(key, id) != null)
        {
            return 0;
        }
        if (journal != null)
        {
            try
            {
                journal.record(owner, id, clOrdId);
            }
            catch (final RuntimeException ex)
            {
                live.remove(key, id);
                throw ex;
            }
        }
        return id;
    }

    /** The engine id of a live order, or 0. */
    long lookup(final int owner, final String clOrdId)
    {
        final Long id = live.get(new Key(owner, clOrdId));
        return id == null ? 0 : id;
    }

    /** Forgets an entry if it still maps to {@code id}. */
    void release(final int owner, final String clOrdId, final long id)
    {
        live.remove(new Key(owner, clOrdId), id);
    }

    /** At start: an order that was live before a restart. */
    void seed(final int owner, final String clOrdId, final long id)
    {
        live.put(new Key(owner, clOrdId), id);
        next[owner].accumulateAndGet(id + 1, Math::max);
    }

    int size()
    {
        return live.size();
    }

    private record Key(int owner, String clOrdId)
    {
    }
}
