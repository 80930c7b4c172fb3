package by.butb.gateway;

import by.butb.cluster.ClusterConfigException;
import by.butb.cluster.ClusterClientOptions;
import by.butb.cluster.ClusterMembers;
import by.butb.cluster.StopSignal;
import by.butb.engine.csv.CsvException;
import by.butb.engine.model.BundledCatalog;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.CatalogLoader;
import by.butb.engine.pipeline.WaitStrategyName;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code butb serve}: starts the engine (journal and recovery in {@code --data}; or with {@code --cluster}, mirrored
 * from a cluster) and the FIX 4.4 gateway, and runs until Ctrl-C, which stops the acceptor and drains and closes the
 * engine and its journal.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Runs the exchange: the matching engine behind the FIX 4.4 gateway, until Ctrl-C.",
        "Participants log on with SenderCompID = their id, TargetCompID = BUTB, Password(554); set passwords with" +
            " 'butb passwd'. See docs/gateway.md.",
        "With --cluster the engine runs on that cluster and the gateway, its only writer, mirrors it" +
            " (docs/cluster.md); --data then keeps only the orders' ClOrdIDs and the known logon addresses. With" +
            " --section-cluster, once per section, each section runs on a cluster of its own."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped cleanly (Ctrl-C or SIGTERM; a second one, a second or more later, ends it at once: 130)",
        "1:bad input (catalog files, cluster members), the port cannot be used," +
        " no cluster leader answered, the engine stopped (with --cluster: its state and the cluster's differ)," +
        " or a thread of the gateway ended with an error",
        "2:usage error",
        "3:out of memory (./butb runs serve with -XX:+ExitOnOutOfMemoryError)"})
