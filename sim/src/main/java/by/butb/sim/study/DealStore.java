package by.butb.sim.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The planned deals' steps, packed: each deal's steps as variable-length bytes (about 10 to 20 bytes a step instead
 * of a {@link Step} object), in deal order, and the deals sorted by the time of their first step. {@link #cursor()}
 * unpacks them one deal at a time as they fall due ({@link StepCursor}), so the plan never holds all its steps as
 * objects.
 *
 * <p>Filled by {@link #add} with the steps of deal 1, then deal 2, ... (each deal's steps together), then
 * {@link #seal()}; only then read. Single-threaded while filling; once sealed, several cursors may read it, each
 * from one thread.
 */
final class DealStore
{
    /** Chunks of 256 KiB: below the collector's humongous size, so each takes no more than its bytes. */
    private static final int CHUNK_BITS = 18;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int LOT_TERMS = 0x80;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final List<byte[]> chunks = new ArrayList<>();
    private byte[] chunk;
    private long size;
    /** Per deal (number - 1): where its steps start; {@code starts[deals]} is the end of the last deal's. */
    private long[] starts = new long[1024];
    /** Per deal (number - 1): the time of its first step (the smallest of its step times), epoch nanoseconds. */
    private long[] firstTimes = new long[1024];
    private int deals;
    private long steps;
    /** Deal numbers in the order their first steps fall due (time, then deal number); set by {@link #seal()}. */
    private int[] dueOrder;

    // Fields of the previous step of the deal being added (the next step is written as differences from them).
    private long lastPrice;
    private long lastQuantity;

    /** Adds a step of the deal being written, or the first step of the next deal (number {@code deals + 1}). */
    void add(final Step s)
    {
        if (dueOrder != null)
        {
            throw new IllegalStateException("the deal store is sealed");
        }
        if (s.deal != deals)
        {
            if (s.deal != deals + 1)
            {
                throw new IllegalStateException("deal " + s.deal + " after deal " + deals);
            }
            startDeal(s.time);
        }
        final int d = deals - 1;
        if (s.time < firstTimes[d])
        {
            throw new IllegalStateException("step " + s.index + " of deal " + s.deal + " before the deal's first");
        }
        steps++;
        final boolean lotTerms = s.bidStep != 0 || s.closeTime != 0;
        put(s.kind | s.role << 3 | (s.sell ? 1 << 5 : 0) | (s.ioc ? 1 << 6 : 0) | (lotTerms ? LOT_TERMS : 0));
        putVarint(s.index);
        putVarint(delay(s.time - firstTimes[d]));
        putVarint(s.submitter + 1L);
        putVarint(s.owner + 1L);
        putVarint(s.instrument);
        putVarint(s.counterparty + 1L);
        putVarint(zigzag(s.price - lastPrice));
        putVarint(zigzag(s.quantity - lastQuantity));
        lastPrice = s.price;
        lastQuantity = s.quantity;
        if (lotTerms)
        {
            putVarint(zigzag(s.bidStep));
            putVarint(zigzag(s.closeTime - firstTimes[d]));
        }
        starts[deals] = size;
    }

    private void startDeal(final long time)
    {
        if (deals + 1 >= starts.length)
        {
            final int length = (int)Math.min(Integer.MAX_VALUE - 8, starts.length * 2L);
            starts = Arrays.copyOf(starts, length);
            firstTimes = Arrays.copyOf(firstTimes, length);
        }
        starts[deals] = size;
        firstTimes[deals] = time;
        deals++;
        lastPrice = 0;
        lastQuantity = 0;
    }

    /** Ends the filling: sorts the deals by the time of their first step, equal times by deal number. */
    void seal()
    {
        if (dueOrder == null)
        {
            firstTimes = Arrays.copyOf(firstTimes, deals);
            starts = Arrays.copyOf(starts, deals + 1);
            dueOrder = DueOrder.byTime(firstTimes);
        }
    }

    /** Number of deals added. */
    int deals()
    {
        return deals;
    }

    /** Number of steps added. */
    long steps()
    {
        return steps;
    }

    /** A new cursor over every step, in time order (see {@link StepCursor}); the store must be sealed. */
    StepCursor cursor()
    {
        if (dueOrder == null)
        {
            throw new IllegalStateException("the deal store is not sealed");
        }
        return new StepCursor(this);
    }

    /** The deal number (1, 2, ...) whose first step is the {@code k}-th to fall due (k from 0). */
    int dueDeal(final int k)
    {
        return dueOrder[k] + 1;
    }

    /** The time of the first step of deal number {@code deal}. */
    long firstTime(final int deal)
    {
        return firstTimes[deal - 1];
    }

    /**
     * Unpacks the steps of deal number {@code deal}, in the order added, into steps taken from {@code blank} (every
     * field is set) and given to {@code to}.
     */
    void unpack(final int deal, final Supplier<Step> blank, final Consumer<Step> to)
    {
        final int d = deal - 1;
        final long[] at = {starts[d]};
        long price = 0;
        long quantity = 0;
        while (at[0] < starts[d + 1])
        {
            final Step s = blank.get();
            final int head = get(at);
            s.deal = deal;
            s.kind = (byte)(head & 7);
            s.role = (byte)(head >> 3 & 3);
            s.sell = (head & 1 << 5) != 0;
            s.ioc = (head & 1 << 6) != 0;
            s.index = (int)getVarint(at);
            s.time = firstTimes[d] + undelay(getVarint(at));
            s.submitter = (int)(getVarint(at) - 1);
            s.owner = (int)(getVarint(at) - 1);
            s.instrument = (int)getVarint(at);
            s.counterparty = (int)(getVarint(at) - 1);
            price += unzigzag(getVarint(at));
            quantity += unzigzag(getVarint(at));
            s.price = price;
            s.quantity = quantity;
            if ((head & LOT_TERMS) != 0)
            {
                s.bidStep = unzigzag(getVarint(at));
                s.closeTime = firstTimes[d] + unzigzag(getVarint(at));
            }
            else
            {
                s.bidStep = 0;
                s.closeTime = 0;
            }
            to.accept(s);
        }
    }

    private void put(final int b)
    {
        final int offset = (int)(size & CHUNK - 1);
        if (offset == 0)
        {
            chunk = new byte[CHUNK];
            chunks.add(chunk);
        }
        chunk[offset] = (byte)b;
        size++;
    }

    private void putVarint(final long value)
    {
        long v = value;
        while ((v & ~0x7FL) != 0)
        {
            put((int)(v & 0x7F) | 0x80);
            v >>>= 7;
        }
        put((int)v);
    }

    private int get(final long[] at)
    {
        final long p = at[0]++;
        return chunks.get((int)(p >>> CHUNK_BITS))[(int)(p & CHUNK - 1)] & 0xFF;
    }

    private long getVarint(final long[] at)
    {
        long value = 0;
        for (int shift = 0; ; shift += 7)
        {
            final int b = get(at);
            value |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }

    /** A step's delay after its deal's first step (at least 0): whole seconds in fewer bytes. */
    private static long delay(final long nanos)
    {
        return nanos % NANOS_PER_SECOND == 0 ? nanos / NANOS_PER_SECOND << 1 : nanos << 1 | 1;
    }

    private static long undelay(final long v)
    {
        return (v & 1) == 0 ? (v >>> 1) * NANOS_PER_SECOND : v >>> 1;
    }

    private static long zigzag(final long v)
    {
        return v << 1 ^ v >> 63;
    }

    private static long unzigzag(final long v)
    {
        return v >>> 1 ^ -(v & 1);
    }
}
