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
 * Each producer's items are taken in the order it added them: once an item is in the overflow, every producer that
 * finds it so adds to the overflow too, until the consumer has taken all of it; and an overflow item is taken only
 * after every ring item added before it (each overflow entry notes the ring's count of items added when it spilled,
 * and waits for the ring's count of items taken to reach it: an item whose slot a producer has claimed but not yet
 * written still comes first). Items of producers adding at the same time are in no particular order.
 * <p>
 * Threading: {@link #add} from any thread; {@link #poll}, {@link #drainTo} and {@link #await} from the consumer only.
 */
final class OutboundQueue<E>
{
    private final ManyToOneConcurrentArrayQueue<E> ring;
    private final ConcurrentLinkedQueue<Spilled<E>> overflow = new ConcurrentLinkedQueue<>();
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
            overflow.add(new Spilled<>(item, ring.addedCount()));
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
        final Spilled<E> spilled = overflow.peek();
        if (spilled == null || ring.removedCount() < spilled.ringAdded)
        {
            return null; // being added, or a ring item added before it is not written yet
        }
        overflow.poll();
        overflowing.decrementAndGet();
        return spilled.item;
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
     * Consumer: parks until an item is added, {@code timeoutNanos} pass or the thread is interrupted. When the queue
     * holds an item that {@link #poll} could not take yet (a producer is still adding it), yields the processor once
     * instead, so that producer can finish.
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
            else
            {
                Thread.yield();
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

    /** An item in the overflow, and the ring's count of added items when it spilled. */
    private record Spilled<E>(E item, long ringAdded)
    {
    }
}