public final class ServeCommand implements Callable<Integer>
{
    /** What a stop does, for the line that announces it. */
    private static final String STOPPING = "closing sessions, draining the engine, closing the journal";

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + GatewayOptions.DEFAULT_PORT,
        description = "TCP port for FIX sessions (default: ${DEFAULT-VALUE}; 0 picks a free port).")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "0.0.0.0",
        description = "Address to listen on (default: ${DEFAULT-VALUE}, every interface; 127.0.0.1 for this machine" +
            " only).")
    String host;

    @Option(names = "--data", paramLabel = "DIR",
        description = "Engine journal directory; a restart on the same directory recovers the book (default:" +
            " data/serve). With --cluster only the orders' ClOrdIDs (default: data/serve-cluster).")
    Path data;

    @Option(names = "--instruments", paramLabel = "FILE",
        description = "Instrument catalog CSV (default: the bundled catalog).")
    Path instruments;

    @Option(names = "--participants", paramLabel = "FILE",
        description = "Participants CSV with password_hash column (default: the bundled file, which has no passwords).")
    Path participants;

    @Option(names = "--fix-store", paramLabel = "DIR",
        description = "Keep FIX sequence numbers and each session's latest 65,536 sent messages in DIR across" +
            " restarts (default: in memory).")
    Path fixStore;

    @Option(names = "--fix-engine", paramLabel = "native|qfj", defaultValue = "native",
        description = "FIX session layer: native (default: the gateway's own, faster) or qfj (QuickFIX/J); both serve" +
            " the same messages and mechanisms, each keeps its own files in --fix-store.")
    String fixEngine;

    @Option(names = "--wait-strategy", paramLabel = "BLOCKING|SLEEPING|YIELDING|BUSY_SPIN", defaultValue = "BLOCKING",
        description = "How the engine's threads, the gateway's sending thread and the native FIX engine's I/O thread" +
            " wait for work (default: ${DEFAULT-VALUE}, no CPU while idle); YIELDING or BUSY_SPIN poll instead, a" +
            " core each, so that no thread is woken on an order's path: for a machine with cores to spare.")
    String waitStrategy;

    @Option(names = "--io-threads", paramLabel = "N", defaultValue = "1",
        description = "The native FIX engine's I/O threads (default: ${DEFAULT-VALUE}); each reads and decodes the" +
            " connections given to it in turn at accept and, with several, writes their reports to their sockets," +
            " so several spread many sessions over cores.")
    int ioThreads;

    @Option(names = "--comp-id", paramLabel = "ID", defaultValue = GatewayOptions.DEFAULT_COMP_ID,
        description = "The exchange's CompID, the participants' TargetCompID (default: ${DEFAULT-VALUE}).")
    String compId;

    @Option(names = "--stored-messages", paramLabel = "N", defaultValue = "" + GatewayOptions.DEFAULT_STORED_MESSAGES,
        description = "Sent messages each session keeps in memory for resends after a reconnect (default:" +
            " ${DEFAULT-VALUE}; older ones are gap-filled; 0 keeps none; --fix-store keeps them on disk).")
    int storedMessages;

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "" + SessionShare.DEFAULT_MAX,
        description = "Requests a session may have in flight (submitted, not yet answered) before its reading is held" +
            " until half are answered, so that one session's flood does not queue ahead of the others (default:" +
            " ${DEFAULT-VALUE}; at least 2).")
    int maxInFlight;

    @Option(names = "--max-message-size", paramLabel = "BYTES",
        defaultValue = "" + GatewayOptions.DEFAULT_MAX_MESSAGE_SIZE,
        description = "Largest FIX message a logged-on participant may send (default: ${DEFAULT-VALUE}; at least" +
            " 256); a connection announcing a larger one is closed before it is read. Before logon " +
            GatewayOptions.DEFAULT_MAX_BYTES_BEFORE_LOGON + " bytes in all.")
    int maxMessageSize;

    @Option(names = "--timer-ms", paramLabel = "MS", defaultValue = "1000",
        description = "Without --client-time: every MS milliseconds the exchange's timer brings the engine to the" +
            " current time, so that lots close at their ExpireTime and the day changes without waiting for an order" +
            " (default: ${DEFAULT-VALUE}; 0 turns it off).")
    long timerMillis;

    @Mixin
    ClusterClientOptions cluster;

    @Option(names = "--section-cluster", paramLabel = "SECTION=MEMBERS",
        description = "Instead of --cluster: each section of the catalog on a cluster of its own, its nodes started " +
            "with --section SECTION (docs/cluster.md#a-cluster-per-section); repeat once per section, e.g. " +
            "--section-cluster TIMBER=localhost:9100 --section-cluster AGRI=localhost:9200.")
    List<String> sectionClusters;

    @Option(names = "--client-time",
        description = "Client time mode for simulations: an order's engine time is its TransactTime(60) (never" +
            " earlier than the previous command's), and SendingTime is not checked against this machine's clock.")
    boolean clientTime;

    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch stop = new CountDownLatch(1);
    /** Set when the server can no longer serve ({@link GatewayOptions#onFailure}): the last reason told. */
    private volatile String failure;
    private volatile GatewayServer server;

    public ServeCommand()
    {
        this(System.out, System.err);
    }

    public ServeCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    /** What is wrong with the numeric options, as a usage error, or null. */
    private String numberProblem()
    {
        if (port < 0 || port > 65535)
        {
            return "--port must be 0 to 65535, got " + port;
        }
        if (maxMessageSize < 256)
        {
            return "--max-message-size must be at least 256 bytes, got " + maxMessageSize;
        }
        if (timerMillis < 0)
        {
            return "--timer-ms must be 0 (off) or positive, got " + timerMillis;
        }
        if (maxInFlight < 2)
        {
            return "--max-in-flight must be at least 2, got " + maxInFlight;
        }
        return storedMessages < 0 ? "--stored-messages must be 0 or positive, got " + storedMessages : null;
    }

    /** The FIX engine chosen, or null after printing the usage error of the options. */
    private FixEngine checkedFixEngine()
    {
        final FixEngine engine = FixEngine.ofOptionValue(fixEngine);
        if (engine == null)
        {
            err.println("serve: --fix-engine must be qfj or native, got '" + fixEngine + "'");
            return null;
        }
        if (ioThreads < 1 || ioThreads > GatewayOptions.MAX_IO_THREADS)
        {
            err.println("serve: --io-threads must be 1 to " + GatewayOptions.MAX_IO_THREADS + ", got " + ioThreads);
            return null;
        }
        if (ioThreads != 1 && engine != FixEngine.NATIVE)
        {
            err.println("serve: --io-threads is for the native FIX engine; QuickFIX/J has a thread per session");
            return null;
        }
        if (cluster.secretGiven() && sectionClusters == null && !cluster.given())
        {
            err.println("serve: --cluster-secret needs --cluster or --section-cluster");
            return null;
        }
        if (sectionClusters != null && cluster.given())
        {
            err.println("serve: give " + cluster.optionName() + " or --section-cluster, not both");
            return null;
        }
        return engine;
    }

    /** The wait strategy named, or null after printing the usage error. */
    private WaitStrategyName checkedWaitStrategy()
    {
        try
        {
            return WaitStrategyName.valueOf(waitStrategy.toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("serve: --wait-strategy must be BLOCKING, SLEEPING, YIELDING or BUSY_SPIN, got '" +
                waitStrategy + "'");
            return null;
        }
    }

    @Override
    public Integer call()
    {
        final String numbers = numberProblem();
        if (numbers != null)
        {
            err.println("serve: " + numbers);
            return 2;
        }
        final FixEngine engine = checkedFixEngine();
        final WaitStrategyName wait = engine == null ? null : checkedWaitStrategy();
        if (wait == null)
        {
            return 2;
        }
        final Catalog catalog;
        final Credentials credentials;
        final ClusterMembers members;
        final Map<String, ClusterMembers> sections;
        try
        {
            members = cluster.members();
            if (data == null)
            {
                data = Path.of(members == null && sectionClusters == null ? "data/serve" : "data/serve-cluster");
            }
            catalog = loadCatalog(instruments, participants);
            credentials = loadCredentials(participants);
            sections = sectionClusters == null ? null : SectionClusters.parse(sectionClusters, catalog);
        }
        catch (final SectionClusters.UsageException ex)
        {
            err.println("serve: " + ex.getMessage());
            return 2;
        }
        catch (final CsvException | IllegalArgumentException | ClusterConfigException ex)
        {
            err.println("serve: " + ex.getMessage());
            return 1;
        }
        final GatewayServer started;
        try
        {
            started = GatewayServer.start(new GatewayOptions().catalog(catalog).credentials(credentials)
                .host(host).port(port)
                .dataDirectory(data).fixStoreDirectory(fixStore).compId(compId).clientTime(clientTime)
                .storedMessages(storedMessages).maxMessageSize(maxMessageSize).fixEngine(engine).waitStrategy(wait)
                .maxRequestsInFlightPerSession(maxInFlight)
                .ioThreads(ioThreads).cluster(members, cluster.host()).sectionClusters(sections, cluster.host())
                .clusterSecret(cluster.secret())
                .onFailure(this::failed));
        }
        catch (final RuntimeException ex)
        {
            err.println("serve: " + ex.getMessage());
            return 1;
        }
        server = started;
        final Thread timer = clientTime || timerMillis <= 0 ? null : startTimer(started, timerMillis);
        final Thread hook = new Thread(() ->
        {
            stopTimer(timer);
            out.println("serve: stopping: " + STOPPING);
            started.close();
            stop.countDown();
        }, "butb-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (StopSignal signal = new StopSignal("butb-serve-signal", () ->
        {
            out.println("serve: stopping (Ctrl-C or SIGTERM; again after a second to end at once): " + STOPPING);
            stop.countDown();
        }))
        {
            printStarted(started, catalog, credentials, engine, wait);
            out.println("serve: press Ctrl-C to stop");
            awaitStop();
            try
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (final IllegalStateException ex)
            {
                // shutting down: the hook is running
            }
            stopTimer(timer);
            started.close();
        }
        if (failure != null)
        {
            err.println("serve: error: " + failure);
            return 1;
        }
        out.println("serve: stopped");
        return 0;
    }

    /** The lines that say what {@code serve} started and how a participant can log on. */
    private void printStarted(final GatewayServer started, final Catalog catalog, final Credentials credentials,
        final FixEngine engine, final WaitStrategyName wait)
    {
        final long withPassword = catalog.participants().stream().filter(p -> credentials.hasPassword(p.id())).count();
        out.println("serve: FIX 4.4 gateway listening on " + started.host() + ":" + started.port() +
            " (TargetCompID=" + compId + ", FIX engine " + started.fixEngine().optionValue() +
            (engine == FixEngine.NATIVE ? ", " + ioThreads + (ioThreads == 1 ? " I/O thread" : " I/O threads") : "") +
            ", wait strategy " + wait + "), " +
            catalog.instruments().size() + " instruments, " + catalog.participants().size() + " participants (" +
            withPassword + " with a password)");
        out.println("serve: " + started.engineDescription());
        if (withPassword == 0)
        {
            out.println("serve: no participant has a password, so nobody can log on: copy the participants file," +
                " run 'butb passwd --participants FILE ID', then 'butb serve --participants FILE'");
        }
        if (clientTime)
        {
            out.println("serve: client time mode: the engine's time is the orders' TransactTime(60)");
        }
    }

    private void awaitStop()
    {
        try
        {
            stop.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** The engine stopped taking orders, or a thread of the gateway ended: stop serving, exit code 1. */
    private void failed(final String problem)
    {
        failure = problem;
        stop.countDown();
    }

    /**
     * The exchange's timer: {@link GatewayServer#advanceClock} to the system clock every {@code millis}, until
     * interrupted.
     */
    private Thread startTimer(final GatewayServer started, final long millis)
    {
        final Thread timer = new Thread(() ->
        {
            while (!Thread.currentThread().isInterrupted())
            {
                try
                {
                    Thread.sleep(millis);
                    started.advanceClock(EngineSubmitter.systemClockNanos());
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
                catch (final IllegalStateException ex)
                {
                    err.println("serve: the timer stopped: " + ex.getMessage());
                    return;
                }
            }
        }, "butb-serve-timer");
        timer.setDaemon(true);
        timer.start();
        return timer;
    }

    /** Stops the timer and waits for a clock command it is submitting, so that none arrives after the close. */
    private static void stopTimer(final Thread timer)
    {
        if (timer == null)
        {
            return;
        }
        timer.interrupt();
        try
        {
            timer.join(5_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops a running {@link #call()} as Ctrl-C would (for tests and embedding). */
    public void requestStop()
    {
        stop.countDown();
    }

    /** The running server, or null before it started. */
    public GatewayServer server()
    {
        return server;
    }

    /** The catalog from files, or from the bundled classpath defaults for what is not given. */
    static Catalog loadCatalog(final Path instrumentsFile, final Path participantsFile)
    {
        if (instrumentsFile != null && participantsFile != null)
        {
            return CatalogLoader.load(instrumentsFile, participantsFile);
        }
        try
        {
            return BundledCatalog.load(instrumentsFile, participantsFile);
        }
        catch (final java.io.UncheckedIOException ex)
        {
            throw new IllegalArgumentException(ex.getMessage(), ex);
        }
    }

    /** The password hashes of the participants file, or none for the bundled file. */
    static Credentials loadCredentials(final Path participantsFile)
    {
        if (participantsFile == null)
        {
            try (Reader reader = BundledCatalog.open(null, BundledCatalog.DEFAULT_PARTICIPANTS))
            {
                return ParticipantsFile.readCredentials(BundledCatalog.name(null, BundledCatalog.DEFAULT_PARTICIPANTS),
                    reader);
            }
            catch (final java.io.IOException ex)
            {
                throw new IllegalArgumentException(ex.getMessage(), ex);
            }
        }
        return ParticipantsFile.readCredentials(participantsFile);
    }
}
