package by.butb.bench.replay;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadCpuSamplerTest
{
    @Test
    void aThreadThatEndsBeforeTheStopIsCountedUpToItsLastSample() throws Exception
    {
        final long busyNanos = TimeUnit.MILLISECONDS.toNanos(200);
        final ThreadCpuSampler sampler = ThreadCpuSampler.start();
        final Thread busy = new Thread(() ->
        {
            final var threads = ManagementFactory.getThreadMXBean();
            long spin = 0;
            while (threads.getCurrentThreadCpuTime() < busyNanos)
            {
                spin += System.identityHashCode(threads) & 1;
            }
            System.out.print(spin > 0 ? "" : " ");
        }, "busy-one");
        busy.start();
        busy.join();
        Thread.sleep(3 * ThreadCpuSampler.PERIOD_MILLIS);

        final Map<String, Long> cpu = sampler.stop();

        final long counted = cpu.getOrDefault("busy-one", 0L);
        assertTrue(counted >= busyNanos - TimeUnit.MILLISECONDS.toNanos(3 * ThreadCpuSampler.PERIOD_MILLIS) &&
            counted <= busyNanos + TimeUnit.MILLISECONDS.toNanos(50), counted + " ns of " + cpu);
        assertFalse(cpu.containsKey("butb-thread-cpu-sampler"), cpu.toString());
    }

    @Test
    void theDescriptionListsTheLargestFirstAndLeavesOutWhatIsUnder10Ms()
    {
        assertEquals("c 1.00 s, a 0.25 s", ThreadCpuSampler.describe(Map.of("a", 250_000_000L, "b", 5_000_000L,
            "c", 1_000_000_000L)));
    }
}
