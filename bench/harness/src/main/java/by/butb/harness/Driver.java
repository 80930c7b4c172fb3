package by.butb.harness;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.DataFormatException;

/**
 * Drives one {@link Target} through the phases of a benchmark run, the same code for every engine:
 * <ol>
 * <li><b>warm-up</b>: {@code warmUpCommands} (default: one workload cycle plus the next build-up) as fast as
 *     possible, then wait until all have completed;</li>
 * <li><b>throughput</b>: {@code throughputIterations} (default 5) times, {@code throughputCommands} (default one
 *     cycle) as fast as possible; commands/s = commands / (time from the first submit to the last completion);</li>
 * <li><b>latency</b>, for each offered rate of {@code rates} (default 100k, 500k, 1M, 2M commands/s):
 *     {@code rateSeconds} (default 5) of commands sent at fixed intended times {@code start + i / rate}, the driver
 *     waiting for each one's time (yielding the core while it is more than 2 us away, spinning after), after
 *     {@code rateWarmUpSeconds} (default 1) at the same rate that are not recorded (the JIT compiles the paced loop
 *     then); every recorded command's latency is its completion time minus its intended send time
 *     (coordinated-omission corrected). When the driver falls more than {@code maxLagNanos} (default 1 s) behind
 *     the schedule, the engine cannot sustain the rate: the run stops sending, is marked {@code saturated}, and
 *     its histogram holds what was measured until then.</li>
 * </ol>
 * Allocation ({@link AllocationMeter}: all live threads of this JVM, the engine's and the driver's alike): the
 * bytes allocated over all throughput iterations, and over each rate's commands (its warm-up included), with the
 * commands they cover ({@code allocation.*} properties).
 *
 * <p>Writes {@code <label>-<rate>.hgrm} (HdrHistogram percentile distribution, microseconds) per rate and
 * {@code <label>.properties} (every figure, nanoseconds and commands/s) into the output directory, and prints a
 * line per phase.
 */
