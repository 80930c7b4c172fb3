package by.butb.bench.replay;

import by.butb.engine.core.MarketRules;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.CatalogLoader;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.Participant;
import by.butb.engine.model.ParticipantStatus;
import by.butb.sim.replay.Replay;
import by.butb.sim.replay.Source;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The replay from file to file ({@code butb replay}): writes a seeded order file, then times {@link Replay#run} on
 * it, from reading the file to trades.csv, events.csv and summary.txt written, and prints orders per second, the
 * process's CPU time, each thread's ({@link ThreadCpuSampler}) and the heap used at the end.
 *
 * <p>The order file: SUGAR of the bundled catalog, every ACTIVE participant admitted to its section, one row per
 * 10 ms from 2024-03-01T07:00:00Z; 55 % GTC limit orders resting 0.5 to 10.00 off 625.00, 20 % IOC limit orders
 * 0 to 1.00 through it, 25 % cancels of an order placed before (which may have traded: UNKNOWN_ORDER then). The
 * deposits run out as the book grows, so many later orders are rejected (INSUFFICIENT_DEPOSIT): a replay's
 * rejects are written like its other events.
 *
 * <pre>
 * java -XX:+UseParallelGC -cp bench/target/benchmarks.jar by.butb.bench.replay.ReplayThroughput [orders] [dir] [runs]
 * </pre>
 * Defaults: 1,000,000 orders, a new temporary directory (removed at the end unless given), 1 run. With more runs the
 * same file is replayed again in the same JVM (into out-2, out-3...), so the later runs show the compiled code's
 * speed; the first is what {@code butb replay} gets. Exit status 0, 2 for a bad argument.
 */
public final class ReplayThroughput
{
    static final long SEED = 20_261_204L;
    private static final long START_NANOS = Instant.parse("2024-03-01T07:00:00Z").getEpochSecond() * 1_000_000_000L;

    private ReplayThroughput()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final int orders;
        final int runs;
        try
        {
            orders = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
            runs = args.length > 2 ? Integer.parseInt(args[2]) : 1;
            if (orders < 1 || runs < 1)
            {
                throw new NumberFormatException("not positive");
            }
        }
        catch (final NumberFormatException ex)
        {
            System.err.println("usage: ReplayThroughput [orders] [dir] [runs] (orders and runs positive numbers); " +
                "got " + String.join(" ", args));
            System.exit(2);
            return;
        }
        final boolean temporary = args.length < 2;
        final Path dir = temporary ? Files.createTempDirectory("butb-replay-bench") : Path.of(args[1]);
        Files.createDirectories(dir);
        final Path file = dir.resolve("orders.csv");
        write(file, orders, catalog());
        System.out.printf(Locale.ROOT, "order file: %s, %,d rows, %,d bytes%n", file, orders, Files.size(file));
        for (int run = 1; run <= runs; run++)
        {
            replay(file, dir.resolve(run == 1 ? "out" : "out-" + run), orders);
        }
        if (temporary)
        {
            try (var files = Files.walk(dir))
            {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Replays {@code file} into {@code out} and prints what it took. */
    private static void replay(final Path file, final Path out, final int orders)
    {
        final long cpu0 = processCpuNanos();
        final ThreadCpuSampler sampler = ThreadCpuSampler.start();
        final long start = System.nanoTime();
        final Replay.Result result = Replay.run(new Replay.Options(Source.file(file), Source.DEFAULT_INSTRUMENTS,
            Source.DEFAULT_PARTICIPANTS, null, out, null, MarketRules.DEFAULT), line -> { });
        final double seconds = (System.nanoTime() - start) / 1e9;
        final double cpu = (processCpuNanos() - cpu0) / 1e9;
        final String threads = ThreadCpuSampler.describe(sampler.stop());
        final Runtime runtime = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "replayed %,d commands into %,d events (%,d trades, %,d rejects) in %.2f s: " +
            "%,.0f orders/s; process CPU %.2f s (%.2f cores); heap used at the end %,d MB%n  threads' CPU: %s%n",
            result.commands(), result.events(), result.trades(), result.rejects(), seconds, orders / seconds, cpu,
            cpu / seconds, (runtime.totalMemory() - runtime.freeMemory()) >> 20, threads);
    }

    /** Writes the order file described in the class comment. */
    static void write(final Path file, final int orders, final Catalog catalog) throws IOException
    {
        final Instrument sugar = catalog.instrument("SUGAR");
        final List<String> traders = new ArrayList<>();
        for (final Participant p : catalog.participants())
        {
            if (p.status() == ParticipantStatus.ACTIVE && (p.sectionMask() & (1L << sugar.sectionIndex())) != 0)
            {
                traders.add(p.id());
            }
        }
        final SplittableRandom random = new SplittableRandom(SEED);
        final List<String[]> live = new ArrayList<>();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8))
        {
            out.write("time,participant,action,order_id,instrument,side,type,tif,price,quantity\n");
            for (int i = 0; i < orders; i++)
            {
                final String time = Instant.ofEpochSecond(0, START_NANOS + i * 10_000_000L).toString();
                final double r = random.nextDouble();
                if (r < 0.25 && !live.isEmpty())
                {
                    final int pick = random.nextInt(live.size());
                    final String[] order = live.get(pick);
                    live.set(pick, live.get(live.size() - 1));
                    live.remove(live.size() - 1);
                    out.write(time + "," + order[0] + ",CANCEL," + order[1] + ",,,,,,\n");
                    continue;
                }
                final String trader = traders.get(random.nextInt(traders.size()));
                final boolean buy = random.nextBoolean();
                final boolean ioc = r > 0.8;
                final int ticks = ioc ? random.nextInt(3) : 1 + random.nextInt(20);
                final int offset = (buy == ioc ? ticks : -ticks) * 50;
                final String id = "O" + i;
                out.write(String.format(Locale.ROOT, "%s,%s,NEW,%s,SUGAR,%s,LIMIT,%s,%d.%02d,%d%n", time, trader, id,
                    buy ? "BUY" : "SELL", ioc ? "IOC" : "GTC", (62_500 + offset) / 100, (62_500 + offset) % 100,
                    1 + random.nextInt(10)));
                if (!ioc)
                {
                    live.add(new String[] {trader, id});
                }
            }
        }
    }

    static Catalog catalog() throws IOException
    {
        try (Reader instruments = Source.DEFAULT_INSTRUMENTS.open();
             Reader participants = Source.DEFAULT_PARTICIPANTS.open())
        {
            return CatalogLoader.load(Source.DEFAULT_INSTRUMENTS.name(), instruments,
                Source.DEFAULT_PARTICIPANTS.name(), participants);
        }
    }

    private static long processCpuNanos()
    {
        return ((com.sun.management.OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    }
}
