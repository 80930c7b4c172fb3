package by.butb.bench.gateway;

import by.butb.bench.BenchArgs;
import by.butb.engine.pipeline.WaitStrategyName;
import by.butb.cluster.ClusterMembers;
import by.butb.gateway.FixEngine;
import by.butb.gateway.GatewayOptions;
import by.butb.gateway.GatewayServer;
import by.butb.harness.AllocationMeter;
import by.butb.harness.Driver;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Round trip NewOrderSingle -> first ExecutionReport through one FIX session on loopback, at fixed offered rates: the
 * real {@link GatewayServer} (engine journal on, as {@code butb serve} runs it) and a {@link RawFixClient} load
 * generator in the same JVM. {@code --sessions N} runs N sessions at once ({@link SessionGroup}: one trader,
 * connection, sending thread and reading thread each), each offering 1/N of each rate; the row is then the sessions
 * together (answered orders per second, merged histograms), followed by each session's achieved rate. {@code --server
 * gateway} (the default) runs the gateway on QuickFIX/J ({@code serve --fix-engine qfj}), {@code --server native} on
 * the native FIX engine ({@code serve}'s default). Latency runs from each order's intended send time
 * (coordinated-omission free) into an HdrHistogram; one {@code .hgrm} file per rate. Orders are IOC limit buys on an
 * empty book (New, then Canceled). Also printed: the latency from the moment each order's write started ({@code w-p50},
 * {@code w-p99}, and a {@code -from-write.hgrm}: without the client's own timer lateness, but blind to a server that
 * makes the client's writes wait), and the bytes the whole JVM (gateway, engine and client) allocated per order ({@code
 * KB/order}, per answered order; the client's arrays are sized before the window); {@code tail ms}, how long after
 * the last order's intended send time the last answer came, and {@code sustained}: {@code yes} when every order was
 * answered and the tail is at most 100 ms (achieved/s, answered over the time from the first intended send to the
 * last answer, reads a little under the offered rate even for a perfect server); {@code late ms}, the most an order
 * went out after its intended time ({@code LATE} above 1 ms: the client fell behind its own schedule); below each
 * row, the CPU time per order of the busiest threads (gateway and client: {@link ThreadCpu}). Each rate is offered
 * {@code --rate-warmup-seconds} (1) unrecorded first, and for {@code --seconds}, or the seconds {@code
 * --seconds-at RATE=S,...} gives it. A dropped connection ends the run after its row ({@code CONNECTION
 * DROPPED}).
 * {@code --server qfj} measures {@link QfjEchoServer}: QuickFIX/J alone, answering each order without an
 * engine. {@code --server echo} measures {@link EchoFixServer} instead of the gateway, with the same client: the floor
 * a server that does no work shows on this machine. {@code --cluster MEMBERS} runs the gateway's engine on a running
 * cluster of the bench catalog ({@code serve --cluster}; the ClOrdIDs in the journal directory). The histograms go to
 * {@code --out} (default {@code out/bench/gateway}, relative to the working directory), as {@code LABEL-RATE.hgrm} and
 * {@code LABEL-RATE-from-write.hgrm}.
 *
 * <pre>
 * java $CHRONICLE_FLAGS -cp bench/target/benchmarks.jar by.butb.bench.gateway.GatewayRoundTrip \
 *      --rates 1000,5000,10000,20000,50000 --seconds 5 --label after
 * </pre>
 */
public final class GatewayRoundTrip
{
    private GatewayRoundTrip()
    {
    }

    /** The server a run measures. */
    enum Server
    {
        GATEWAY, NATIVE, ECHO, QFJ
    }

    static final class Settings
    {
        List<Integer> rates = List.of(1_000, 5_000, 10_000, 20_000, 50_000);
        int seconds = 5;
        /** Seconds for particular rates, overriding {@link #seconds}. */
        Map<Integer, Integer> secondsAt = Map.of();
        int warmupSeconds = 3;
        /** Seconds offered unrecorded at each rate before it is measured. */
        int rateWarmupSeconds = 1;
        Path out = Path.of("out/bench/gateway");
        String label = "run";
        Path journal;
        boolean noJournal;
        WaitStrategyName waitStrategy = WaitStrategyName.BLOCKING;
        int storedMessages = GatewayOptions.DEFAULT_STORED_MESSAGES;
        /** Inbound messages QuickFIX/J queues per session (0: its default); {@link Server#GATEWAY} only. */
        int sessionQueue;
        /**
         * The server measured: the gateway (QuickFIX/J engine), the gateway with the native FIX engine,
         * {@link EchoFixServer} (the loopback floor) or {@link QfjEchoServer}.
         */
        Server server = Server.GATEWAY;
        /** The gateway's engine on this cluster ({@code serve --cluster}), or null: in its process. */
        String cluster;
        /** FIX sessions, one trader and connection each, sharing each offered rate evenly. */
        int sessions = 1;
        /** The native FIX engine's I/O threads ({@code serve --io-threads}); {@link Server#NATIVE} only. */
        int ioThreads = 1;
    }

