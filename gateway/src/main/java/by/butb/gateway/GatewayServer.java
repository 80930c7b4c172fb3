package by.butb.gateway;

import by.butb.engine.core.MarketRules;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.SessionSchedule;
import by.butb.engine.pipeline.EngineContext;
import by.butb.engine.pipeline.EngineListener;
import by.butb.engine.pipeline.EnginePipeline;
import by.butb.engine.pipeline.WaitStrategyName;
import org.apache.mina.core.service.IoAcceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FileStoreFactory;
import quickfix.MemoryStoreFactory;
import quickfix.MessageStoreFactory;
import quickfix.SessionID;
import quickfix.SessionSettings;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The FIX 4.4 gateway in front of an engine pipeline: {@link #start} builds and recovers the engine (journal in the
 * data directory, several producers), then listens for FIX sessions; {@link #close} stops accepting, logs everyone
 * out, drains and closes the pipeline (and its journal).
 *
 * <pre>{@code
 * try (GatewayServer server = GatewayServer.start(new GatewayServer.Options()
 *         .catalog(catalog).port(9878).dataDirectory(Path.of("data/serve"))))
 * {
 *     ... server.port() ...
 * }
 * }</pre>
 *
 * QuickFIX/J keeps sessions in a JVM-wide registry: run one server per JVM at a time.
 */
public final class GatewayServer implements AutoCloseable
{
    public static final String DEFAULT_COMP_ID = "BUTB";
    public static final int DEFAULT_PORT = 9878;
    /**
     * The data dictionary the gateway validates with, on the classpath of the gateway jar: QuickFIX/J's FIX 4.4
     * dictionary plus the exchange's user-defined tags ({@link ButbTags}). Clients may load it too.
     */
    public static final String DATA_DICTIONARY = "BUTB-FIX44.xml";
    /** Sent messages each session keeps for resends by default (see {@link Options#storedMessages}). */
    public static final int DEFAULT_STORED_MESSAGES = 10_000;
    /** {@link Options#storedMessages}: keep every sent message in memory (QuickFIX/J's memory store). */
    public static final int STORE_ALL = Integer.MAX_VALUE;
    /** Largest inbound message of a logged-on connection by default, in bytes (see {@link Options#maxMessageSize}). */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024;
    /** Bytes a connection may send before it is logged on, by default (see {@link Options#maxBytesBeforeLogon}). */
    public static final int DEFAULT_MAX_BYTES_BEFORE_LOGON = 4 * 1024;
    /** Symbols one MarketDataRequest may name by default (see {@link Options#maxMarketDataSymbols}). */
    public static final int DEFAULT_MAX_MARKET_DATA_SYMBOLS = 64;
    /** Live market-data subscriptions per session by default (see {@link Options#maxMarketDataSubscriptions}). */
    public static final int DEFAULT_MAX_MARKET_DATA_SUBSCRIPTIONS = 64;
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    /** Unwritten output allowed per {@link Options#maxScheduledWrites} write before a session counts as slow. */
    private static final long SLOW_CONSUMER_BYTES_PER_WRITE = 1024;
    /** Lines per minute about refused or closed connections before the rest are only counted. */
    static final int CONNECTION_LOG_LINES_PER_MINUTE = 10;
    /** Threads verifying passwords (PBKDF2): at most this many cores go to logons, however many arrive. */
    private static final int AUTHENTICATION_THREADS = 1;
    /**
     * Logons waiting for verification per SenderCompID, more than one address may hold (see
     * {@link Options#maxUnauthenticatedConnections}); more are refused (see {@link LogonScheduler}).
     */
    private static final int MAX_PENDING_LOGONS_PER_COMP_ID = 64;
    /** After a wrong password, the next verification for that CompID or address waits this long. */
    private static final long LOGON_FAILURE_COOLDOWN_MILLIS = 50;

    private final Options options;
    private final EnginePipeline pipeline;
    private final Outbound outbound;
    private final EngineBridge bridge;
    private final FixApplication application;
    private final GatewayAcceptor acceptor;
    private final InetSocketAddress address;
    private final ConnectionGuard guard;
    private final RateLimitedLog connectionLog;
    private final LogonScheduler logonScheduler;
    private final LogonGate logonGate;
    /** ClOrdIDs across restarts; null without a data directory. */
    private final ClOrdIdJournal clOrdIdJournal;
    private boolean closed;

    /** Settings of a gateway server (fluent). */
    public static final class Options
    {
        private Catalog catalog;
        private Credentials credentials = Credentials.NONE;
        private String host = "0.0.0.0";
        private int port = DEFAULT_PORT;
        private Path dataDirectory;
        private Path fixStoreDirectory;
        private String compId = DEFAULT_COMP_ID;
        private WaitStrategyName waitStrategy = WaitStrategyName.BLOCKING;
        private LongSupplier clockNanos = FixApplication::systemClockNanos;
        private int sessionQueueCapacity = 1_000;
        private int maxScheduledWrites = 100_000;
        private boolean checkLatency = true;
        private long logonTimeoutMillis = 10_000;
        private MarketRules rules = MarketRules.DEFAULT;
        private SessionSchedule schedule = SessionSchedule.NONE;
        private int expectedOrders;
        private boolean clientTime;
        private int storedMessages = DEFAULT_STORED_MESSAGES;
        private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
        private int maxBytesBeforeLogon = DEFAULT_MAX_BYTES_BEFORE_LOGON;
        private long logonRefusalDelayMillis = 1_000;
        private int maxUnauthenticatedConnections = 256;
        private int maxUnauthenticatedPerAddress = 32;
        private int maxMarketDataSymbols = DEFAULT_MAX_MARKET_DATA_SYMBOLS;
        private int maxMarketDataSubscriptions = DEFAULT_MAX_MARKET_DATA_SUBSCRIPTIONS;
        private Consumer<String> connectionLogSink = LOG::warn;
        private final List<EngineListener> listeners = new ArrayList<>();

        public Options catalog(final Catalog catalog)
        {
            this.catalog = catalog;
            return this;
        }

        /**
         * The participants' password hashes (default {@link Credentials#NONE}: nobody can log on); see
         * {@link ParticipantsFile#readCredentials}.
         */
        public Options credentials(final Credentials credentials)
        {
            this.credentials = Objects.requireNonNull(credentials);
            return this;
        }

        /** Address to listen on (default 0.0.0.0, every interface). */
        public Options host(final String host)
        {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** TCP port; 0 picks a free one (see {@link GatewayServer#port()}). */
        public Options port(final int port)
        {
            if (port < 0 || port > 65535)
            {
                throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** Engine journal directory (recovered on start); null runs without a journal. */
        public Options dataDirectory(final Path dataDirectory)
        {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** Where QuickFIX/J keeps sequence numbers and sent messages; null (default) keeps them in memory. */
        public Options fixStoreDirectory(final Path fixStoreDirectory)
        {
            this.fixStoreDirectory = fixStoreDirectory;
            return this;
        }

        /** The exchange's CompID: participants send it as TargetCompID (default BUTB). */
        public Options compId(final String compId)
        {
            this.compId = Objects.requireNonNull(compId);
            return this;
        }

        public Options waitStrategy(final WaitStrategyName waitStrategy)
        {
            this.waitStrategy = Objects.requireNonNull(waitStrategy);
            return this;
        }

        /** The gateway's clock (nanoseconds since the epoch, UTC) that stamps commands; for tests. */
        public Options clockNanos(final LongSupplier clockNanos)
        {
            this.clockNanos = Objects.requireNonNull(clockNanos);
            return this;
        }

        /**
         * Inbound messages queued per session before the socket reader waits for the session's thread (default
         * 1,000; at least 2). A small queue keeps a backlog in the socket buffers rather than in the heap: with
         * 10,000, messages that waited long enough to be promoted made collections take most of the time under
         * overload (50,000 orders/s offered to one session: 17,700-24,000 carried over 10 s, against ~44,000 with
         * 1,000; docs/gateway.md).
         */
        public Options sessionQueueCapacity(final int capacity)
        {
            if (capacity < 2)
            {
                throw new IllegalArgumentException("the session queue must hold at least 2 messages, got " + capacity);
            }
            this.sessionQueueCapacity = capacity;
            return this;
        }

        /**
         * Outbound writes queued on one socket before the session counts as a slow consumer and is dropped (default
         * 100,000); also, the socket is closed when more than 1 KiB per allowed write (~100 MB by default) is not
         * yet written, since one write of the sending thread may carry several messages.
         */
        public Options maxScheduledWrites(final int max)
        {
            this.maxScheduledWrites = max;
            return this;
        }

        /** A connection not logged on after this long is closed (default 10 s). */
        public Options logonTimeoutMillis(final long millis)
        {
            this.logonTimeoutMillis = millis;
            return this;
        }

        /** Guarantee and fee rules of the engine (default {@link MarketRules#DEFAULT}). */
        public Options rules(final MarketRules rules)
        {
            this.rules = Objects.requireNonNull(rules);
            return this;
        }

        /** Session phases per section (default {@link SessionSchedule#NONE}: continuous trading). */
        public Options schedule(final SessionSchedule schedule)
        {
            this.schedule = Objects.requireNonNull(schedule);
            return this;
        }

        /** Live orders the engine pre-allocates room for; 0 (default) keeps the engine's default. */
        public Options expectedOrders(final int expectedOrders)
        {
            if (expectedOrders < 0)
            {
                throw new IllegalArgumentException("expectedOrders must not be negative, got " + expectedOrders);
            }
            this.expectedOrders = expectedOrders;
            return this;
        }

        /**
         * An extra engine listener, called on the logic thread after the gateway's own for every event and command
         * (also for the events that recovery publishes at start, before any session). It must not block.
         */
        public Options listener(final EngineListener listener)
        {
            listeners.add(Objects.requireNonNull(listener));
            return this;
        }

        /**
         * Client time mode, for simulations (default false): the engine time of a NewOrderSingle,
         * OrderCancelRequest or OrderCancelReplaceRequest is its TransactTime(60), raised to the previous command's
         * time when earlier, and SendingTime is not checked against the server clock. Time then moves only with
         * the clients' messages and {@link GatewayServer#advanceClock}.
         */
        public Options clientTime(final boolean clientTime)
        {
            this.clientTime = clientTime;
            return this;
        }

        /**
         * How many of the messages it sent each session keeps in memory for resend requests (default
         * {@value #DEFAULT_STORED_MESSAGES}): a participant that reconnects gets what it missed as a resend, as long
         * as it is among the last {@code n}; older messages are answered with a SequenceReset-GapFill (lost to it).
         * {@link #STORE_ALL} keeps every message for the life of the server (QuickFIX/J's memory store: the heap
         * grows with the traffic); 0 keeps none (every resend is a gap fill). Ignored with a
         * {@link #fixStoreDirectory}, which keeps all messages on disk.
         */
        public Options storedMessages(final int n)
        {
            if (n < 0)
            {
                throw new IllegalArgumentException("storedMessages must be 0, positive or STORE_ALL, got " + n);
            }
            this.storedMessages = n;
            return this;
        }

        /**
         * The largest message a logged-on connection may send, in bytes, header to checksum (default
         * {@value #DEFAULT_MAX_MESSAGE_SIZE}; at least 256). A connection whose BodyLength(9) announces a larger
         * one is closed before the message is read.
         */
        public Options maxMessageSize(final int bytes)
        {
            if (bytes < 256)
            {
                throw new IllegalArgumentException("maxMessageSize must be at least 256 bytes, got " + bytes);
            }
            this.maxMessageSize = bytes;
            return this;
        }

        /**
         * Bytes a connection may send before it is logged on, its Logon included (default
         * {@value #DEFAULT_MAX_BYTES_BEFORE_LOGON}; at least 256); more closes it.
         */
        public Options maxBytesBeforeLogon(final int bytes)
        {
            if (bytes < 256)
            {
                throw new IllegalArgumentException("maxBytesBeforeLogon must be at least 256 bytes, got " + bytes);
            }
            this.maxBytesBeforeLogon = bytes;
            return this;
        }

        /**
         * A refused Logon is answered (Logout, then close) no sooner than this long after it arrived (default 1 s):
         * each wrong guess costs its sender this much time. 0 answers as soon as the Logon is checked.
         */
        public Options logonRefusalDelayMillis(final long millis)
        {
            if (millis < 0)
            {
                throw new IllegalArgumentException("logonRefusalDelayMillis must not be negative, got " + millis);
            }
            this.logonRefusalDelayMillis = millis;
            return this;
        }

        /**
         * Connections open but not logged on (verifying, or refused and waiting for their answer) allowed at once,
         * in all (default 256) and from one source address (default 32); a connection beyond either is closed at
         * once.
         */
        public Options maxUnauthenticatedConnections(final int total, final int perAddress)
        {
            if (total < 1 || perAddress < 1)
            {
                throw new IllegalArgumentException("the bounds on connections not logged on must be positive, got " +
                    total + " and " + perAddress + " per address");
            }
            this.maxUnauthenticatedConnections = total;
            this.maxUnauthenticatedPerAddress = perAddress;
            return this;
        }

        /**
         * Related symbols (NoRelatedSym entries, repeats included) one MarketDataRequest may name (default
         * {@value #DEFAULT_MAX_MARKET_DATA_SYMBOLS}); more is rejected (MDReqRejReason 2). A symbol named twice
         * is served once.
         */
        public Options maxMarketDataSymbols(final int n)
        {
            if (n < 1)
            {
                throw new IllegalArgumentException("maxMarketDataSymbols must be positive, got " + n);
            }
            this.maxMarketDataSymbols = n;
            return this;
        }

        /**
         * Live market-data subscriptions a session may hold at once (default
         * {@value #DEFAULT_MAX_MARKET_DATA_SUBSCRIPTIONS}); one more is rejected (MDReqRejReason 2), and so is a
         * subscription to an instrument the session already has a live subscription for.
         */
        public Options maxMarketDataSubscriptions(final int n)
        {
            if (n < 1)
            {
                throw new IllegalArgumentException("maxMarketDataSubscriptions must be positive, got " + n);
            }
            this.maxMarketDataSubscriptions = n;
            return this;
        }

        /** Where the rate-limited lines about refused or closed connections go (default: this class's log, warn). */
        Options connectionLogSink(final Consumer<String> sink)
        {
            this.connectionLogSink = Objects.requireNonNull(sink);
            return this;
        }

        /** Whether SendingTime must be within 2 minutes of the server's clock (default true, as FIX prescribes). */
        public Options checkLatency(final boolean checkLatency)
        {
            this.checkLatency = checkLatency;
            return this;
        }
    }

    private GatewayServer(final Options o)
    {
        if (o.catalog == null)
        {
            throw new IllegalArgumentException("GatewayServer.Options has no catalog");
        }
        this.options = o;
        clOrdIdJournal = o.dataDirectory == null ? null : new ClOrdIdJournal(o.dataDirectory);
        final ClOrdIdTable clOrdIds = new ClOrdIdTable(o.catalog.participants().size(), clOrdIdJournal);
        outbound = new Outbound(o.catalog, o.compId, o.maxMarketDataSubscriptions);
        bridge = new EngineBridge(o.catalog, clOrdIds, outbound);
        final EngineContext context = new EngineContext()
            .catalog(o.catalog)
            .rules(o.rules)
            .schedule(o.schedule)
            .multiProducer(true)
            .dataDirectory(o.dataDirectory)
            .waitStrategy(o.waitStrategy)
            .listener(bridge);
        if (o.expectedOrders > 0)
        {
            context.expectedOrders(o.expectedOrders);
        }
        o.listeners.forEach(context::listener);
        try
        {
            pipeline = EnginePipeline.start(context);
        }
        catch (final RuntimeException ex)
        {
            closeClOrdIdJournal();
            throw ex;
        }
        connectionLog = new RateLimitedLog(o.connectionLogSink, CONNECTION_LOG_LINES_PER_MINUTE,
            TimeUnit.MINUTES.toNanos(1), System::nanoTime, "refused or closed connections");
        guard = new ConnectionGuard(o.logonTimeoutMillis, (long)o.maxScheduledWrites * SLOW_CONSUMER_BYTES_PER_WRITE,
            connectionLog);
        final FrameLimiter frames = new FrameLimiter(o.maxBytesBeforeLogon, o.maxMessageSize,
            LogonGate::authenticated, connectionLog);
        logonScheduler = new LogonScheduler(AUTHENTICATION_THREADS, MAX_PENDING_LOGONS_PER_COMP_ID,
            TimeUnit.MILLISECONDS.toNanos(LOGON_FAILURE_COOLDOWN_MILLIS), System::nanoTime);
        logonGate = new LogonGate(new Authenticator(o.catalog, o.credentials, o.compId), logonScheduler,
            new UnauthenticatedConnections(o.maxUnauthenticatedConnections, o.maxUnauthenticatedPerAddress),
            o.logonRefusalDelayMillis, connectionLog, System::nanoTime);
        GatewayAcceptor started = null;
        FixApplication app = null;
        try
        {
            pipeline.drain();
            bridge.seed(pipeline.engine(), clOrdIdJournal);
            outbound.start();

            app = new FixApplication(o.catalog, pipeline, bridge, clOrdIds, outbound, o.clockNanos,
                o.clientTime, o.maxMarketDataSymbols);
            final FixApplication application = app;
            final SessionSettings settings = settings(o);
            final MessageStoreFactory storeFactory = storeFactory(o, settings);
            final GatewayLogFactory logFactory = new GatewayLogFactory();
            final DefaultMessageFactory messageFactory = new DefaultMessageFactory();
            final SessionID template = new SessionID("FIX.4.4", o.compId, "*");
            final GatewaySessionProvider sessionProvider = new GatewaySessionProvider(settings, template,
                application, storeFactory, logFactory, messageFactory, o.catalog, o.compId);
            started = new GatewayAcceptor(application, storeFactory, settings, logFactory, messageFactory,
                o.sessionQueueCapacity);
            started.setSessionProvider(new InetSocketAddress(o.host, o.port), sessionProvider);
            started.setIoFilterChainBuilder(chain ->
            {
                chain.addFirst("butb-frames", frames); // in front of the FIX decoder
                chain.addLast("butb-guard", guard);
                chain.addLast("butb-logon", logonGate); // behind the decoder, in front of QuickFIX/J
            });
            started.start();
            InetSocketAddress bound = null;
            for (final IoAcceptor io : started.getEndpoints())
            {
                final SocketAddress local = io.getLocalAddress();
                if (local instanceof InetSocketAddress inet)
                {
                    bound = inet;
                }
            }
            address = bound == null ? new InetSocketAddress(o.host, o.port) : bound;
        }
        catch (final ConfigError | RuntimeException ex)
        {
            if (started != null)
            {
                started.stop(true);
            }
            closeConnectionFilters();
            outbound.close();
            pipeline.close();
            closeClOrdIdJournal();
            throw new IllegalStateException("cannot start the FIX gateway on " + o.host + ":" + o.port + ": " +
                ex.getMessage(), ex);
        }
        acceptor = started;
        application = app;
        LOG.info("FIX gateway listening on {}:{} (TargetCompID={})", address.getHostString(), address.getPort(),
            o.compId);
    }

    private static MessageStoreFactory storeFactory(final Options o, final SessionSettings settings)
    {
        if (o.fixStoreDirectory != null)
        {
            return new FileStoreFactory(settings);
        }
        if (o.storedMessages == STORE_ALL || o.storedMessages == 0)
        {
            return new MemoryStoreFactory(); // with PersistMessages=N it stores nothing but sequence numbers
        }
        return RecentMessageStore.factory(o.storedMessages);
    }

    private static SessionSettings settings(final Options o)
    {
        final SessionSettings s = new SessionSettings();
        s.setString("ConnectionType", "acceptor");
        s.setString("SocketAcceptAddress", o.host);
        s.setLong("SocketAcceptPort", o.port);
        s.setString("StartTime", "00:00:00");
        s.setString("EndTime", "00:00:00");
        s.setString("NonStopSession", "Y");
        s.setString("UseDataDictionary", "Y");
        s.setString("DataDictionary", DATA_DICTIONARY);
        s.setString("ValidateUserDefinedFields", "Y");
        s.setString("ResetOnLogon", "N");
        s.setString("ResetOnLogout", "N");
        s.setString("ResetOnDisconnect", "N");
        s.setString("RefreshOnLogon", "N");
        s.setString("PersistMessages", o.fixStoreDirectory != null || o.storedMessages > 0 ? "Y" : "N");
        s.setString("SocketTcpNoDelay", "Y");
        s.setString("CheckLatency", o.checkLatency && !o.clientTime ? "Y" : "N");
        s.setLong("MaxScheduledWriteRequests", o.maxScheduledWrites);
        s.setString("RejectMessageOnUnhandledException", "Y");
        if (o.fixStoreDirectory != null)
        {
            s.setString("FileStorePath", o.fixStoreDirectory.toString());
        }
        final SessionID template = new SessionID("FIX.4.4", o.compId, "*");
        s.setString(template, "BeginString", "FIX.4.4");
        s.setString(template, "SenderCompID", o.compId);
        s.setString(template, "TargetCompID", "*");
        s.setString(template, "AcceptorTemplate", "Y");
        return s;
    }

    public static GatewayServer start(final Options options)
    {
        return new GatewayServer(options);
    }

    /** A server on {@code port} (0 for a free one) of every interface, with its journal in {@code dataDirectory}. */
    public static GatewayServer start(final int port, final Catalog catalog, final Path dataDirectory)
    {
        return new GatewayServer(new Options().catalog(catalog).port(port).dataDirectory(dataDirectory));
    }

    /** The port the server listens on (the real one when started with port 0). */
    public int port()
    {
        return address.getPort();
    }

    public String host()
    {
        return address.getHostString();
    }

    public String compId()
    {
        return options.compId;
    }

    /** The engine pipeline, e.g. for tests that drain it; do not query its engine while sessions trade. */
    public EnginePipeline pipeline()
    {
        return pipeline;
    }

    /** Waits until every command received so far has been applied and its reports handed to the sessions. */
    public void drain()
    {
        pipeline.drain();
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
     * time earlier than the previous command's is raised to it. Any thread.
     */
    public void advanceClock(final long epochNanos)
    {
        application.submitClock(epochNanos);
        pipeline.drain();
    }

    /** Connections open and not logged on: verifying, or refused and not yet closed (for tests). */
    int unauthenticatedConnections()
    {
        return logonGate.unauthenticated();
    }

    /** Stops accepting, logs sessions out, drains and closes the engine pipeline (journal included). Idempotent. */
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
            acceptor.stop(true);
        }
        finally
        {
            closeConnectionFilters();
            try
            {
                pipeline.close();
            }
            finally
            {
                outbound.close();
                closeClOrdIdJournal();
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

    private void closeClOrdIdJournal()
    {
        if (clOrdIdJournal != null)
        {
            clOrdIdJournal.close();
        }
    }
}
