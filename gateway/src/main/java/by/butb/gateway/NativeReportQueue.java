package by.butb.gateway;

import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * What the gateway's sending thread hands one I/O thread to encode and write ({@link NativeIoLoop}, with several I/O
 * threads): messages for sessions whose connection that thread owns, in the order the sending thread sent them. A
 * ring of pre-allocated slots, each with its own copy of an {@link OrderReport}, so that a report crosses threads
 * without creating an object. One producer (the sending thread) and one consumer (the loop's thread).
 */
final class NativeReportQueue
{
    /** One message for one session: a report copy, or a message the gateway built ({@link #message}). */
    static final class Slot
    {
        NativeSession session;
        /** A {@code quickfix.Message} or a {@link MarketDataMessage}; null when the message is {@link #report}. */
        Object message;
        final OrderReport report = new OrderReport();
    }

    private final Slot[] slots;
    private final int mask;
    /** Slots published; written by the producer only. */
    private final AtomicLong tail = new AtomicLong();
    /** Slots taken; written by the consumer only. */
    private final AtomicLong head = new AtomicLong();
    private final IdleStrategy full = new YieldingIdleStrategy();

    /** {@code capacity}: a power of two. */
    NativeReportQueue(final int capacity)
    {
        if (Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        slots = new Slot[capacity];
        for (int i = 0; i < capacity; i++)
        {
            slots[i] = new Slot();
        }
        mask = capacity - 1;
    }

    /**
     * Producer: the next slot to fill, then {@link #publish}; while the ring is full, runs {@code wake} once (the
     * consumer may be blocked) and waits, yielding, as long as {@code consumerRuns} holds; null once it does not (the
     * consumer stopped: nothing will take it).
     */
    Slot claim(final BooleanSupplier consumerRuns, final Runnable wake)
    {
        final long t = tail.get();
        if (t - head.get() >= slots.length)
        {
            wake.run();
            full.reset();
            while (t - head.get() >= slots.length)
            {
                if (!consumerRuns.getAsBoolean())
                {
                    return null;
                }
                full.idle();
            }
        }
        return slots[(int)t & mask];
    }

    /**
     * Producer: the slot {@link #claim} gave is filled. A full fence: a producer that reads afterwards that the
     * consumer is stopping knows the consumer's last look at the queue may have missed it.
     */
    void publish()
    {
        tail.set(tail.get() + 1);
    }

    /** Slots published so far. Any thread. */
    long publishedCount()
    {
        return tail.get();
    }

    /** Slots taken so far: the consumer is done with each (for the I/O loops: its message is stored). Any thread. */
    long takenCount()
    {
        return head.get();
    }

    /** Consumer: the oldest published slot, or null; give it back with {@link #taken} once read. */
    Slot peek()
    {
        final long h = head.get();
        return h < tail.get() ? slots[(int)h & mask] : null;
    }

    /** Consumer: done with the slot {@link #peek} gave (its references are cleared). */
    void taken(final Slot slot)
    {
        slot.session = null;
        slot.message = null;
        head.lazySet(head.get() + 1);
    }
}
