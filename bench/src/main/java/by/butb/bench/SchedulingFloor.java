package by.butb.bench;

import by.butb.harness.Driver;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The latency floor the machine itself sets for a fixed-rate run: threads busy-spin on {@link System#nanoTime()}
 * (no engine involved) and record every gap longer than 1 us between two consecutive readings, the time the
 * operating system, the hypervisor or a JVM safepoint kept them off their cores. {@link #latencyAt} turns the gaps
 * into the coordinated-omission-corrected latency of an engine that takes no time at all: a command due during a
 * gap waits for the rest of it. Any engine measured on this machine at that rate shows at least these percentiles
 * (with two threads, producer and engine, a gap of either delays the command, so both threads' gaps count).
 *
 * <p>{@code ./butb bench} measures it in a child JVM of its own, as it runs the engines:
 * {@code java -cp benchmarks.jar by.butb.bench.SchedulingFloor SECONDS FILE} spins two threads for SECONDS (after a
 * half-second warm-up that is not recorded) and writes their gaps to the properties FILE ({@link #read}).
 *
 * <p>Units: gap and latency values in nanoseconds. Not thread-safe; {@link #measure} blocks for the duration.
 */
public final class SchedulingFloor
{
    static final long MIN_GAP_NANOS = 1_000;
    private static final long HIGHEST_NANOS = 3_600_000_000_000L;

    private final Histogram[] gaps;
    private final double seconds;

    SchedulingFloor(final Histogram[] gaps, final double seconds)
    {
        this.gaps = gaps;
        this.seconds = seconds;
    }

    /** Spins two threads for {@code args[0]} seconds and writes their gaps to the properties file {@code args[1]}. */
    public static void main(final String[] args) throws InterruptedException, IOException
    {
        if (args.length != 2)
        {
            System.err.println("usage: SchedulingFloor SECONDS FILE");
            System.exit(2);
        }
        measure(0.5, 2);
        final SchedulingFloor floor = measure(Double.parseDouble(args[0]), 2);
        final Properties p = new Properties();
        p.setProperty("seconds", Double.toString(floor.seconds));
        p.setProperty("threads", Integer.toString(floor.threads()));
        for (int t = 0; t < floor.threads(); t++)
        {
            p.setProperty("gaps." + t, Driver.encode(floor.gaps[t]));
        }
        try (Writer out = Files.newBufferedWriter(Path.of(args[1])))
        {
            p.store(out, "gaps of spinning threads, nanoseconds");
        }
    }

    /** What {@link #main} wrote. */
    public static SchedulingFloor read(final Path file) throws IOException
    {
        final Properties p = new Properties();
        try (var in = Files.newBufferedReader(file))
        {
            p.load(in);
        }
        final Histogram[] gaps = new Histogram[Integer.parseInt(p.getProperty("threads"))];
        for (int t = 0; t < gaps.length; t++)
        {
            gaps[t] = Driver.decode(p.getProperty("gaps." + t));
        }
        return new SchedulingFloor(gaps, Double.parseDouble(p.getProperty("seconds")));
    }

    /** Spins {@code threads} threads for {@code seconds} and records their gaps. */
    public static SchedulingFloor measure(final double seconds, final int threads) throws InterruptedException
    {
        final Histogram[] gaps = new Histogram[threads];
        final Thread[] spinners = new Thread[threads];
        final long end = System.nanoTime() + (long)(seconds * 1e9);
        for (int t = 0; t < threads; t++)
        {
            final Histogram h = new Histogram(HIGHEST_NANOS, 3);
            gaps[t] = h;
            spinners[t] = new Thread(() -> spin(end, h), "scheduling-floor-" + t);
            spinners[t].start();
        }
        for (final Thread t : spinners)
        {
            t.join();
        }
        return new SchedulingFloor(gaps, seconds);
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

    /** The gaps of spinning thread {@code thread} (nanoseconds). */
    public Histogram gaps(final int thread)
    {
        return gaps[thread];
    }

    public int threads()
    {
        return gaps.length;
    }

    public double seconds()
    {
        return seconds;
    }

    /** Share of the time (0..1) thread {@code thread} spent in gaps at least {@code atLeastNanos} long. */
    public double lostShare(final int thread, final long atLeastNanos)
    {
        final Histogram h = gaps[thread];
        long total = 0;
        for (final var v : h.recordedValues())
        {
            if (v.getValueIteratedTo() >= atLeastNanos)
            {
                total += v.getCountAtValueIteratedTo() * h.medianEquivalentValue(v.getValueIteratedTo());
            }
        }
        return total / (seconds * 1e9);
    }

    /**
     * The latency (nanoseconds) of a zero-cost engine offered {@code ratePerSecond} commands for the measured time:
     * a command due {@code x} ns into a gap of length {@code g} waits {@code g - x}; every other command waits 0.
     * Counts {@code seconds * ratePerSecond} commands per thread (each thread's gaps against its own stream).
     */
    public Histogram latencyAt(final long ratePerSecond)
    {
        final double interval = 1e9 / ratePerSecond;
        final Histogram latency = new Histogram(HIGHEST_NANOS, 3);
        final long commandsPerThread = (long)(seconds * ratePerSecond);
        for (final Histogram h : gaps)
        {
            long delayed = 0;
            for (final var v : h.recordedValues())
            {
                final long gap = h.medianEquivalentValue(v.getValueIteratedTo());
                final long count = v.getCountAtValueIteratedTo();
                final long due = (long)(gap / interval);
                for (long j = 0; j < due; j++)
                {
                    latency.recordValueWithCount(gap - (long)(j * interval), count);
                }
                delayed += due * count;
            }
            latency.recordValueWithCount(0, Math.max(0, commandsPerThread - delayed));
        }
        return latency;
    }
}
