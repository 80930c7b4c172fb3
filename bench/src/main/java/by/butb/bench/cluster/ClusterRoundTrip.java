package by.butb.bench.cluster;

import by.butb.bench.BenchArgs;
import by.butb.cluster.OrderFlow;
import by.butb.engine.model.BundledCatalog;
import by.butb.engine.model.Catalog;
import by.butb.harness.CompletionRecorder;
import by.butb.harness.Driver;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Throughput and latency of the replicated exchange (three nodes on this machine, each a JVM of its own, and an
 * {@code ExchangeClient}) against the single-process engine ({@code EnginePipeline}, journal on), in one run, with
 * the same commands: the bundled catalog and {@link OrderFlow} (seed {@code --seed}).
 * <ol>
 * <li>warm-up: {@code --warmup-orders} with the window, not reported;</li>
 * <li>throughput: {@code --orders} with at most {@code --window} unanswered, answered orders per second;</li>
 * <li>latency at each of {@code --rates}: {@code --warmup-seconds} unrecorded, then {@code --seconds} recorded, from
 *     each order's intended send time to its answer ({@link RoundTripMeasurement}).</li>
 * </ol>
 * The single process runs first and is closed before the nodes start. Prints the machine, both layouts, one table
 * with both targets and the ratio cluster / single, and writes {@code single-RATE.hgrm} and {@code cluster-RATE.hgrm}
 * (microseconds) to {@code --out} (default {@code out/bench/cluster}). Data (the journal, the nodes' logs and media
 * drivers) goes to a fresh directory under {@code --dir} (default {@code /dev/shm} where it exists), deleted at the
 * end. Exit code 2 for a usage error.
 *
 * <pre>
 * java $AERON_FLAGS $CHRONICLE_FLAGS -cp bench/target/benchmarks.jar by.butb.bench.cluster.ClusterRoundTrip
 * </pre>
 */
public final class ClusterRoundTrip
{
    private ClusterRoundTrip()
    {
    }

    static final class Settings
    {
        int orders = 100_000;
        int warmupOrders = 20_000;
        int window = 1_000;
        List<Integer> rates = List.of(1_000, 10_000, 50_000);
        int seconds = 5;
        int warmupSeconds = 1;
        long seed = 42;
        Path out = Path.of("out/bench/cluster");
        Path dir = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") :
            Path.of(System.getProperty("java.io.tmpdir"));
        /** Nodes and client driver sleep 1 ms when idle; null: when there are more nodes than cores. */
        Boolean lowCpu;
        boolean singleJournal = true;
        /** The nodes and the client share a new secret: sessions challenged, every message sealed. */
        boolean secret;
    }

