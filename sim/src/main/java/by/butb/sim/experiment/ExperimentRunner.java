package by.butb.sim.experiment;

import by.butb.sim.agents.AgentRun;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs an experiment's runs on a pool of threads, one engine per run (runs share nothing), and returns each run's
 * CSV rows in run order, whatever order they finished in: the output does not depend on the number of threads.
 */
public final class ExperimentRunner
{
    /**
     * The rows of every run in order, each run's own elapsed and CPU time (nanoseconds; CPU 0 where the JVM cannot
     * measure a thread's), and the wall time of all of them.
     */
    public record Outcome(List<String> rows, long[] runNanos, long[] runCpuNanos, long wallNanos)
    {
        public long sumOfRuns()
        {
            return java.util.Arrays.stream(runNanos).sum();
        }

        public long cpuOfRuns()
        {
            return java.util.Arrays.stream(runCpuNanos).sum();
        }
    }

    private ExperimentRunner()
    {
    }

    /** @param progress receives "\r..." progress lines (null: none). */
    public static Outcome run(final List<Experiment.Run> runs, final int threads, final Consumer<String> progress)
    {
        final String[] rows = new String[runs.size()];
        final long[] nanos = new long[runs.size()];
        final long[] cpu = new long[runs.size()];
        final ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
        final boolean cpuTime = threadBean.isCurrentThreadCpuTimeSupported();
        final AtomicInteger done = new AtomicInteger();
        final long started = System.nanoTime();
        final ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r ->
        {
            final Thread t = new Thread(r, "experiment-run");
            t.setDaemon(true);
            return t;
        });
        try
        {
            final List<Future<?>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < runs.size(); i++)
            {
                final int index = i;
                futures.add(pool.submit(() ->
                {
                    final Experiment.Run run = runs.get(index);
                    final long cpu0 = cpuTime ? threadBean.getCurrentThreadCpuTime() : 0;
                    final AgentRun.Result result = AgentRun.run(run.scenario(), false);
                    cpu[index] = cpuTime ? threadBean.getCurrentThreadCpuTime() - cpu0 : 0;
                    rows[index] = ExperimentCsv.rows(run, result);
                    nanos[index] = result.wallNanos();
                    final int n = done.incrementAndGet();
                    if (progress != null)
                    {
                        synchronized (done)
                        {
                            progress.accept(bar(n, runs.size(), System.nanoTime() - started));
                        }
                    }
                }));
            }
            for (final Future<?> f : futures)
            {
                f.get();
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
        catch (final ExecutionException ex)
        {
            if (ex.getCause() instanceof RuntimeException re)
            {
                throw re;
            }
            throw new IllegalStateException(ex.getCause());
        }
        finally
        {
            pool.shutdownNow();
        }
        if (progress != null)
        {
            progress.accept("\n");
        }
        return new Outcome(List.of(rows), nanos, cpu, System.nanoTime() - started);
    }

    private static String bar(final int done, final int total, final long elapsed)
    {
        final int width = 30;
        final int filled = width * done / Math.max(1, total);
        return String.format("\r[%s%s] %d/%d runs  %.1f s", "#".repeat(filled), ".".repeat(width - filled), done,
            total, elapsed / 1e9);
    }
}
