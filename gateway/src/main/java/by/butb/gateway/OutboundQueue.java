package by.butb.gateway;

import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The sending thread's queue ({@link Outbound}): many producers, one consumer. Unbounded, so no producer ever waits
 * (the engine's logic thread is one), yet it creates no object while it holds fewer items than its capacity: items go
 * into a pre-allocated ring, and only while the ring is full into a linked overflow queue.
 * <p>
 * Each producer's items are taken in the order it added them: once an item is in the overflow, every producer adds to
 * the overflow until the consumer has taken all of it, and the consumer takes from the overflow only when the ring is
 * empty. Items of different producers are in no particular order.
 * <p>
 * Threading: {@link #add} from any thread; {@link #poll}, {@link #drainTo} and {@link #await} from the consumer only.
 */
final class OutboundQueue<E>
{
    private final ManyToOneConcurrentArrayQueue<E> ring;
    private final ConcurrentLinkedQueue<E> overflow = new ConcurrentLinkedQueue<>();
    /** Items counted into the overflow and not yet taken from it (counted before they are added). */
    private final AtomicLong overflowing = new AtomicLong();
    /** The consumer while it is in {@link #await}, else null. */
    private volatile Thread parked;

    /** {@code capacity}: items the ring holds before the overflow is used (rounded up to a power of two). */
    OutboundQueue(final int capacity)
    {
        ring = new ManyToOneConcurrentArrayQueue<>(capacity);
    }

    /** Adds {@code item} (not null), and wakes the consumer if it is parked in {@link #await}. */
    void add(final E item)
    {
        if (overflowing.get() != 0 || !ring.offer(item))
        {
            overflowing.incrementAndGet();
            overflow.add(item);
        }
        final Thread consumer = parked;
        if (consumer != null)
        {
            LockSupport.unpark(consumer);
        }
    }

    /** Consumer: the next item, or null when there is none now. */
    E poll()
    {
        final E item = ring.poll();
        if (item != null || overflowing.get() == 0)
        {
            return item;
        }
        final E spilled = overflow.poll();
        if (spilled != null)
        {
            overflowing.decrementAndGet();
        }
        return spilled;
    }

    /** Consumer: moves up to {@code limit} items to {@code to}, in order; returns how many. */
    int drainTo(final List<? super E> to, final int limit)
    {
        int n = 0;
        E item;
        while (n < limit && (item = poll()) != null)
        {
            to.add(item);
            n++;
        }
        return n;
    }

    /**
     * Consumer: parks until an item is added, {@code timeoutNanos} pass or the thread is interrupted; returns at once
     * when the queue holds an item.
     */
    void await(final long timeoutNanos)
    {
        parked = Thread.currentThread();
        try
        {
            if (isEmpty())
            {
                LockSupport.parkNanos(this, timeoutNanos);
            }
        }
        finally
        {
            parked = null;
        }
    }

    /** Whether no item is queued (or being added to the overflow). */
    boolean isEmpty()
    {
        return ring.isEmpty() && overflowing.get() == 0;
    }

    /** Items queued now (approximate while producers add). */
    int size()
    {
        return ring.size() + (int)Math.min(Integer.MAX_VALUE - ring.capacity(), overflowing.get());
    }
}
