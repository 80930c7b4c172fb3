package by.butb.bench;

import org.HdrHistogram.Histogram;

import java.util.Locale;

/**
 * How long a busy-spinning thread of this machine is kept off its core (a jHiccup-like probe, no engine involved):
 * {@code threads} threads each spin on {@link System#nanoTime()} for {@code seconds} and record every gap between
 * two consecutive readings longer than 1 us. The gaps are the time the operating system or the hypervisor took the
 * core away (or a safepoint stopped the JVM). A fixed-rate latency run cannot have a tail below these gaps: at
 * 1 M commands/s, a share of gaps of more than 1 % of the time puts p99 at about the gap length.
 *
 * <pre>java -cp bench/target/benchmarks.jar by.butb.bench.Hiccups [seconds (20)] [threads (2)]</pre>
 */
public final class Hiccups
{
    private static final long MIN_GAP_NANOS = 1_000;

    private Hiccups()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        final int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        final int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        final Histogram[] gaps = new Histogram[threads];
        final Thread[] spinners = new Thread[threads];
        final long end = System.nanoTime() + seconds * 1_000_000_000L;
        for (int t = 0; t < threads; t++)
        {
            final Histogram h = new Histogram(3_600_000_000_000L, 3);
            gaps[t] = h;
            spinners[t] = new Thread(() -> spin(end, h), "hiccups-" + t);
            spinners[t].start();
        }
        for (final Thread t : spinners)
        {
            t.join();
        }
        System.out.printf(Locale.ROOT, "%d spinning thread(s), %d s, gaps > 1 us between consecutive nanoTime " +
            "readings:%n", threads, seconds);
        for (int t = 0; t < threads; t++)
        {
            final Histogram h = gaps[t];
            final double lostPercent = 100.0 * sum(h, 0) / (seconds * 1e9);
            System.out.printf(Locale.ROOT, "thread %d: %,d gaps, %.3f %% of the time lost (%.3f %% in gaps >= 100 us, " +
                "%.3f %% in gaps >= 1 ms); gap p50 %.1f us, p99 %.1f us, max %.1f us%n", t, h.getTotalCount(),
                lostPercent, 100.0 * sum(h, 100_000) / (seconds * 1e9), 100.0 * sum(h, 1_000_000) / (seconds * 1e9),
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getMaxValue() / 1e3);
        }
    }

    private static void spin(final long end, final Histogram gaps)
    {
        long previous = System.nanoTime();
        while (previous < end)
        {
            final long now = System.nanoTime();
            final long gap = now - previous;
            if (gap > MIN_GAP_NANOS)
            {
                gaps.recordValue(gap);
            }
            previous = now;
        }
    }

    /** Total nanoseconds of the recorded gaps at least {@code atLeast} long. */
    private static long sum(final Histogram h, final long atLeast)
    {
        long total = 0;
        for (final var v : h.recordedValues())
        {
            if (v.getValueIteratedTo() >= atLeast)
            {
                total += v.getCountAtValueIteratedTo() * h.medianEquivalentValue(v.getValueIteratedTo());
            }
        }
        return total;
    }
}