public final class Driver
{
    private static final long TIMEOUT_NANOS = 600_000_000_000L;
    /** While waiting for a send time further away than this, the driver yields its core instead of spinning. */
    private static final long YIELD_ABOVE_NANOS = 2_000;
    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};
    private static final String[] PERCENTILE_KEYS = {"p50", "p90", "p99", "p99.9", "p99.99"};

    private final DriverOptions.Driver options;
    private final Target target;
    private final CompletionRecorder recorder;
    private final PrintStream log;
    private final AllocationMeter allocation = new AllocationMeter();
    private long submitted;

    public Driver(final DriverOptions.Driver options, final Target target, final CompletionRecorder recorder,
        final PrintStream log)
    {
        this.options = options;
        this.target = target;
        this.recorder = recorder;
        this.log = log;
    }

    /** Runs all phases and writes the results; returns the properties file. */
    public Path run(final Workload w)
    {
        final StringBuilder props = new StringBuilder();
        prop(props, "engine", target.engine());
        prop(props, "label", options.label());
        prop(props, "configuration", target.configuration());
        prop(props, "java.version", System.getProperty("java.version"));
        prop(props, "java.vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        prop(props, "processors", Runtime.getRuntime().availableProcessors());
        prop(props, "workload.seed", w.seed);
        prop(props, "workload.cycle", w.length());
        prop(props, "workload.participants", w.participants);

        final long warmStart = System.nanoTime();
        burst(options.warmUpCommands());
        log.printf(Locale.ROOT, "[%s] warm-up: %,d commands in %.1f s%n", options.label(), options.warmUpCommands(),
            (System.nanoTime() - warmStart) / 1e9);
        prop(props, "warmup.commands", options.warmUpCommands());

        prop(props, "throughput.iterations", options.throughputIterations());
        prop(props, "throughput.commands", options.throughputCommands());
        prop(props, "allocation.reading.bytes", allocation.readingCost());
        // Nothing printed or formatted inside the window: it would count as allocation.
        final double[] throughput = new double[options.throughputIterations()];
        final long allocatedBefore = allocation.bytes();
        for (int i = 0; i < throughput.length; i++)
        {
            final long start = System.nanoTime();
            burst(options.throughputCommands());
            throughput[i] = options.throughputCommands() / ((System.nanoTime() - start) / 1e9);
        }
        final long allocated = allocation.since(allocatedBefore);
        final long commands = options.throughputIterations() * options.throughputCommands();
        for (int i = 0; i < throughput.length; i++)
        {
            log.printf(Locale.ROOT, "[%s] throughput %d: %,.0f commands/s%n", options.label(), i + 1, throughput[i]);
            prop(props, "throughput." + (i + 1), String.format(Locale.ROOT, "%.0f", throughput[i]));
        }
        prop(props, "allocation.throughput.bytes", allocated);
        prop(props, "allocation.throughput.commands", commands);
        log.printf(Locale.ROOT, "[%s] allocated over the throughput iterations, all threads: %s%n", options.label(),
            perCommand(allocated, commands));

        final StringBuilder rates = new StringBuilder();
        for (final long rate : options.rates())
        {
            rates.append(rates.length() == 0 ? "" : ",").append(rate);
            fixedRate(rate, props);
        }
        prop(props, "latency.rates", rates);
        prop(props, "commands.completed", recorder.completed());
        props.append(target.counters());
        final Path file = options.out().resolve(options.label() + ".properties");
        write(file, props.toString());
        return file;
    }

    /** Submits {@code n} commands as fast as the target takes them and waits for their completion. */
    private void burst(final long n)
    {
        final Target t = target;
        for (long i = 0; i < n; i++)
        {
            t.submit(0);
        }
        submitted += n;
        recorder.awaitCompleted(submitted, TIMEOUT_NANOS);
    }

    private void fixedRate(final long rate, final StringBuilder props)
    {
        final Target t = target;
        final long warm = (long)(rate * options.rateWarmUpSeconds());
        final long n = warm + Math.max(1, (long)(rate * options.rateSeconds()));
        final double interval = 1e9 / rate;
        final long maxLag = options.maxLagNanos();
        final Histogram histogram = CompletionRecorder.newHistogram();
        final long start = System.nanoTime() + 1_000_000;
        recorder.record(histogram, start + (long)(warm * interval));
        final long allocatedBefore = allocation.bytes();
        long sent = 0;
        boolean saturated = false;
        for (; sent < n; sent++)
        {
            final long intended = start + (long)(sent * interval);
            long now;
            while ((now = System.nanoTime()) < intended)
            {
                // Far from the next send time, give the core to any runnable thread (an engine with more stages
                // than cores needs it); close to it, spin.
                if (intended - now > YIELD_ABOVE_NANOS)
                {
                    Thread.yield();
                }
                else
                {
                    Thread.onSpinWait();
                }
            }
            if (now - intended > maxLag)
            {
                saturated = true;
                break;
            }
            t.submit(intended);
        }
        final long sendEnd = System.nanoTime();
        final long submittedAtRate = sent;
        submitted += sent;
        recorder.awaitCompleted(submitted, TIMEOUT_NANOS);
        recorder.record(null);
        final long allocated = allocation.since(allocatedBefore);
        final double achieved = sent / ((sendEnd - start) / 1e9);
        sent = Math.max(0, sent - warm);
        final String k = "latency." + rate + ".";
        prop(props, "allocation." + rate + ".bytes", allocated);
        prop(props, "allocation." + rate + ".commands", submittedAtRate);
        prop(props, k + "sent", sent);
        prop(props, k + "saturated", saturated);
        prop(props, k + "achieved", String.format(Locale.ROOT, "%.0f", achieved));
        for (int i = 0; i < PERCENTILES.length; i++)
        {
            prop(props, k + PERCENTILE_KEYS[i], histogram.getValueAtPercentile(PERCENTILES[i]));
        }
        prop(props, k + "max", histogram.getMaxValue());
        prop(props, k + "mean", String.format(Locale.ROOT, "%.0f", histogram.getMean()));
        prop(props, k + "histogram", encode(histogram));
        final Path hgrm = options.out().resolve(options.label() + "-" + rate + ".hgrm");
        writeHgrm(hgrm, histogram);
        log.printf(Locale.ROOT, "[%s] %,d/s offered%s: p50 %s p99 %s p99.99 %s max %s (%,d commands); " +
            "allocated %s%n", options.label(), rate, saturated ? " SATURATED" : "",
            micros(histogram.getValueAtPercentile(50)), micros(histogram.getValueAtPercentile(99)),
            micros(histogram.getValueAtPercentile(99.99)), micros(histogram.getMaxValue()), sent,
            perCommand(allocated, submittedAtRate));
    }

    /** "N bytes, B B/command", or "not counted by this JVM" for a negative {@code bytes}. */
    static String perCommand(final long bytes, final long commands)
    {
        return bytes < 0 ? "not counted by this JVM" : String.format(Locale.ROOT, "%,d bytes, %.4f B/command", bytes,
            commands == 0 ? Double.NaN : (double)bytes / commands);
    }

    /** The histogram, compressed and in base64, for merging runs ({@link #decode}). */
    public static String encode(final Histogram h)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        final int length = h.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    public static Histogram decode(final String base64)
    {
        try
        {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        }
        catch (final DataFormatException | IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("not an encoded histogram: " + ex.getMessage(), ex);
        }
    }

    static String micros(final long nanos)
    {
        return String.format(Locale.ROOT, "%.1f us", nanos / 1000.0);
    }

    public static void writeHgrm(final Path file, final Histogram h)
    {
        try
        {
            Files.createDirectories(file.getParent());
            try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, "UTF-8"))
            {
                h.outputPercentileDistribution(out, 5, 1000.0);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }

    private static void write(final Path file, final String text)
    {
        try
        {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }

    private static void prop(final StringBuilder b, final String key, final Object value)
    {
        b.append(key).append('=').append(String.valueOf(value).replace("\n", " ")).append('\n');
    }

    /**
     * The main of a child JVM: reads the options, loads the workload, lets {@code factory} build the target (it
     * takes its own options), runs the driver. Exit code 0, or 2 with the message on bad options, 1 on failure.
     */
    public static void main(final String[] args, final TargetFactory factory)
    {
        try
        {
            final DriverOptions o = new DriverOptions(args);
            final Path file = Path.of(o.require("workload"));
            final Workload w = WorkloadFile.read(file);
            final DriverOptions.Driver d = o.driver(w, file);
            final CompletionRecorder recorder = new CompletionRecorder();
            final Target target = factory.create(w, o, recorder);
            try (target)
            {
                o.checkAllUsed();
                System.out.printf(Locale.ROOT, "[%s] %s: %s%n", d.label(), target.engine(), target.configuration());
                new Driver(d, target, recorder, System.out).run(w);
            }
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("error: " + ex.getMessage());
            System.exit(2);
        }
        catch (final RuntimeException ex)
        {
            ex.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    /** Builds the engine under test from the workload and its own options. */
    @FunctionalInterface
    public interface TargetFactory
    {
        Target create(Workload w, DriverOptions options, CompletionRecorder recorder);
    }
}
