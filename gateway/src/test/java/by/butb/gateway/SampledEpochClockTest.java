package by.butb.gateway;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertTrue;

class SampledEpochClockTest
{
    private static final long TOLERANCE_NANOS = 50_000_000L;

    @Test
    void readsTheSystemClockBeforeAndAfterItsSampleAges() throws Exception
    {
        final SampledEpochClock clock = new SampledEpochClock();
        assertNearTheSystemClock(clock);
        Thread.sleep(1_100); // past the resample interval
        assertNearTheSystemClock(clock);
        assertNearTheSystemClock(clock);
    }

    @Test
    void readingItCreatesNoObjectBetweenSamples()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
        final SampledEpochClock clock = new SampledEpochClock();
        long sum = 0;
        for (int i = 0; i < 50_000; i++) // warm up, so the read is compiled
        {
            sum += clock.nanos();
        }
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 50_000; i++)
        {
            sum += clock.nanos();
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(sum != 0);
        assertTrue(allocated < 200, "bytes allocated by 50,000 reads (at most one sample): " + allocated);
    }

    private static void assertNearTheSystemClock(final SampledEpochClock clock)
    {
        final Instant before = Instant.now();
        final long nanos = clock.nanos();
        final Instant after = Instant.now();
        final long low = before.getEpochSecond() * 1_000_000_000L + before.getNano() - TOLERANCE_NANOS;
        final long high = after.getEpochSecond() * 1_000_000_000L + after.getNano() + TOLERANCE_NANOS;
        assertTrue(nanos >= low && nanos <= high, nanos + " within 50 ms of the system clock [" + before + ", " +
            after + "]");
    }
}
