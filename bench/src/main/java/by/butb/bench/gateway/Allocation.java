package by.butb.bench.gateway;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated on the heap so far by the JVM's live threads (HotSpot's per-thread allocation counters, the figure
 * JMH's {@code -prof gc} uses). Threads that ended in between are not counted; the gateway's threads live as long as
 * the run.
 */
final class Allocation
{
    private Allocation()
    {
    }

    /** Sum over the live threads, or -1 when the JVM does not count allocation per thread. */
    static long bytes()
    {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads) ||
            !threads.isThreadAllocatedMemorySupported() || !threads.isThreadAllocatedMemoryEnabled())
        {
            return -1;
        }
        long sum = 0;
        for (final long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds()))
        {
            if (bytes > 0)
            {
                sum += bytes;
            }
        }
        return sum;
    }
}
