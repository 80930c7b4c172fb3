package by.butb.gateway;

import by.butb.cluster.ClusterMembers;
import by.butb.cluster.ClusterSecret;
import by.butb.engine.core.MarketRules;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.SessionSchedule;
import by.butb.engine.pipeline.EngineListener;
import by.butb.engine.pipeline.WaitStrategyName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Settings of a {@link GatewayServer} (fluent); the server reads the fields (same package). Not thread-safe: set
 * before {@link GatewayServer#start}.
 */
public final class GatewayOptions
{
    public static final String DEFAULT_COMP_ID = "BUTB";
    public static final int DEFAULT_PORT = 9878;
    /** Sent messages each session keeps for resends by default (see {@link #storedMessages}). */
    public static final int DEFAULT_STORED_MESSAGES = 10_000;
    /** {@link #storedMessages}: keep every sent message in memory (QuickFIX/J's memory store). */
    public static final int STORE_ALL = Integer.MAX_VALUE;
    /** Largest inbound message of a logged-on connection by default, in bytes (see {@link #maxMessageSize}). */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024;
    /** Bytes a connection may send before it is logged on, by default (see {@link #maxBytesBeforeLogon}). */
    public static final int DEFAULT_MAX_BYTES_BEFORE_LOGON = 4 * 1024;
    /** Symbols one MarketDataRequest may name by default (see {@link #maxMarketDataSymbols}). */
    public static final int DEFAULT_MAX_MARKET_DATA_SYMBOLS = 64;
    /** Live market-data subscriptions per session by default (see {@link #maxMarketDataSubscriptions}). */
    public static final int DEFAULT_MAX_MARKET_DATA_SUBSCRIPTIONS = 64;
    /** Inbound messages QuickFIX/J queues per session by default (see {@link #sessionQueueCapacity}). */
    public static final int DEFAULT_SESSION_QUEUE_CAPACITY = 1_000;
    public static final int MAX_IO_THREADS = 64;
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

    Catalog catalog;
    Credentials credentials = Credentials.NONE;
    String host = "0.0.0.0";
    int port = DEFAULT_PORT;
    Path dataDirectory;
    Path fixStoreDirectory;
    String compId = DEFAULT_COMP_ID;
    WaitStrategyName waitStrategy = WaitStrategyName.BLOCKING;
    LongSupplier clockNanos = EngineSubmitter::systemClockNanos;
    /** 0: not set ({@link #DEFAULT_SESSION_QUEUE_CAPACITY} with QuickFIX/J). */
    int sessionQueueCapacity;
    int maxScheduledWrites = 100_000;
    boolean checkLatency = true;
    long logonTimeoutMillis = 10_000;
    MarketRules rules = MarketRules.DEFAULT;
    SessionSchedule schedule = SessionSchedule.NONE;
    int expectedOrders;
    boolean clientTime;
    int storedMessages = DEFAULT_STORED_MESSAGES;
    FixEngine fixEngine = FixEngine.NATIVE;
    int ioThreads = 1;
    long maxReportBacklog = BacklogMarks.DEFAULT_HIGH;
    int maxRequestsInFlightPerSession = SessionShare.DEFAULT_MAX;
    int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
    int maxBytesBeforeLogon = DEFAULT_MAX_BYTES_BEFORE_LOGON;
    long logonRefusalDelayMillis = 1_000;
    long resendIntervalNanos = ResendPace.MIN_INTERVAL_NANOS;
    long logoutTimeoutMillis = 1_000;
    int maxUnauthenticatedConnections = 256;
    int maxUnauthenticatedPerAddress = 32;
    int maxMarketDataSymbols = DEFAULT_MAX_MARKET_DATA_SYMBOLS;
    long maxTotalBacklogBytes;
    int maxMarketDataSubscriptions = DEFAULT_MAX_MARKET_DATA_SUBSCRIPTIONS;
    Consumer<String> connectionLogSink = LOG::warn;
    ClusterMembers cluster;
    /** A cluster per section, by section name; null for none. */
    Map<String, ClusterMembers> sectionClusters;
    String clusterHost = "localhost";
    ClusterSecret clusterSecret = ClusterSecret.NONE;
    long clusterStartTimeoutMillis = 10_000;
    Consumer<String> onFailure = problem -> { };
    final List<EngineListener> listeners = new ArrayList<>();

    public GatewayOptions catalog(final Catalog catalog)
    {
        this.catalog = catalog;
        return this;
    }

    /**
     * The participants' password hashes (default {@link Credentials#NONE}: nobody can log on); see
     * {@link ParticipantsFile#readCredentials}.
     */
    public GatewayOptions credentials(final Credentials credentials)
    {
        this.credentials = Objects.requireNonNull(credentials);
        return this;
    }

    /** Address to listen on (default 0.0.0.0, every interface). */
    public GatewayOptions host(final String host)
    {
        this.host = Objects.requireNonNull(host);
        return this;
    }

    /** TCP port; 0 picks a free one (see {@link GatewayServer#port()}). */
    public GatewayOptions port(final int port)
    {
        if (port < 0 || port > 65535)
        {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        this.port = port;
        return this;
    }

    /** Engine journal directory (recovered on start); null runs without a journal. */
    public GatewayOptions dataDirectory(final Path dataDirectory)
    {
        this.dataDirectory = dataDirectory;
        return this;
    }

    /**
     * Where the FIX engine keeps each session's sequence numbers and sent messages across restarts (each engine its
     * own files, see {@link FixEngine}); null (default) keeps them in memory.
     */
    public GatewayOptions fixStoreDirectory(final Path fixStoreDirectory)
    {
        this.fixStoreDirectory = fixStoreDirectory;
        return this;
    }

    /** The exchange's CompID: participants send it as TargetCompID (default BUTB). */
    public GatewayOptions compId(final String compId)
    {
        this.compId = Objects.requireNonNull(compId);
        return this;
    }

    /**
     * How the engine's threads wait for work (default BLOCKING), and with them the gateway's sending thread and the
     * native FIX engine's I/O thread ({@link IdleWait}): YIELDING and BUSY_SPIN make those poll instead of blocking,
     * which takes a core each but wakes no thread on an order's path; for a machine with cores to spare.
     */
    public GatewayOptions waitStrategy(final WaitStrategyName waitStrategy)
    {
        this.waitStrategy = Objects.requireNonNull(waitStrategy);
        return this;
    }

    /**
     * The native FIX engine's I/O threads (default 1): each reads, decodes and submits the orders of the connections
     * it was given at accept, in turn, and with more than one also writes the reports the sending thread encoded for
     * them to their sockets ({@link NativeIoLoop#writeSoon}). More than one spreads many sessions over cores; one
     * session is always read by one thread. An IllegalArgumentException below 1 or above {@value #MAX_IO_THREADS}.
     */
    public GatewayOptions ioThreads(final int ioThreads)
    {
        if (ioThreads < 1 || ioThreads > MAX_IO_THREADS)
        {
            throw new IllegalArgumentException("the FIX I/O threads must be 1 to " + MAX_IO_THREADS + ", got " +
                ioThreads);
        }
        this.ioThreads = ioThreads;
        return this;
    }

    /**
     * The gateway stops reading logged-on connections while more than this many items (reports to make, messages to
     * send) wait for its sending thread, and reads them again once half as many do (default
     * {@value BacklogMarks#DEFAULT_HIGH}; both FIX engines): orders offered faster than their reports can be made then
     * wait in the clients' sockets instead of in memory. An IllegalArgumentException below 2.
     */
    public GatewayOptions maxReportBacklog(final long items)
    {
        if (items < 2)
        {
            throw new IllegalArgumentException("the report backlog must be at least 2 items, got " + items);
        }
        this.maxReportBacklog = items;
        return this;
    }

    /**
     * A session's reading is held while more than this many of its requests are in flight (handed to the engine,
     * their reports not yet made by the sending thread; or answered by the gateway itself, the answer not yet
     * handled by the sending thread), and resumed at half (default
     * {@value SessionShare#DEFAULT_MAX}; both FIX engines; not with {@link #sectionClusters}): one session's flood then
     * puts about that much work ahead of other sessions' orders. An IllegalArgumentException below 2.
     */
    public GatewayOptions maxRequestsInFlightPerSession(final int requests)
    {
        if (requests < 2)
        {
            throw new IllegalArgumentException("a session must be allowed at least 2 requests in flight, got " +
                requests);
        }
        this.maxRequestsInFlightPerSession = requests;
        return this;
    }

    /**
     * The share of requests in flight a session may hold: {@link #maxRequestsInFlightPerSession}, or no bound with a
     * cluster per section (a session's orders waiting for a section whose cluster is down would hold its reading, and
     * so its orders for the other sections).
     */
    int sessionShare()
    {
        return sectionClusters == null ? maxRequestsInFlightPerSession : Integer.MAX_VALUE;
    }

    /** The gateway's clock (nanoseconds since the epoch, UTC) that stamps commands; for tests. */
    public GatewayOptions clockNanos(final LongSupplier clockNanos)
    {
        this.clockNanos = Objects.requireNonNull(clockNanos);
        return this;
    }

    /**
     * QuickFIX/J engine only ({@link FixEngine#QFJ}; the native engine has no such queue and refuses it at start):
     * inbound messages queued per session before the socket reader waits for the session's thread (default
     * {@value #DEFAULT_SESSION_QUEUE_CAPACITY}; at least 2). A small queue keeps a backlog in the socket buffers
     * rather than in the heap: with 10,000, messages that waited long enough to be promoted made collections take
     * most of the time under overload (50,000 orders/s offered to one session: 17,700-24,000 carried over 10 s,
     * against ~44,000 with 1,000; docs/gateway.md).
     */
    public GatewayOptions sessionQueueCapacity(final int capacity)
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
     * yet written, since one write of the sending thread may carry several messages. 0 or less: no limit.
     */
    public GatewayOptions maxScheduledWrites(final int max)
    {
        this.maxScheduledWrites = max;
        return this;
    }

    /** Unwritten bytes past which a session is a slow consumer: 1 KiB per allowed write; 0 or less: no limit. */
    long slowConsumerBytes()
    {
        return (long)maxScheduledWrites * 1024;
    }

    /**
     * A session's unwritten bytes from which its market data is conflated ({@link MarketDataSubscriptions}): 256 KiB,
     * or a quarter of the slow-consumer bound when that is less.
     */
    long conflateMarketDataBytes()
    {
        final long conflate = 256 * 1024;
        final long bound = slowConsumerBytes();
        return bound > 0 ? Math.max(1, Math.min(conflate, bound / 4)) : conflate;
    }

    /**
     * A session's unwritten bytes and those queued to be encoded, together, from which its market data is conflated:
     * half the slow-consumer bound (none without one).
     */
    long conflateQueuedMarketDataBytes()
    {
        final long bound = slowConsumerBytes();
        return bound > 0 ? Math.max(1, bound / 2) : Long.MAX_VALUE;
    }

    /**
     * Bytes all sessions together may leave unwritten (default: a quarter of the heap, {@link Runtime#maxMemory});
     * beyond, a session holding at least an eighth of that is disconnected as a slow consumer when it is given
     * more, so that several slow readers cannot run the heap out. For tests.
     */
    GatewayOptions maxTotalBacklogBytes(final long bytes)
    {
        this.maxTotalBacklogBytes = bytes;
        return this;
    }

    long maxTotalBacklogBytes()
    {
        return maxTotalBacklogBytes > 0 ? maxTotalBacklogBytes : Runtime.getRuntime().maxMemory() / 4;
    }

    /** A connection not logged on after this long is closed (default 10 s). */
    public GatewayOptions logonTimeoutMillis(final long millis)
    {
        this.logonTimeoutMillis = millis;
        return this;
    }

    /** Guarantee and fee rules of the engine (default {@link MarketRules#DEFAULT}). */
    public GatewayOptions rules(final MarketRules rules)
    {
        this.rules = Objects.requireNonNull(rules);
        return this;
    }

    /** Session phases per section (default {@link SessionSchedule#NONE}: continuous trading). */
    public GatewayOptions schedule(final SessionSchedule schedule)
    {
        this.schedule = Objects.requireNonNull(schedule);
        return this;
    }

    /** Live orders the engine pre-allocates room for; 0 (default) keeps the engine's default. */
    public GatewayOptions expectedOrders(final int expectedOrders)
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
    public GatewayOptions listener(final EngineListener listener)
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
    public GatewayOptions clientTime(final boolean clientTime)
    {
        this.clientTime = clientTime;
        return this;
    }

    /**
     * The FIX session layer (default {@link FixEngine#NATIVE}); {@link FixEngine#QFJ} runs QuickFIX/J, needed for
     * {@link #storedMessages} {@link #STORE_ALL} and {@link #sessionQueueCapacity}.
     */
    public GatewayOptions fixEngine(final FixEngine engine)
    {
        this.fixEngine = Objects.requireNonNull(engine);
        return this;
    }

    /**
     * How many of the messages it sent each session keeps in memory for resend requests (default
     * {@value #DEFAULT_STORED_MESSAGES}): a participant that reconnects gets what it missed as a resend, as long
     * as it is among the last {@code n}; older messages are answered with a SequenceReset-GapFill (lost to it).
     * {@link #STORE_ALL} keeps every message for the life of the server (QuickFIX/J's memory store: the heap
     * grows with the traffic; {@link FixEngine#QFJ} only, the native engine refuses it at start); 0 keeps none
     * (every resend is a gap fill). Ignored with a {@link #fixStoreDirectory}, which keeps all messages on disk.
     */
    public GatewayOptions storedMessages(final int n)
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
    public GatewayOptions maxMessageSize(final int bytes)
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
    public GatewayOptions maxBytesBeforeLogon(final int bytes)
    {
        if (bytes < 256)
        {
            throw new IllegalArgumentException("maxBytesBeforeLogon must be at least 256 bytes, got " + bytes);
        }
        this.maxBytesBeforeLogon = bytes;
        return this;
    }

    /**
     * The least time between the end of a session's resend and the next ResendRequest answered that does not continue
     * it (default 1 s; see {@link ResendPace}); for tests that need a longer one to be exact. At least 1 ms.
     */
    public GatewayOptions resendIntervalMillis(final long millis)
    {
        if (millis < 1)
        {
            throw new IllegalArgumentException("resendIntervalMillis must be at least 1, got " + millis);
        }
        this.resendIntervalNanos = TimeUnit.MILLISECONDS.toNanos(millis);
        return this;
    }

    /**
     * A refused Logon is answered (Logout, then close) no sooner than this long after it arrived (default 1 s):
     * each wrong guess costs its sender this much time. 0 answers as soon as the Logon is checked.
     */
    public GatewayOptions logonRefusalDelayMillis(final long millis)
    {
        if (millis < 0)
        {
            throw new IllegalArgumentException("logonRefusalDelayMillis must not be negative, got " + millis);
        }
        this.logonRefusalDelayMillis = millis;
        return this;
    }

    /**
     * With the native engine: how long a connection stays open after its last message (a Logout, a Logon's refusal)
     * for that message to be written and, for a Logout of the server's own, for the client's answering Logout to be
     * read and counted (default 1 s; QuickFIX/J's LogoutTimeout is 2 s). A close waits as long for the answers.
     */
    GatewayOptions logoutTimeoutMillis(final long millis)
    {
        if (millis <= 0)
        {
            throw new IllegalArgumentException("logoutTimeoutMillis must be positive, got " + millis);
        }
        this.logoutTimeoutMillis = millis;
        return this;
    }

    /**
     * Connections open but not logged on (verifying, or refused and waiting for their answer) allowed at once,
     * in all (default 256) and from one source address (default 32); a connection beyond either is closed at
     * once.
     */
    public GatewayOptions maxUnauthenticatedConnections(final int total, final int perAddress)
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
    public GatewayOptions maxMarketDataSymbols(final int n)
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
    public GatewayOptions maxMarketDataSubscriptions(final int n)
    {
        if (n < 1)
        {
            throw new IllegalArgumentException("maxMarketDataSubscriptions must be positive, got " + n);
        }
        this.maxMarketDataSubscriptions = n;
        return this;
    }

    /**
     * Runs the engine on the cluster of {@code members} instead of in this process ({@link ClusterMirror}): the
     * gateway must be the cluster's only writer. {@code egressHost} is this machine's address as the nodes reach it
     * (their replies come back to it). The data directory then holds only the orders' ClOrdIDs. Null members: in
     * this process (the default).
     */
    public GatewayOptions cluster(final ClusterMembers members, final String egressHost)
    {
        this.cluster = members;
        this.clusterHost = Objects.requireNonNull(egressHost);
        return this;
    }

    /**
     * Runs each section of the catalog on a cluster of its own ({@link ClusterMirror}, {@link SectionRouter}), the
     * nodes of each started with its {@code --section}: {@code clusters} has the members of each section's cluster,
     * by section name, every section of the catalog once; the gateway must be each one's only writer. Otherwise as
     * {@link #cluster}; give one or the other. Null: none.
     */
    public GatewayOptions sectionClusters(final Map<String, ClusterMembers> clusters, final String egressHost)
    {
        this.sectionClusters = clusters == null ? null : Map.copyOf(clusters);
        this.clusterHost = Objects.requireNonNull(egressHost);
        return this;
    }

    /**
     * With {@link #cluster} or {@link #sectionClusters}: what the gateway proves it holds when it connects to each
     * cluster, the secret its nodes were started with; {@link ClusterSecret#NONE} (the default) for nodes without one.
     */
    public GatewayOptions clusterSecret(final ClusterSecret secret)
    {
        this.clusterSecret = Objects.requireNonNull(secret);
        return this;
    }

    /** With {@link #cluster}: how long the start may wait for a leader and its state (default 10 s). */
    public GatewayOptions clusterStartTimeoutMillis(final long millis)
    {
        this.clusterStartTimeoutMillis = millis;
        return this;
    }

    /**
     * Told, with a one-line reason, when the server can no longer serve while it runs: the engine stops taking
     * commands (with {@link #cluster}: the gateway's engine and the cluster's differ, the cluster cannot read a
     * command), and orders are refused from then on; or a thread of the gateway ends with an Error (a FIX I/O thread
     * of the native engine, the sending thread), and the sessions it served are neither read nor answered. The server
     * should then be closed. Called on the thread concerned; must not block. Default: nothing (the reason is logged
     * at error).
     */
    public GatewayOptions onFailure(final Consumer<String> onFailure)
    {
        this.onFailure = Objects.requireNonNull(onFailure);
        return this;
    }

    /** Where the rate-limited lines about refused or closed connections go (default: this class's log, warn). */
    GatewayOptions connectionLogSink(final Consumer<String> sink)
    {
        this.connectionLogSink = Objects.requireNonNull(sink);
        return this;
    }

    /** Whether SendingTime must be within 2 minutes of the server's clock (default true, as FIX prescribes). */
    public GatewayOptions checkLatency(final boolean checkLatency)
    {
        this.checkLatency = checkLatency;
        return this;
    }
}
