package by.butb.harness;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated on the heap by all live threads of this JVM (engine, driver, JVM service threads), from HotSpot's
 * per-thread counters ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}, the figure JMH's
 * {@code -prof gc} uses). A thread that ends between two readings takes its bytes with it; one that starts in
 * between counts in full.
 *
 * <p>A reading allocates two arrays of one {@code long} per live thread (the thread ids and their counters); a
 * difference of two readings subtracts that cost of the second one ({@link #readingCost()}, measured at
 * construction as the smallest of a few back-to-back differences). Threading: one thread.
 */
public final class AllocationMeter
{
    private static final int CALIBRATION_READINGS = 5;

    private final com.sun.management.ThreadMXBean threads;
    private final long readingCost;

    /** A meter, or one whose readings are all -1 when this JVM does not count allocation per thread. */
    public AllocationMeter()
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        threads = bean instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemorySupported() &&
            t.isThreadAllocatedMemoryEnabled() ? t : null;
        long cost = Long.MAX_VALUE;
        long previous = bytes();
        for (int i = 0; i < CALIBRATION_READINGS && threads != null; i++)
        {
            final long next = bytes();
            cost = Math.min(cost, next - previous);
            previous = next;
        }
        readingCost = threads == null ? 0 : Math.max(0, cost);
    }

    /** Bytes allocated so far by the live threads, or -1 when not counted. */
    public long bytes()
    {
        if (threads == null)
        {
            return -1;
        }
        long sum = 0;
        for (final long b : threads.getThreadAllocatedBytes(threads.getAllThreadIds()))
        {
            if (b > 0)
            {
                sum += b;
            }
        }
        return sum;
    }

    /**
     * Bytes allocated since {@code before} (a {@link #bytes()} reading), without this reading's own cost; -1 when
     * not counted.
     */
    public long since(final long before)
    {
        final long now = bytes();
        return now < 0 || before < 0 ? -1 : Math.max(0, now - before - readingCost);
    }

    /** What one reading allocates, in bytes, as measured at construction. */
    public long readingCost()
    {
        return readingCost;
    }
}
