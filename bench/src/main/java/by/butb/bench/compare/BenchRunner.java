package by.butb.bench.compare;

import by.butb.engine.pipeline.PipelineLayout;

import by.butb.bench.MixedWorkload;
import by.butb.bench.SchedulingFloor;
import by.butb.harness.DriverOptions;
import by.butb.harness.Workload;
import by.butb.harness.WorkloadFile;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * {@code ./butb bench [--quick]}: the engine comparison. Generates the {@link MixedWorkload} (seeded), writes it to
 * {@code <out>/workload.bin}, then runs each engine configuration in a JVM of its own, alternating the order of the
 * engines from one round to the next, and summarizes: throughput, latency percentiles per offered rate (all rounds
 * merged), bytes allocated per command, and the verdict of every target ({@link Targets}). Writes into the output
 * directory (default {@code out/bench/compare}): {@code runs/<label>-r<round>.properties} and {@code .hgrm} (each
 * child's raw results), {@code <label>-<rate>.hgrm} (merged), {@code summary.md}, {@code summary.csv} and
 * {@code latency.html} (the percentile plot, self-contained).
 *
 * <p>Configurations ({@code --configs}, default all): {@code butb} (our pipeline, no journal), {@code butb-journal}
 * (our pipeline with the Chronicle input and output journals, in {@code --journal-dir}, default the temporary
 * directory), {@code exchange-core} (exchange-core 0.5.3, risk processing on, engines and group size by
 * {@link PeerSettings}). A run without exchange-core takes its median throughput from an earlier run with
 * {@code --peer-throughput} for the ratios. {@code --quick}: a small workload
 * (65,536 mixed commands per cycle), 1 round, 2 throughput iterations, rates 100k and 1M for 0.3 s each: under a
 * minute, a smoke run of everything, not a measurement.
 */
public final class BenchRunner
{
    static final List<String> CONFIGS = List.of("butb", "butb-journal", "exchange-core");
    /** Newest Java the peer runs on: its Chronicle 2.19 fails on 25 (measured); 17 and 21 are its known ground. */
    static final int PEER_MAX_JAVA = 21;
    /** Flags the peer needs on Java 17+ beyond Chronicle's (its old Chronicle and LZ4 reach into the JDK). */
    static final List<String> PEER_FLAGS = List.of("--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED");

    final Settings settings;
    private final PrintStream out;

    BenchRunner(final Settings settings, final PrintStream out)
    {
        this.settings = settings;
        this.out = out;
    }

    /** What to run; {@link #parse} builds it from the command line. */
    /**
     * What to run; {@link #parse} builds it from the command line. {@code peerThroughput}: exchange-core's median
     * throughput (commands/s) measured by an earlier run, for the ratios of a run without exchange-core; NaN if none.
     */
    record Settings(boolean quick, Path out, int rounds, List<String> configs, String rates, String rateSeconds,
                    String rateWarmUpSeconds, List<String> jvmOptions,
                    int throughputIterations, String butbWait, String butbLayout, PeerSettings peer,
                    double peerThroughput, Path peerJar, Path peerJava,
                    Path journalDir, String heap, boolean keepWorkload, double floorSeconds)
    {
    }

    static Settings parse(final String[] args)
    {
        final List<String> rest = new ArrayList<>();
        boolean quick = false;
        boolean keep = false;
        for (final String a : args)
        {
            if ("--quick".equals(a))
            {
                quick = true;
            }
            else if ("--keep-workload".equals(a))
            {
                keep = true;
            }
            else if ("--help".equals(a) || "-h".equals(a))
            {
                throw new IllegalArgumentException(usage());
            }
            else
            {
                rest.add(a);
            }
        }
        final DriverOptions o = new DriverOptions(rest.toArray(new String[0]));
        final Path outDir = Path.of(o.take("out", "out/bench/compare"));
        final int rounds = (int)o.takeLong("rounds", quick ? 1 : 3, 1);
        final List<String> configs = List.of(o.take("configs", String.join(",", CONFIGS)).split(","));
        for (final String c : configs)
        {
            if (!CONFIGS.contains(c))
            {
                throw new IllegalArgumentException("--configs: unknown configuration '" + c + "'; known: " +
                    String.join(", ", CONFIGS));
            }
        }
        final String rates = o.take("rates", quick ? "100000,1000000" : "100000,500000,1000000,2000000");
        for (final String r : rates.split(","))
        {
            if (!r.trim().matches("[1-9][0-9_]*"))
            {
                throw new IllegalArgumentException("--rates must be positive whole numbers of commands/s, got '" + r +
                    "'");
            }
        }
        final String seconds = o.take("rate-seconds", quick ? "0.3" : "5");
        if (!seconds.matches("[0-9]+(\\.[0-9]+)?") || Double.parseDouble(seconds) < 0.01)
        {
            throw new IllegalArgumentException("--rate-seconds must be a number of seconds of at least 0.01, got '" +
                seconds + "'");
        }
        final String warmSeconds = o.take("rate-warmup-seconds", quick ? "0.1" : "1");
        if (!warmSeconds.matches("[0-9]+(\\.[0-9]+)?"))
        {
            throw new IllegalArgumentException("--rate-warmup-seconds must be a number of seconds, got '" +
                warmSeconds + "'");
        }
        final String jvmOptions = o.take("jvm-options", "");
        final int iterations = (int)o.takeLong("throughput-iterations", quick ? 2 : 5, 0);
        final String wait = o.take("wait", "YIELDING");
        final String layout = PipelineLayout.parse(o.take("layout", PipelineLayout.forThisMachine().name())).name();
        final PeerSettings peer = PeerSettings.parse(o, Runtime.getRuntime().availableProcessors());
        final double peerThroughput = o.takeDouble("peer-throughput", Double.NaN, 1);
        final String peerJar = o.take("peer-jar", System.getProperty("butb.peer.jar"));
        final Path journalDir = Path.of(o.take("journal-dir", System.getProperty("java.io.tmpdir")));
        final String heap = o.take("heap", quick ? "1g" : "2g");
        final String peerJava = o.take("peer-java", System.getenv("BUTB_PEER_JAVA"));
        final double floorSeconds = o.takeDouble("floor-seconds", quick ? 1 : 10, 0);
        o.checkAllUsed();
        if (configs.contains("exchange-core") && !Double.isNaN(peerThroughput))
        {
            throw new IllegalArgumentException("--peer-throughput is for a run without exchange-core (--configs): " +
                "this run measures it");
        }
        final Path jar = peerJar != null ? Path.of(peerJar) : defaultPeerJar();
        if (configs.contains("exchange-core") && peerJava == null && Runtime.version().feature() > PEER_MAX_JAVA)
        {
            throw new IllegalArgumentException("exchange-core 0.5.3 (its Chronicle 2.19) does not run on Java " +
                Runtime.version().feature() + ": pass --peer-java (or set BUTB_PEER_JAVA) to the java of a JDK 17, " +
                "e.g. /usr/lib/jvm/java-17-openjdk-amd64/bin/java, or leave exchange-core out with --configs");
        }
        if (configs.contains("exchange-core") && !Files.isRegularFile(jar))
        {
            throw new IllegalArgumentException("the exchange-core peer jar " + jar + " does not exist: build it with " +
                "'mvn -B -pl bench -am package -DskipTests' or pass --peer-jar");
        }
        return new Settings(quick, outDir, rounds, configs, rates, seconds, warmSeconds,
            jvmOptions.isBlank() ? List.of() : List.of(jvmOptions.trim().split("\\s+")), iterations, wait, layout,
            peer, peerThroughput, jar, peerJava == null ? null : Path.of(peerJava), journalDir, heap, keep,
            floorSeconds);
    }

    static String usage()
    {
        return """
            usage: ./butb bench [--quick] [--out DIR] [--rounds N] [--configs butb,butb-journal,exchange-core]
                                [--rates R1,R2,...] [--rate-seconds S] [--rate-warmup-seconds S]
                                [--throughput-iterations N] [--jvm-options "-Xlog:gc ..."]
                                [--wait BLOCKING|YIELDING|SLEEPING|BUSY_SPIN] \
            [--peer-wait BLOCKING|YIELDING|BUSY_SPIN|...]
                                [--layout ONE_THREAD|JOURNAL_THREAD|STAGED]
                                [--peer-risk FULL_PER_CURRENCY|NO_RISK_PROCESSING] [--peer-matching-engines N]
                                [--peer-risk-engines N] [--peer-msgs-in-group N] [--peer-throughput COMMANDS_PER_S]
                                [--journal-dir DIR] [--heap SIZE]
                                [--peer-jar FILE] [--peer-java FILE] [--keep-workload] [--floor-seconds S]
              defaults: --out out/bench/compare (relative to the current directory);
                        full run: 3 rounds, rates 100000,500000,1000000,2000000 for 5 s each after 1 s of warm-up
                        at the rate, 5 throughput iterations, both engines YIELDING (measured best here);
                        --quick: 1 round, a small workload, rates 100000,1000000 for 0.3 s after 0.1 s, 2 iterations
                        exchange-core: below 8 processors 1 matching engine, 1 risk engine, msgsInGroupLimit 256;
                        from 8 up its own throughput settings: 4, 2 and 4096 (powers of two; group at most 4096)
              --peer-throughput: exchange-core's median from an earlier run, for the ratios of a run without it
              first, the machine's latency floor: two threads spin for --floor-seconds (10; --quick 1; 0 skips it)
                        and the latency a zero-cost engine would show at each rate is reported beside the engines'""";
    }

    /**
     * The peer jar beside this jar: {@code bench/target/benchmarks.jar} -> {@code bench/exchange-core-peer/target/}.
     */
    static Path defaultPeerJar()
    {
        try
        {
            final Path self = Path.of(BenchRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            final Path bench = self.getParent().getParent();
            return bench.resolve("exchange-core-peer/target/exchange-core-peer.jar");
        }
        catch (final Exception ex)
        {
            return Path.of("bench/exchange-core-peer/target/exchange-core-peer.jar");
        }
    }

    /** Runs everything; returns the summary. */
    Summary run() throws IOException, InterruptedException
    {
        final Path dir = settings.out();
        final Path runs = dir.resolve("runs");
        Files.createDirectories(runs);
        final long t0 = System.nanoTime();
        final MixedWorkload mixed = settings.quick() ?
            MixedWorkload.generate(new MixedWorkload.Config(MixedWorkload.DEFAULT_SEED,
                MixedWorkload.DEFAULT_PARTICIPANTS, 1 << 16, MixedWorkload.DEFAULT_DEPTH_PER_SIDE,
                MixedWorkload.DEFAULT_PASSIVE_LEVELS)) :
            MixedWorkload.standard();
        out.print(mixed.describe());
        final Workload w = mixed.toWorkload();
        final Path workload = dir.resolve("workload.bin");
        WorkloadFile.write(w, workload);
        out.printf(Locale.ROOT, "workload written to %s (%,d commands per cycle) in %.1f s%n", workload, w.length(),
            (System.nanoTime() - t0) / 1e9);

        final SchedulingFloor floor = settings.floorSeconds() > 0 ? measureFloor(runs) : null;
        if (floor != null)
        {
            out.printf(Locale.ROOT, "machine floor: two threads spun %.1f s; %.2f %% and %.2f %% of their time " +
                "lost in gaps >= 100 us%n", floor.seconds(), 100 * floor.lostShare(0, 100_000),
                100 * floor.lostShare(1, 100_000));
        }

        final Map<String, List<Properties>> results = new LinkedHashMap<>();
        for (int round = 1; round <= settings.rounds(); round++)
        {
            final List<String> order = new ArrayList<>(settings.configs());
            if (round % 2 == 0)
            {
                java.util.Collections.reverse(order);
            }
            for (final String config : order)
            {
                final String label = config + "-r" + round;
                final Properties p = runChild(config, label, workload, runs);
                results.computeIfAbsent(config, k -> new ArrayList<>()).add(p);
            }
        }
        if (!settings.keepWorkload())
        {
            Files.deleteIfExists(workload);
        }
        final Summary summary = new Summary(settings, mixed.describe(), results, floor);
        summary.write(dir);
        out.println();
        out.print(summary.table());
        out.printf(Locale.ROOT, "%nresults in %s (summary.md, summary.csv, latency.html, *.hgrm); %.0f s in all%n",
            dir, (System.nanoTime() - t0) / 1e9);
        return summary;
    }

    /** The machine's latency floor, measured in a JVM of its own as the engines are. */
    private SchedulingFloor measureFloor(final Path runs) throws IOException, InterruptedException
    {
        final Path file = runs.resolve("machine-floor.properties");
        final List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), SchedulingFloor.class.getName(),
            Double.toString(settings.floorSeconds()), file.toString());
        out.printf(Locale.ROOT, "$ java %s %s %s%n", SchedulingFloor.class.getName(), cmd.get(4), file);
        out.flush();
        final Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        child.getInputStream().transferTo(out);
        final int code = child.waitFor();
        if (code != 0)
        {
            throw new IllegalStateException("the machine floor measurement failed with exit code " + code);
        }
        return SchedulingFloor.read(file);
    }

    private Properties runChild(final String config, final String label, final Path workload, final Path runs)
        throws IOException, InterruptedException
    {
        final List<String> cmd = new ArrayList<>();
        final boolean peer = "exchange-core".equals(config);
        cmd.add(peer && settings.peerJava() != null ? settings.peerJava().toString() :
            Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ChildJvm.CHRONICLE_FLAGS);
        cmd.add("-Dchronicle.analytics.disable=true");
        cmd.add("-Xms" + settings.heap());
        cmd.add("-Xmx" + settings.heap());
        cmd.addAll(settings.jvmOptions());
        if ("exchange-core".equals(config))
        {
            cmd.addAll(PEER_FLAGS);
            cmd.add("-jar");
            cmd.add(settings.peerJar().toString());
        }
        else
        {
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(ButbHarness.class.getName());
        }
        cmd.addAll(List.of("--workload", workload.toString(), "--out", runs.toString(), "--label", label,
            "--rates", settings.rates(), "--rate-seconds", settings.rateSeconds(),
            "--rate-warmup-seconds", settings.rateWarmUpSeconds(),
            "--throughput-iterations", Integer.toString(settings.throughputIterations())));
        if ("exchange-core".equals(config))
        {
            cmd.addAll(settings.peer().args());
        }
        else
        {
            cmd.addAll(List.of("--wait", settings.butbWait()));
            if ("butb-journal".equals(config))
            {
                cmd.addAll(List.of("--journal", settings.journalDir().toString(), "--layout", settings.butbLayout()));
            }
        }
        out.println("$ " + String.join(" ", cmd.subList(ChildJvm.CHRONICLE_FLAGS.size() + 1, cmd.size())));
        out.flush();
        final Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        child.getInputStream().transferTo(out);
        final int code = child.waitFor();
        if (code != 0)
        {
            throw new IllegalStateException("the " + config + " run " + label + " failed with exit code " + code +
                " (its output is above)");
        }
        final Properties p = new Properties();
        try (var in = Files.newBufferedReader(runs.resolve(label + ".properties")))
        {
            p.load(in);
        }
        return p;
    }

    public static void main(final String[] args)
    {
        final Settings s;
        try
        {
            s = parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println(ex.getMessage().startsWith("usage:") ? ex.getMessage() : "error: " + ex.getMessage());
            System.exit(ex.getMessage().startsWith("usage:") ? 0 : 2);
            return;
        }
        try
        {
            new BenchRunner(s, System.out).run();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
        catch (final IllegalStateException ex)
        {
            System.err.println("error: " + ex.getMessage());
            System.exit(1);
        }
    }
}
