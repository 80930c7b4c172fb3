package by.butb.bench;

import org.HdrHistogram.Histogram;

import java.util.Locale;

/**
 * How long a busy-spinning thread of this machine is kept off its core (a jHiccup-like probe, no engine involved):
 * {@code threads} threads each spin on {@link System#nanoTime()} for {@code seconds} and record every gap between
 * two consecutive readings longer than 1 us. The gaps are the time the operating system or the hypervisor took the
 * core away (or a safepoint stopped the JVM). A fixed-rate latency run cannot have a tail below these gaps: at
 * 1 M commands/s, a share of gaps of more than 1 % of the time puts p99 at about the gap length. It also prints
 * the latency floor that follows ({@link SchedulingFloor#latencyAt}).
 *
 * <pre>java -cp bench/target/benchmarks.jar by.butb.bench.Hiccups [seconds (20)] [threads (2)]</pre>
 */
public final class Hiccups
{
    private Hiccups()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        final int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        final int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        final SchedulingFloor floor = SchedulingFloor.measure(seconds, threads);
        System.out.printf(Locale.ROOT, "%d spinning thread(s), %d s, gaps > 1 us between consecutive nanoTime " +
            "readings:%n", threads, seconds);
        for (int t = 0; t < threads; t++)
        {
            final Histogram h = floor.gaps(t);
            System.out.printf(Locale.ROOT, "thread %d: %,d gaps, %.3f %% of the time lost (%.3f %% in gaps " +
                ">= 100 us, %.3f %% in gaps >= 1 ms); gap p50 %.1f us, p99 %.1f us, max %.1f us%n", t,
                h.getTotalCount(), 100 * floor.lostShare(t, 0), 100 * floor.lostShare(t, 100_000),
                100 * floor.lostShare(t, 1_000_000), h.getValueAtPercentile(50) / 1e3,
                h.getValueAtPercentile(99) / 1e3, h.getMaxValue() / 1e3);
        }
        for (final long rate : new long[] {100_000, 1_000_000})
        {
            final Histogram l = floor.latencyAt(rate);
            System.out.printf(Locale.ROOT, "floor at %,d/s (a zero-cost engine, coordinated omission corrected): " +
                "p50 %.1f us, p90 %.1f us, p99 %.1f us, p99.9 %.1f us, p99.99 %.1f us, max %.1f us%n", rate,
                l.getValueAtPercentile(50) / 1e3, l.getValueAtPercentile(90) / 1e3, l.getValueAtPercentile(99) / 1e3,
                l.getValueAtPercentile(99.9) / 1e3, l.getValueAtPercentile(99.99) / 1e3, l.getMaxValue() / 1e3);
        }
    }
}