    public static void main(final String[] args) throws Exception
    {
        final Settings s = BenchArgs.parseOrExit("GatewayRoundTrip",
            "[--rates N,N,...] [--seconds N] [--seconds-at RATE=S,...] [--warmup-seconds N] " +
                "[--rate-warmup-seconds N (1)] " +
                "[--label NAME] [--out DIR (out/bench/gateway)] [--journal DIR | --no-journal] [--wait-strategy " +
                "BLOCKING|SLEEPING|YIELDING|BUSY_SPIN] [--stored-messages N|all] [--session-queue N] " +
                "[--server gateway|native|echo|qfj] [--io-threads N (native)] [--cluster MEMBERS] " +
                "[--sessions N (1 to " + BenchCatalog.MAX_TRADERS + ")]",
            GatewayRoundTrip::parse, args);
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
                case "--rates" -> s.rates = BenchArgs.rates(BenchArgs.value(args, ++i, a), a);
                case "--seconds" -> s.seconds = BenchArgs.number(BenchArgs.value(args, ++i, a), a, 1);
                case "--seconds-at" -> s.secondsAt = secondsAt(BenchArgs.value(args, ++i, a), a);
                case "--warmup-seconds" -> s.warmupSeconds = BenchArgs.number(BenchArgs.value(args, ++i, a), a, 0);
                case "--rate-warmup-seconds" ->
                    s.rateWarmupSeconds = BenchArgs.number(BenchArgs.value(args, ++i, a), a, 0);
                case "--label" -> s.label = BenchArgs.value(args, ++i, a);
                case "--out" -> s.out = Path.of(BenchArgs.value(args, ++i, a));
                case "--journal" -> s.journal = Path.of(BenchArgs.value(args, ++i, a));
                case "--no-journal" -> s.noJournal = true;
                case "--cluster" -> s.cluster = BenchArgs.value(args, ++i, a);
                case "--sessions" -> s.sessions = BenchArgs.number(BenchArgs.value(args, ++i, a), a, 1);
                case "--io-threads" -> s.ioThreads = BenchArgs.number(BenchArgs.value(args, ++i, a), a, 1);
                case "--stored-messages" ->
                {
                    final String v = BenchArgs.value(args, ++i, a);
                    s.storedMessages = v.equals("all") ? GatewayOptions.STORE_ALL : BenchArgs.number(v, a, 0);
                }
                case "--session-queue" -> s.sessionQueue = BenchArgs.number(BenchArgs.value(args, ++i, a), a, 1);
                case "--server" ->
                {
                    final String v = BenchArgs.value(args, ++i, a);
                    s.server = switch (v)
                    {
                        case "gateway" -> Server.GATEWAY;
                        case "native" -> Server.NATIVE;
                        case "echo" -> Server.ECHO;
                        case "qfj" -> Server.QFJ;
                        default -> throw new IllegalArgumentException("--server must be gateway, native, echo or " +
                            "qfj, got '" + v + "'");
                    };
                }
                case "--wait-strategy" -> s.waitStrategy = WaitStrategyName.valueOf(BenchArgs.value(args, ++i, a)
                    .toUpperCase(Locale.ROOT));
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (s.server == Server.NATIVE && s.storedMessages == GatewayOptions.STORE_ALL)
        {
            throw new IllegalArgumentException("--stored-messages all needs --server gateway (QuickFIX/J): the " +
                "native engine keeps a number of messages in memory");
        }
        if (s.server != Server.NATIVE && s.ioThreads != 1)
        {
            throw new IllegalArgumentException("--io-threads needs --server native");
        }
        if (s.ioThreads > GatewayOptions.MAX_IO_THREADS)
        {
            throw new IllegalArgumentException("--io-threads must be at most " + GatewayOptions.MAX_IO_THREADS +
                ", got " + s.ioThreads);
        }
        if (s.server == Server.NATIVE && s.sessionQueue > 0)
        {
            throw new IllegalArgumentException("--session-queue needs --server gateway (QuickFIX/J): the native " +
                "engine has no queue per session");
        }
        if (s.sessions > BenchCatalog.MAX_TRADERS)
        {
            throw new IllegalArgumentException("--sessions must be at most " + BenchCatalog.MAX_TRADERS +
                " (the bench catalog's traders), got " + s.sessions);
        }
        for (final int rate : s.rates)
        {
            if (rate < s.sessions)
            {
                throw new IllegalArgumentException("--rates: " + rate + " orders/s is less than one per session (" +
                    "--sessions " + s.sessions + ")");
            }
        }
        return s;
    }

