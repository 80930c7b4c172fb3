package by.butb.bench.replay;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The CPU time each thread used while this sampler ran, by thread name: every {@link #PERIOD_MILLIS} ms it reads the
 * CPU time of every live thread, so a thread that ends meanwhile (the replay's engine and writer threads) is counted
 * up to its last sample, at most that period short. A thread alive at the start counts from its CPU time then, a
 * thread started later from 0. Threads of one name are added up; the sampler's own thread is left out.
 */
final class ThreadCpuSampler
{
    static final long PERIOD_MILLIS = 20;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    /** Per thread id: its name, its CPU time when first seen (0 for threads started after the start), the latest. */
    private final Map<Long, String> names = new HashMap<>();
    private final Map<Long, long[]> cpu = new HashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    private ThreadCpuSampler()
    {
        sample(true);
        sampler = new Thread(this::run, "butb-thread-cpu-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts sampling. */
    static ThreadCpuSampler start()
    {
        return new ThreadCpuSampler();
    }

    /** Stops sampling, with a last sample, and returns each thread name's CPU time in nanoseconds. */
    Map<String, Long> stop()
    {
        running = false;
        try
        {
            sampler.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        final Map<String, Long> byName = new TreeMap<>();
        synchronized (this)
        {
            sample(false);
            cpu.forEach((id, times) -> byName.merge(names.get(id), times[1] - times[0], Long::sum));
        }
        byName.remove(sampler.getName());
        return byName;
    }

    /** The CPU times of {@link #stop}, the largest first, those of at least 10 ms: "butb-engine 0.59 s, ...". */
    static String describe(final Map<String, Long> byName)
    {
        final StringBuilder text = new StringBuilder();
        byName.entrySet().stream().filter(e -> e.getValue() >= TimeUnit.MILLISECONDS.toNanos(10))
            .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
            .forEach(e -> text.append(text.length() == 0 ? "" : ", ").append(e.getKey())
                .append(String.format(Locale.ROOT, " %.2f s", e.getValue() / 1e9)));
        return text.toString();
    }

    private void run()
    {
        while (running)
        {
            synchronized (this)
            {
                sample(false);
            }
            try
            {
                Thread.sleep(PERIOD_MILLIS);
            }
            catch (final InterruptedException ex)
            {
                return;
            }
        }
    }

    private void sample(final boolean atStart)
    {
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            final long id = thread.getId();
            final long time = threads.getThreadCpuTime(id);
            if (time < 0)
            {
                continue;
            }
            final long[] times = cpu.get(id);
            if (times == null)
            {
                names.put(id, thread.getName());
                cpu.put(id, new long[] {atStart ? time : 0, time});
            }
            else
            {
                times[1] = Math.max(times[1], time);
            }
        }
    }
}
