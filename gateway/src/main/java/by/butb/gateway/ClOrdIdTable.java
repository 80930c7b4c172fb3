package by.butb.gateway;

import by.butb.engine.core.MatchingEngine;
import org.agrona.collections.Hashing;
import org.agrona.collections.Object2LongHashMap;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Maps FIX ClOrdID strings to the engine's {@code clientOrderId} longs. The engine keys live orders by
 * (beneficial owner, clientOrderId), so the table is per owner: each new ClOrdID gets the owner's next number.
 * It holds only live (or in-flight) orders: an entry goes when its order ends, so a ClOrdID may be reused after
 * that, exactly as the engine allows. With a {@link ClOrdIdJournal}, every allocation is recorded there before it is
 * returned, so a restart can give live orders their ClOrdIDs back. Session threads allocate and look up; the
 * gateway's sending thread releases (as it reports an order's end). Thread-safe: each owner's entries are an
 * open-addressing map of their own, under its own lock, so a lookup, an allocation or a release creates no object
 * once the map has grown to the owner's live orders.
 */
final class ClOrdIdTable
{
    /** Per owner: ClOrdID to engine id; 0 when absent. Each guarded by itself. */
    private final Object2LongHashMap<String>[] live;
    private final AtomicLong[] next;
    private final ClOrdIdJournal journal;

    /** @param journal where allocations are recorded, or null to keep them only in memory. */
    ClOrdIdTable(final int participants, final ClOrdIdJournal journal)
    {
        this.journal = journal;
        next = new AtomicLong[participants];
        live = newMaps(participants);
        for (int i = 0; i < participants; i++)
        {
            next[i] = new AtomicLong(1);
            live[i] = new Object2LongHashMap<>(16, Hashing.DEFAULT_LOAD_FACTOR, 0);
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
        final Object2LongHashMap<String> ids = live[owner];
        synchronized (ids)
        {
            if (ids.putIfAbsent(clOrdId, id) != 0)
            {
                return 0;
            }
        }
        if (journal != null)
        {
            try
            {
                journal.record(owner, id, clOrdId);
            }
            catch (final RuntimeException ex)
            {
                release(owner, clOrdId, id);
                throw ex;
            }
        }
        return id;
    }

    /** The engine id of a live order, or 0 (also for a null ClOrdID). */
    long lookup(final int owner, final String clOrdId)
    {
        if (clOrdId == null)
        {
            return 0;
        }
        final Object2LongHashMap<String> ids = live[owner];
        synchronized (ids)
        {
            return ids.getValue(clOrdId);
        }
    }

    /** Forgets an entry if it still maps to {@code id}. */
    void release(final int owner, final String clOrdId, final long id)
    {
        final Object2LongHashMap<String> ids = live[owner];
        synchronized (ids)
        {
            ids.remove(clOrdId, id);
        }
    }

    /** At start: an order that was live before a restart. */
    void seed(final int owner, final String clOrdId, final long id)
    {
        final Object2LongHashMap<String> ids = live[owner];
        synchronized (ids)
        {
            ids.put(clOrdId, id);
        }
        reserve(owner, id);
    }

    /** Engine id {@code id} of {@code owner} is not to be allocated again (its ClOrdID is seeded later). */
    void reserve(final int owner, final long id)
    {
        next[owner].accumulateAndGet(id + 1, Math::max);
    }

    @SuppressWarnings("unchecked")
    private static Object2LongHashMap<String>[] newMaps(final int participants)
    {
        return new Object2LongHashMap[participants];
    }
}