    /** {@code RATE=SECONDS,...}: the seconds given to particular rates. */
    static Map<Integer, Integer> secondsAt(final String text, final String option)
    {
        final Map<Integer, Integer> m = new LinkedHashMap<>();
        for (final String part : text.split(","))
        {
            final int eq = part.indexOf('=');
            if (eq < 0)
            {
                throw new IllegalArgumentException(option + " takes RATE=SECONDS pairs, got '" + part + "'");
            }
            m.put(BenchArgs.number(part.substring(0, eq), option, 1), BenchArgs.number(part.substring(eq + 1),
                option, 1));
        }
        return m;
    }

    static void run(final Settings s, final PrintStream out) throws Exception
    {
        final boolean gateway = s.server == Server.GATEWAY || s.server == Server.NATIVE;
        final Path temp = !gateway || s.noJournal || s.journal != null ? null :
            Files.createTempDirectory("butb-gateway-bench");
        final Path journal = !gateway || s.noJournal ? null : s.journal != null ? s.journal : temp.resolve("journal");
        Files.createDirectories(s.out);
        final List<String> traders = BenchCatalog.traders(s.sessions);
        final GatewayOptions options = new GatewayOptions().catalog(BenchCatalog.catalog(s.sessions))
            .credentials(BenchCatalog.credentials(s.sessions)).host("127.0.0.1").port(0).dataDirectory(journal)
            .waitStrategy(s.waitStrategy).storedMessages(s.storedMessages)
            .fixEngine(s.server == Server.NATIVE ? FixEngine.NATIVE : FixEngine.QFJ).ioThreads(s.ioThreads);
        if (s.sessionQueue > 0)
        {
            options.sessionQueueCapacity(s.sessionQueue);
        }
        if (s.cluster != null)
        {
            options.cluster(ClusterMembers.parse(s.cluster), "localhost");
        }
        try (EchoFixServer echo = s.server == Server.ECHO ? new EchoFixServer() : null;
             QfjEchoServer qfj = s.server == Server.QFJ ? new QfjEchoServer(traders) : null;
             GatewayServer server = gateway ? GatewayServer.start(options) : null;
             SessionGroup sessions = new SessionGroup("127.0.0.1",
                 echo != null ? echo.port() : qfj != null ? qfj.port() : server.port(), traders,
                 echo != null ? "ECHO" : qfj != null ? QfjEchoServer.COMP_ID : server.compId(), BenchCatalog.SYMBOL,
                 BenchCatalog.PASSWORD))
        {
            printHeader(s, journal, out);
            measure(s, sessions, out);
        }
        finally
        {
            if (temp != null)
            {
                delete(temp);
            }
        }
    }

