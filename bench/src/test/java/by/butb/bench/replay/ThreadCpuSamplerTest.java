package by.butb.bench.replay;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadCpuSamplerTest
{
    @Test
    void aThreadStartedAfterTheStartIsCountedFromZeroToItsCpuTimeAtTheStop() throws Exception
    {
        final long busyNanos = TimeUnit.MILLISECONDS.toNanos(100);
        final CountDownLatch spent = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final long[] used = new long[1];
        final ThreadCpuSampler sampler = ThreadCpuSampler.start();
        final Thread busy = new Thread(() ->
        {
            final var threads = ManagementFactory.getThreadMXBean();
            while (threads.getCurrentThreadCpuTime() < busyNanos)
            {
                Thread.onSpinWait();
            }
            used[0] = threads.getCurrentThreadCpuTime();
            spent.countDown();
            try
            {
                release.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "busy-one");
        busy.start();
        spent.await();

        final Map<String, Long> cpu = sampler.stop();
        release.countDown();
        busy.join();

        final long counted = cpu.getOrDefault("busy-one", 0L);
        assertTrue(counted >= used[0] && counted <= used[0] + TimeUnit.MILLISECONDS.toNanos(5),
            counted + " ns counted, " + used[0] + " used: " + cpu);
        assertFalse(cpu.containsKey("butb-thread-cpu-sampler"), cpu.toString());
    }

    @Test
    void theDescriptionListsTheLargestFirstAndLeavesOutWhatIsUnder10Ms()
    {
        assertEquals("c 1.00 s, a 0.25 s", ThreadCpuSampler.describe(Map.of("a", 250_000_000L, "b", 5_000_000L,
            "c", 1_000_000_000L)));
    }
}