    /** What one target measured. */
    record Results(double throughput, List<RoundTripMeasurement.Paced> paced)
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Settings s = BenchArgs.parseOrExit("ClusterRoundTrip",
            "[--orders N (100000)] [--warmup-orders N (20000)] " +
                "[--window N (1000)] [--rates N,N,... (1000,10000,50000)] [--seconds N (5)] [--warmup-seconds N (1)] " +
                "[--seed N (42)] [--out DIR (out/bench/cluster)] [--dir DIR (/dev/shm)] [--low-cpu | --no-low-cpu] " +
                "[--no-journal] [--secret]",
            ClusterRoundTrip::parse, args);
        run(s, System.out);
    }

    static Settings parse(final String[] args)
    {
        final Settings s = new Settings();
        for (int i = 0; i < args.length; i++)
        {
            final String a = args[i];
            switch (a)
            {
                case "--orders" -> s.orders = BenchArgs.number(BenchArgs.value(args, ++i, a), a, 1);
                case "--warmup-orders" -> s.warmupOrders = BenchArgs.number(BenchArgs.value(args, ++i, a), a, 0);
                case "--window" -> s.window = BenchArgs.number(BenchArgs.value(args, ++i, a), a, 1);
                case "--rates" -> s.rates = BenchArgs.rates(BenchArgs.value(args, ++i, a), a);
                case "--seconds" -> s.seconds = BenchArgs.number(BenchArgs.value(args, ++i, a), a, 1);
                case "--warmup-seconds" -> s.warmupSeconds = BenchArgs.number(BenchArgs.value(args, ++i, a), a, 0);
                case "--seed" -> s.seed = BenchArgs.number(BenchArgs.value(args, ++i, a), a, 0);
                case "--out" -> s.out = Path.of(BenchArgs.value(args, ++i, a));
                case "--dir" -> s.dir = Path.of(BenchArgs.value(args, ++i, a));
                case "--low-cpu" -> s.lowCpu = true;
                case "--no-low-cpu" -> s.lowCpu = false;
                case "--no-journal" -> s.singleJournal = false;
                case "--secret" -> s.secret = true;
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return s;
    }

    static void run(final Settings s, final PrintStream out) throws Exception
    {
        final Catalog catalog = BundledCatalog.load(null, null);
        final int cores = Runtime.getRuntime().availableProcessors();
        final boolean lowCpu = s.lowCpu != null ? s.lowCpu : ClusterTarget.NODES > cores;
        Files.createDirectories(s.out);
        final Path data = Files.createTempDirectory(Files.createDirectories(s.dir), "butb-clusterbench-");
        out.printf(Locale.ROOT, "cluster round trip: %d cores, Java %s (%s), %s %s; OrderFlow seed %d on the " +
            "bundled catalog (%d instruments, %d participants)%n", cores, Runtime.version(),
            System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.arch"), s.seed,
            catalog.instruments().size(), catalog.participants().size());
        try
        {
            final CompletionRecorder singleRecorder = new CompletionRecorder();
            final Results single;
            try (SingleProcessTarget target = new SingleProcessTarget(catalog,
                s.singleJournal ? data.resolve("single") : null, singleRecorder))
            {
                single = measure("single", target, singleRecorder, catalog, s, out);
            }
            final CompletionRecorder clusterRecorder = new CompletionRecorder();
            final Results cluster;
            try (ClusterTarget target = new ClusterTarget(data.resolve("cluster"), lowCpu, s.secret, clusterRecorder))
            {
                cluster = measure("cluster", target, clusterRecorder, catalog, s, out);
                if (target.problems() > 0)
                {
                    out.println("cluster: " + target.problems() + " orders answered 'malformed'");
                }
            }
            RoundTripReport.print(out, s, single, cluster);
        }
        finally
        {
            delete(data);
        }
    }

    private static Results measure(final String name, final RoundTripTarget target,
        final CompletionRecorder recorder, final Catalog catalog, final Settings s, final PrintStream out)
    {
        out.println(target.describe());
        final RoundTripMeasurement m = new RoundTripMeasurement(target, recorder, new OrderFlow(catalog, s.seed));
        if (s.warmupOrders > 0)
        {
            m.throughput(s.warmupOrders, s.window);
        }
        final double throughput = m.throughput(s.orders, s.window);
        out.printf(Locale.ROOT, "%s: %,.0f orders/s, %,d orders, window %d%n", name, throughput, s.orders, s.window);
        final List<RoundTripMeasurement.Paced> paced = new ArrayList<>();
        for (final int rate : s.rates)
        {
            final RoundTripMeasurement.Paced p = m.paced(rate, s.warmupSeconds, s.seconds);
            paced.add(p);
            Driver.writeHgrm(s.out.resolve(name + "-" + rate + ".hgrm"), p.latency());
            out.printf(Locale.ROOT, "%s: offered %d/s, achieved %.0f/s, p50 %.0f us, p99 %.0f us%s%n", name, rate,
                p.achieved(), p.latency().getValueAtPercentile(50) / 1e3, p.latency().getValueAtPercentile(99) / 1e3,
                p.saturated() ? ", saturated" : "");
        }
        return new Results(throughput, paced);
    }

    private static void delete(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.walk(dir))
        {
            for (final Path p : files.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(p);
            }
        }
    }
}