    private static void printHeader(final Settings s, final Path journal, final PrintStream out)
    {
        final String sessions = s.sessions == 1 ? "one session" : s.sessions + " sessions";
        switch (s.server)
        {
            case ECHO -> out.printf("loopback floor (echo server: no FIX session, no engine, replies on its " +
                "reader thread), %s, %s, %d cores, Java %s%n",
                s.sessions == 1 ? "one connection" : s.sessions + " connections", secondsText(s),
                Runtime.getRuntime().availableProcessors(), Runtime.version());
            case QFJ -> out.printf("QuickFIX/J floor (a plain QuickFIX/J acceptor answering each order on its " +
                "session thread: no engine, no journal), %s, %s, %d cores, Java %s%n",
                sessions, secondsText(s), Runtime.getRuntime().availableProcessors(), Runtime.version());
            default -> out.printf("gateway round trip (%s), %s, %s, wait strategy %s, stored " +
                "messages %s, %s, %d cores, Java %s%n",
                s.server == Server.NATIVE ? "native FIX engine, " + s.ioThreads + (s.ioThreads == 1 ? " I/O thread" :
                " I/O threads") : "QuickFIX/J FIX engine", sessions, s.cluster != null ?
                "engine on the cluster " + s.cluster : journal == null ? "journal off" : "journal on",
                s.waitStrategy, s.storedMessages == GatewayOptions.STORE_ALL ? "all" :
                Integer.toString(s.storedMessages), secondsText(s), Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        }
    }

    /** "5 s per rate (1000/s: 10 s, ...), each after 1 s unrecorded". */
    static String secondsText(final Settings s)
    {
        final StringBuilder b = new StringBuilder().append(s.seconds).append(" s per rate");
        if (!s.secondsAt.isEmpty())
        {
            b.append(" (");
            s.secondsAt.forEach((rate, seconds) -> b.append(b.charAt(b.length() - 1) == '(' ? "" : ", ").append(rate)
                .append("/s: ").append(seconds).append(" s"));
            b.append(')');
        }
        return b.append(", each after ").append(s.rateWarmupSeconds).append(" s unrecorded").toString();
    }

    /**
     * The warm-up, then one row per rate (and with several sessions, a line of each session's achieved rate) and its
     * histograms.
     */
    private static void measure(final Settings s, final SessionGroup sessions, final PrintStream out)
        throws Exception
    {
        final AllocationMeter allocation = new AllocationMeter();
        if (s.warmupSeconds > 0)
        {
            sessions.offer(5_000, s.warmupSeconds, System.nanoTime() + 1_000_000);
            Thread.sleep(500);
        }
        out.print("""
            KB/order: heap bytes allocated per answered order by all live threads of this JVM
            tail ms: the last answer after the last order's intended send time
            sustained: every order answered and tail <= 100 ms
            late ms: the most an order went out after its intended time (LATE above 1 ms: the client fell behind)
            """);
        out.printf("%10s %10s %9s %9s %9s %9s %9s %13s %10s %10s %8s %8s %9s %8s  %s%n", "offered/s", "achieved/s",
            "p50 us", "p90 us", "p99 us", "p99.9 us", "max us", "answered", "w-p50 us", "w-p99 us", "KB/order",
            "tail ms", "sustained", "late ms", "CPU of the machine");
        for (final int rate : s.rates)
        {
            final int seconds = s.secondsAt.getOrDefault(rate, s.seconds);
            if (s.rateWarmupSeconds > 0)
            {
                sessions.reserve(rate, s.rateWarmupSeconds);
                if (sessions.offer(rate, s.rateWarmupSeconds, System.nanoTime() + 1_000_000).dropped())
                {
                    out.println("CONNECTION DROPPED during the warm-up at " + rate + "/s: the remaining rates are " +
                        "not run");
                    break;
                }
            }
            else
            {
                Thread.sleep(1_000);
            }
            sessions.reserve(rate, seconds);
            final CpuShare cpu = CpuShare.now();
            final ThreadCpu threadCpu = ThreadCpu.now();
            final long allocatedBefore = allocation.bytes();
            final SessionGroup.Round r = sessions.offer(rate, seconds, System.nanoTime() + 1_000_000);
            final long allocated = allocation.since(allocatedBefore);
            out.println(row(rate, r, allocated < 0 ? Double.NaN : allocated / 1024.0 / r.answered(),
                CpuShare.since(cpu)));
            if (s.sessions > 1)
            {
                out.println(perSession(r));
            }
            out.println(ThreadCpu.since(threadCpu, r.orders()));
            Driver.writeHgrm(s.out.resolve(s.label + "-" + rate + ".hgrm"), r.latency());
            Driver.writeHgrm(s.out.resolve(s.label + "-" + rate + "-from-write.hgrm"), r.fromWrite());
            if (r.dropped())
            {
                out.println("CONNECTION DROPPED: the remaining rates are not run");
                break;
            }
        }
        out.println("histograms (microseconds) in " + s.out.toAbsolutePath());
    }

    /** One row of the table: {@code kbPerOrder} per answered order, {@code cpu} the machine's share. */
    static String row(final int rate, final SessionGroup.Round r, final double kbPerOrder, final String cpu)
    {
        final Histogram h = r.latency();
        final Histogram fromWrite = r.fromWrite();
        return String.format(Locale.ROOT, "%10d %10.0f %9.0f %9.0f %9.0f %9.0f %9.0f %13s %10.0f %10.0f %8.1f %8.1f " +
            "%9s %8.2f  %s%s", rate, r.achieved(), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3,
            h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3,
            r.answered() + "/" + r.orders(), fromWrite.getValueAtPercentile(50) / 1e3,
            fromWrite.getValueAtPercentile(99) / 1e3, kbPerOrder, r.tailNanos() / 1e6, r.sustained() ? "yes" : "NO",
            r.maxLatenessNanos() / 1e6, cpu, (r.complete() ? "" : "  INCOMPLETE") +
                (r.rejected() > 0 ? "  " + r.rejected() + " rejected" : "") +
                (r.late() ? "  LATE: the client fell behind its schedule" : "") +
                (r.dropped() ? "  CONNECTION DROPPED" : ""));
    }

    /** "  per session achieved/s: R R R ...", a session missing answers followed by "(answered/orders)". */
    static String perSession(final SessionGroup.Round r)
    {
        final StringBuilder line = new StringBuilder("  per session achieved/s:");
        for (int i = 0; i < r.sessionAchieved().length; i++)
        {
            line.append(' ').append(Math.round(r.sessionAchieved()[i]));
            if (r.sessionAnswered()[i] < r.sessionOrders()[i])
            {
                line.append('(').append(r.sessionAnswered()[i]).append('/').append(r.sessionOrders()[i]).append(')');
            }
        }
        return line.toString();
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
