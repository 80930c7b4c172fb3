package by.butb.gateway;

import by.butb.cluster.RateLimitedLog;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.model.Catalog;
import by.butb.engine.pipeline.EngineContext;
import by.butb.engine.pipeline.EngineListener;
import by.butb.engine.pipeline.EnginePipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.ConfigError;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The FIX 4.4 gateway in front of an engine pipeline: {@link #start} builds and recovers the engine (journal in the
 * data directory, several producers), or with {@link GatewayOptions#cluster} connects to the cluster and mirrors its
 * engine ({@link ClusterMirror}), then listens for FIX sessions; {@link #close} stops accepting, logs everyone out,
 * drains and closes the engine (and its journal).
 *
 * <pre>{@code
 * try (GatewayServer server = GatewayServer.start(new GatewayOptions()
 *         .catalog(catalog).port(9878).dataDirectory(Path.of("data/serve"))))
 * {
 *     ... server.port() ...
 * }
 * }</pre>
 *
 * With {@link FixEngine#QFJ}: QuickFIX/J keeps sessions in a JVM-wide registry, so run one such server per JVM at a
 * time.
 */
public final class GatewayServer implements AutoCloseable
{
    /**
     * The data dictionary the gateway validates with, on the classpath of the gateway jar: QuickFIX/J's FIX 4.4
     * dictionary plus the exchange's user-defined tags ({@link ButbTags}). Clients may load it too.
     */
    public static final String DATA_DICTIONARY = "BUTB-FIX44.xml";
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    /** Lines per minute about refused or closed connections before the rest are only counted. */
    static final int CONNECTION_LOG_LINES_PER_MINUTE = 10;
    /** Threads verifying passwords (PBKDF2): at most this many cores go to logons, however many arrive. */
    private static final int AUTHENTICATION_THREADS = 1;
    /**
     * Logons waiting for verification per SenderCompID, more than one address may hold (see
     * {@link GatewayOptions#maxUnauthenticatedConnections}); more are refused (see {@link LogonScheduler}).
     */
    private static final int MAX_PENDING_LOGONS_PER_COMP_ID = 64;
    /** After a wrong password, the next verification for that CompID or address waits this long. */
    private static final long LOGON_FAILURE_COOLDOWN_MILLIS = 50;

    private final GatewayOptions options;
    private final EngineHost engine;
    private final Outbound outbound;
    private final EngineBridge bridge;
    private final EngineSubmitter submitter;
    /** The QuickFIX/J engine's acceptor, or null with {@link FixEngine#NATIVE}. */
    private final GatewayAcceptor acceptor;
    /** The native engine's acceptor, or null with {@link FixEngine#QFJ}. */
    private final NativeAcceptor nativeAcceptor;
    private final UnauthenticatedConnections unauthenticated;
    private final FixSessions sessions;
    private final InetSocketAddress address;
    private final ConnectionGuard guard;
    /** QuickFIX/J's session logs (the QuickFIX/J engine only); their summaries are flushed with the guard's. */
    private final GatewayLogFactory qfjLogs = new GatewayLogFactory();
    private final RateLimitedLog connectionLog;
    private final LogonScheduler logonScheduler;
    private final LogonGate logonGate;
    /** The native engine's sessions; null with QuickFIX/J. */
    private final NativeSessions nativeSessions;
    /** ClOrdIDs across restarts; null without a data directory. */
    private final ClOrdIdJournal clOrdIdJournal;
    /** What a kill -9 caught on its way to the FIX store, reported again. */
    private final ReportRecovery reportRecovery;
    /** Connections whose reading was paused because the sending thread was behind ({@link ReadThrottle}). */
    private final LongAdder readPauses = new LongAdder();
    /** Connections whose reading was paused because their session had more than its share in flight. */
    private final LongAdder shareHolds = new LongAdder();
    private final SessionShare share;
    /** Set by {@link #start} once constructed; released when closed. */
    private volatile DirectoryLocks locks;
    private boolean closed;

    private GatewayServer(final GatewayOptions o)
    {
        if (o.catalog == null)
        {
            throw new IllegalArgumentException("GatewayOptions has no catalog");
        }
        this.options = o;
        checkEngineOptions(o);
        final boolean nativeEngine = o.fixEngine == FixEngine.NATIVE;
        final NativeSessions nativeSessions = nativeEngine ?
            new NativeSessions(o.compId, o.storedMessages, o.fixStoreDirectory, o.catalog) : null;
        this.nativeSessions = nativeSessions;
        final KnownAddresses knownAddresses = o.dataDirectory == null ? KnownAddresses.inMemory() :
            KnownAddresses.load(o.dataDirectory);
        clOrdIdJournal = o.dataDirectory == null ? null : new ClOrdIdJournal(o.dataDirectory);
        final ClOrdIdTable clOrdIds = new ClOrdIdTable(o.catalog.participants().size(), clOrdIdJournal);
        sessions = nativeEngine ? nativeSessions : new QfjSessions();
        share = new SessionShare(o.catalog, o.sessionShare());
        outbound = new Outbound(o.catalog, sessions, share, o.compId, o.maxMarketDataSubscriptions,
            o.conflateMarketDataBytes(), o.conflateQueuedMarketDataBytes(), IdleWait.of(o.waitStrategy), o.onFailure);
        bridge = new EngineBridge(o.catalog, clOrdIds, outbound, share);
        try
        {
            reportRecovery = ReportRecovery.open(o, bridge, clOrdIdJournal);
            engine = o.sectionClusters != null ?
                new ClusterMirror(ClusterState.fetchSections(o), o.catalog, listeners(o), o.onFailure) :
                o.cluster == null ? new PipelineHost(context(o), o.dataDirectory) :
                new ClusterMirror(ClusterState.fetch(o), listeners(o), o.onFailure);
        }
        catch (final RuntimeException ex)
        {
            closeClOrdIdJournal();
            closeNativeSessions();
            throw ex;
        }
        connectionLog = new RateLimitedLog(o.connectionLogSink, CONNECTION_LOG_LINES_PER_MINUTE,
            TimeUnit.MINUTES.toNanos(1), System::nanoTime, "refused or closed connections");
        guard = new ConnectionGuard(o.logonTimeoutMillis, o.slowConsumerBytes(), o.maxTotalBacklogBytes(),
            connectionLog, qfjLogs::flush);
        final FrameLimiter frames = new FrameLimiter(o.maxBytesBeforeLogon, o.maxMessageSize,
            LogonGate::authenticated, connectionLog);
        logonScheduler = new LogonScheduler(AUTHENTICATION_THREADS, MAX_PENDING_LOGONS_PER_COMP_ID,
            TimeUnit.MILLISECONDS.toNanos(LOGON_FAILURE_COOLDOWN_MILLIS), System::nanoTime, knownAddresses);
        final Authenticator authenticator = new Authenticator(o.catalog, o.credentials, o.compId);
        unauthenticated = new UnauthenticatedConnections(o.maxUnauthenticatedConnections,
            o.maxUnauthenticatedPerAddress);
        logonGate = new LogonGate(authenticator, logonScheduler, unauthenticated, o.logonRefusalDelayMillis,
            connectionLog, System::nanoTime);
        final QfjReadThrottle qfjThrottle = nativeEngine ? null : qfjReadThrottle(o);
        GatewayAcceptor started = null;
        NativeAcceptor nativeStarted = null;
        EngineSubmitter engineSubmitter = null;
        try
        {
            engineSubmitter = new EngineSubmitter(engine, bridge, clOrdIds, o.clockNanos, o.clientTime);
            // QuickFIX/J's sessions with stores exist before the sending thread starts: reports made again are stored
            started = nativeEngine ? null : quickFixJ(o, engineSubmitter, clOrdIds, frames, qfjThrottle);
            startSendingThread(o);
            if (nativeEngine)
            {
                final EngineSubmitter submits = engineSubmitter;
                final MarketDataRequests marketData = new MarketDataRequests(o.catalog, outbound,
                    o.maxMarketDataSymbols);
                nativeStarted = new NativeAcceptor(o, nativeSessions, authenticator, logonScheduler,
                    unauthenticated, connectionLog, () ->
                    {
                        final NativeOrders orders = new NativeOrders(o.catalog, submits, clOrdIds, outbound);
                        return new NativeIoLoop.Handlers(orders, new NativeMarketDataRequests(orders, marketData,
                            outbound), new ReadThrottle(backlogMarks(o), share, shareHolds));
                    });
                address = nativeStarted.address();
            }
            else
            {
                started.start();
                address = QfjAcceptorFactory.endpoint(started, o);
            }
        }
        catch (final ConfigError | RuntimeException ex)
        {
            if (started != null)
            {
                started.stop(true);
            }
            if (nativeStarted != null)
            {
                nativeStarted.close();
            }
            closeConnectionFilters();
            outbound.close();
            engine.close();
            closeClOrdIdJournal();
            closeNativeSessions();
            throw new IllegalStateException("cannot start the FIX gateway on " + o.host + ":" + o.port + ": " +
                ex.getMessage(), ex);
        }
        acceptor = started;
        nativeAcceptor = nativeStarted;
        submitter = engineSubmitter;
        LOG.info("FIX gateway listening on {}:{} (TargetCompID={}, FIX engine {})", address.getHostString(),
            address.getPort(), o.compId, o.fixEngine.optionValue());
    }

    /**
     * After the engine's recovery: seeds the bridge (unless the recovery did: {@link ReportRecovery}), opens the
     * native engine's sessions and starts the sending thread; when it reports commands again, waits for those
     * reports, so that they are made before any session can log on or send.
     */
    private void startSendingThread(final GatewayOptions o)
    {
        engine.drain();
        reportRecovery.beforeSendingThread(engine.engine(), () -> bridge.seed(engine.engines(), clOrdIdJournal));
        if (nativeSessions != null)
        {
            // the sessions exist before the sending thread starts: reports made again are stored in them
            nativeSessions.settings(new NativeSessionProtocol.Settings(o.checkLatency && !o.clientTime, outbound,
                connectionLog, o.resendIntervalNanos), o.catalog);
        }
        final StoredReports stored = reportRecovery.storedReports();
        if (stored != null)
        {
            if (nativeSessions != null)
            {
                nativeSessions.recordStoresIn(stored);
            }
            outbound.afterEachPass(stored::settle);
        }
        outbound.start();
        reportRecovery.awaitReportsMadeAgain(outbound);
    }

    /** When a read throttle holds connections back: the sending thread's backlog against the options' mark. */
    private BacklogMarks backlogMarks(final GatewayOptions o)
    {
        return new BacklogMarks(outbound::backlog, o.maxReportBacklog, readPauses);
    }

    /** Before the sending thread starts: the QuickFIX/J engine's read throttle, which that thread resumes. */
    private QfjReadThrottle qfjReadThrottle(final GatewayOptions o)
    {
        final QfjReadThrottle throttle = new QfjReadThrottle(backlogMarks(o), share, shareHolds);
        outbound.afterEachPass(throttle::resumeIfDrained);
        return throttle;
    }

    /**
     * The QuickFIX/J engine: its acceptor with the gateway's filters around its decoder, not yet started, and with
     * {@code --fix-store} the sessions whose stores are there.
     */
    private GatewayAcceptor quickFixJ(final GatewayOptions o, final EngineSubmitter engineSubmitter,
        final ClOrdIdTable clOrdIds, final FrameLimiter frames, final QfjReadThrottle throttle) throws ConfigError
    {
        final FixApplication application = new FixApplication(o.catalog, engineSubmitter, clOrdIds, outbound,
            o.maxMarketDataSymbols, o.resendIntervalNanos);
        return QfjAcceptorFactory.create(o, application, qfjLogs, chain ->
        {
            chain.addFirst("butb-frames", frames); // in front of the FIX decoder
            chain.addLast("butb-guard", guard);
            chain.addLast("butb-logon", logonGate); // behind the decoder, in front of QuickFIX/J
            chain.addLast("butb-read-throttle", throttle); // authenticated connections only
        });
    }

    /**
     * Before anything starts: the other engine's FIX store is refused, and so are the options only the other engine
     * has.
     */
    private static void checkEngineOptions(final GatewayOptions o)
    {
        ForeignFixStore.refuse(o.fixEngine, o.fixStoreDirectory);
        if (o.fixEngine != FixEngine.NATIVE)
        {
            if (o.ioThreads != 1)
            {
                throw new IllegalArgumentException("ioThreads needs fixEngine(FixEngine.NATIVE): QuickFIX/J reads " +
                    "each session on a thread of its own");
            }
            return;
        }
        if (o.storedMessages == GatewayOptions.STORE_ALL)
        {
            throw new IllegalArgumentException("storedMessages(STORE_ALL) needs fixEngine(FixEngine.QFJ): the native " +
                "FIX engine keeps the latest 65,536 of each session with fixStoreDirectory (on disk), or a number of " +
                "messages in memory");
        }
        if (o.sessionQueueCapacity != 0)
        {
            throw new IllegalArgumentException("sessionQueueCapacity needs fixEngine(FixEngine.QFJ): the native FIX " +
                "engine has no queue per session (its I/O thread hands each order to the engine)");
        }
    }

    /** The in-process engine's settings: journal in the data directory, the bridge first among the listeners. */
    private EngineContext context(final GatewayOptions o)
    {
        final EngineContext context = new EngineContext()
            .catalog(o.catalog)
            .rules(o.rules)
            .schedule(o.schedule)
            .multiProducer(true)
            .dataDirectory(o.dataDirectory)
            .waitStrategy(o.waitStrategy)
            .onFailure(failure -> o.onFailure.accept("the engine stopped: " + failure));
        for (final EngineListener listener : listeners(o))
        {
            context.listener(listener);
        }
        if (o.expectedOrders > 0)
        {
            context.expectedOrders(o.expectedOrders);
        }
        return context;
    }

    /** The gateway's own listener, then the extra ones. */
    private EngineListener[] listeners(final GatewayOptions o)
    {
        final List<EngineListener> all = new ArrayList<>();
        all.add(bridge);
        all.addAll(o.listeners);
        return all.toArray(EngineListener[]::new);
    }

    /**
     * Starts a server with {@code options}; an IllegalArgumentException names a bad option, or a data or FIX store
     * directory another running gateway holds ({@link DirectoryLocks}), before anything in them is touched.
     */
    public static GatewayServer start(final GatewayOptions options)
    {
        final DirectoryLocks locks = DirectoryLocks.acquire(options);
        try
        {
            final GatewayServer server = new GatewayServer(options);
            server.locks = locks;
            return server;
        }
        catch (final RuntimeException | Error ex)
        {
            locks.close();
            throw ex;
        }
    }

    /** A server on {@code port} (0 for a free one) of every interface, with its journal in {@code dataDirectory}. */
    public static GatewayServer start(final int port, final Catalog catalog, final Path dataDirectory)
    {
        return start(new GatewayOptions().catalog(catalog).port(port).dataDirectory(dataDirectory));
    }

    /** The port the server listens on (the real one when started with port 0). */
    public int port()
    {
        return address.getPort();
    }

    /** The address listened on: as given ({@code 0.0.0.0} for every interface), else as bound. */
    public String host()
    {
        return address.getAddress() != null && address.getAddress().isAnyLocalAddress() ? options.host :
            address.getHostString();
    }

    public String compId()
    {
        return options.compId;
    }

    /**
     * The in-process engine pipeline, e.g. for tests that drain it; do not query its engine while sessions trade.
     * Null with {@link GatewayOptions#cluster}.
     */
    public EnginePipeline pipeline()
    {
        return engine instanceof PipelineHost host ? host.pipeline() : null;
    }

    /**
     * The engine the gateway's listeners read: in this process, or the mirror of the cluster's with
     * {@link GatewayOptions#cluster}. Query it only after {@link #drain}, while no session trades.
     */
    public MatchingEngine engine()
    {
        return engine.engine();
    }

    /**
     * Every engine the gateway's listeners read: {@link #engine()}, or with {@link GatewayOptions#sectionClusters}
     * the mirror of each section's cluster, in the catalog's section order. Query them as {@link #engine()}.
     */
    public List<MatchingEngine> engines()
    {
        return engine.engines();
    }

    /** One line: where the engine's state is kept (journal or cluster) and what the start recovered. */
    public String engineDescription()
    {
        return engine.describe();
    }

    /** The FIX session layer this server runs ({@link GatewayOptions#fixEngine}). */
    public FixEngine fixEngine()
    {
        return options.fixEngine;
    }

    /** How many times a connection's reading was paused because the sending thread was behind (for tests). */
    long readPauses()
    {
        return readPauses.sum();
    }

    /** How many times a connection's reading was paused for its session's share of requests in flight (for tests). */
    long shareHolds()
    {
        return shareHolds.sum();
    }

    /** Requests of the session of participant {@code id} in flight now (for tests). */
    int requestsInFlight(final String id)
    {
        return share.inFlight(options.catalog.participant(id).index());
    }

    /** The native engine's session of participant {@code id}, or null (for tests). */
    NativeSession nativeSession(final String id)
    {
        return nativeSessions == null ? null : nativeSessions.session(options.catalog.participant(id));
    }

    /** The sending thread (for tests). */
    Outbound outbound()
    {
        return outbound;
    }

    /** Where the engine runs (for tests: query its engine only after {@link #drain}, while no session trades). */
    EngineHost engineHost()
    {
        return engine;
    }

    /** Waits until every command received so far has been applied and its reports handed to the sessions. */
    public void drain()
    {
        engine.drain();
        final long deadline = System.nanoTime() + 5_000_000_000L;
        while (!outbound.idle() && System.nanoTime() < deadline)
        {
            Thread.onSpinWait();
        }
    }

    /**
     * The exchange's own timer: submits an engine CLOCK command for {@code epochNanos} (nanoseconds since the
     * epoch, UTC) and returns once the engine has applied it and its reports are on their way to the sessions. Lots due
     * by then close (trade or expiry reports), and the trading day and session phases change. In client time mode a
     * time earlier than the previous command's is raised to it. On clusters, a cluster that has left a command
     * unanswered for a second (a failover) is not waited for, and gets no further clock until it answers, so that one
     * section's failover does not stop the others' clocks ({@link ClusterMirror#awaitClock}); that holds while the
     * gateway's queue moves: once 20,480 commands are for one cluster (4,096 sent and unanswered, 16,384 waiting to
     * be sent), the queue is held at the next command for it, clocks behind included, until that cluster answers.
     * Any thread.
     */
    public void advanceClock(final long epochNanos)
    {
        submitter.submitClock(epochNanos);
        engine.awaitClock();
    }

    /**
     * The server side of {@code participant}'s session: its next outgoing and next expected incoming sequence
     * numbers, or null when it has none (for tests).
     */
    int[] sequenceNumbers(final String participant)
    {
        return sessions.sequenceNumbers(Outbound.sessionId(options.compId, participant));
    }

    /** Whether a connection is bound to {@code participant}'s session (for tests: {@link FixSessions#connected}). */
    boolean connected(final String participant)
    {
        return sessions.connected(Outbound.sessionId(options.compId, participant));
    }

    /** Connections open and not logged on: verifying, or refused and not yet closed (for tests). */
    int unauthenticatedConnections()
    {
        return unauthenticated.count();
    }

    /**
     * Stops accepting, logs sessions out, drains and closes the engine (the pipeline and its journal, or the link to
     * the cluster); the sessions end last, so that the reports of the commands drained are stored for them.
     * Idempotent.
     */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            if (acceptor != null)
            {
                acceptor.logOutAndStopAccepting();
            }
            if (nativeAcceptor != null)
            {
                nativeAcceptor.close();
            }
        }
        finally
        {
            closeConnectionFilters();
            try
            {
                engine.close();
            }
            finally
            {
                outbound.close();
                try
                {
                    if (acceptor != null)
                    {
                        acceptor.stop(true);
                    }
                }
                finally
                {
                    closeClOrdIdJournal();
                    closeNativeSessions();
                    if (locks != null)
                    {
                        locks.close();
                    }
                }
            }
        }
        LOG.info("FIX gateway on port {} stopped", address.getPort());
    }

    private void closeConnectionFilters()
    {
        logonScheduler.close();
        logonGate.close();
        guard.close();
    }

    private void closeNativeSessions()
    {
        if (nativeSessions != null)
        {
            nativeSessions.close();
        }
    }

    private void closeClOrdIdJournal()
    {
        if (clOrdIdJournal != null)
        {
            clOrdIdJournal.close();
        }
        if (reportRecovery != null)
        {
            reportRecovery.close();
        }
    }
}
