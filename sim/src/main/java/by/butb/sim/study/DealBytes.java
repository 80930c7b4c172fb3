package by.butb.sim.study;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One deal's steps as bytes: per step a head byte (kind, role, side, IOC, whether lot terms follow) and
 * variable-length fields; times relative to the deal's first step, prices and quantities as differences from the
 * deal's previous step (about 14 bytes a step). {@link Writer} appends deals to a byte array, {@link #unpack} reads
 * one back.
 */
final class DealBytes
{
    private static final int LOT_TERMS = 0x80;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private DealBytes()
    {
    }

    /**
     * Appends the steps of deals to one growing byte array, a deal's steps together after {@link #startDeal}.
     * Single-threaded.
     */
    static final class Writer
    {
        /** The array grows by doubling up to this size, then by half its size. */
        private final int doublingLimit;
        private byte[] bytes;
        private int size;
        private long firstTime;
        private long lastPrice;
        private long lastQuantity;

        /** A writer whose array starts at {@code capacity} bytes and doubles up to {@code doublingLimit}. */
        Writer(final int capacity, final int doublingLimit)
        {
            bytes = new byte[capacity];
            this.doublingLimit = doublingLimit;
        }

        /** Starts the next deal, whose first step is at {@code time} (epoch nanoseconds). */
        void startDeal(final long time)
        {
            firstTime = time;
            lastPrice = 0;
            lastQuantity = 0;
        }

        /** Appends a step of the deal started last; its time must not be before the deal's first. */
        void add(final Step s)
        {
            final boolean lotTerms = s.bidStep != 0 || s.closeTime != 0;
            put(s.kind | s.role << 3 | (s.sell ? 1 << 5 : 0) | (s.ioc ? 1 << 6 : 0) | (lotTerms ? LOT_TERMS : 0));
            putVarint(s.index);
            putVarint(delay(s.time - firstTime));
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
                putVarint(zigzag(s.closeTime - firstTime));
            }
        }

        /** Bytes written since the last {@link #clear()}. */
        int size()
        {
            return size;
        }

        /** The array the bytes are in (valid up to {@link #size()}, until the next write). */
        byte[] bytes()
        {
            return bytes;
        }

        /** Forgets the bytes written; keeps the array. */
        void clear()
        {
            size = 0;
        }

        private void put(final int b)
        {
            if (size == bytes.length)
            {
                if (size == Integer.MAX_VALUE - 8)
                {
                    throw new IllegalStateException("more than " + size + " bytes of steps in one run");
                }
                final long grown = size < doublingLimit ? Math.min(size * 2L + 16, doublingLimit) : size * 3L / 2;
                bytes = Arrays.copyOf(bytes, (int)Math.min(Integer.MAX_VALUE - 8, grown));
            }
            bytes[size++] = (byte)b;
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
    }

    /**
     * Unpacks the steps of deal number {@code deal} (first step at {@code firstTime}) written in
     * {@code bytes[from..to)}, in the order written, into steps taken from {@code blank} (every field is set) and
     * given to {@code sink}.
     */
    static void unpack(final byte[] bytes, final int from, final int to, final int deal, final long firstTime,
        final Supplier<Step> blank, final Consumer<Step> sink)
    {
        final int[] at = {from};
        long price = 0;
        long quantity = 0;
        while (at[0] < to)
        {
            final Step s = blank.get();
            final int head = bytes[at[0]++] & 0xFF;
            s.deal = deal;
            s.kind = (byte)(head & 7);
            s.role = (byte)(head >> 3 & 3);
            s.sell = (head & 1 << 5) != 0;
            s.ioc = (head & 1 << 6) != 0;
            s.index = (int)getVarint(bytes, at);
            s.time = firstTime + undelay(getVarint(bytes, at));
            s.submitter = (int)(getVarint(bytes, at) - 1);
            s.owner = (int)(getVarint(bytes, at) - 1);
            s.instrument = (int)getVarint(bytes, at);
            s.counterparty = (int)(getVarint(bytes, at) - 1);
            price += unzigzag(getVarint(bytes, at));
            quantity += unzigzag(getVarint(bytes, at));
            s.price = price;
            s.quantity = quantity;
            if ((head & LOT_TERMS) != 0)
            {
                s.bidStep = unzigzag(getVarint(bytes, at));
                s.closeTime = firstTime + unzigzag(getVarint(bytes, at));
            }
            else
            {
                s.bidStep = 0;
                s.closeTime = 0;
            }
            sink.accept(s);
        }
    }

    private static long getVarint(final byte[] bytes, final int[] at)
    {
        long value = 0;
        for (int shift = 0; ; shift += 7)
        {
            final int b = bytes[at[0]++];
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
