package by.butb.cluster;

import by.butb.engine.core.Command;
import by.butb.engine.core.EventList;
import by.butb.engine.journal.MessageCodec;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.exceptions.AeronException;
import io.aeron.logbuffer.Header;
import io.aeron.security.AuthenticationException;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A client of the replicated exchange: submits commands through the cluster's ingress and hands the replies to a
 * {@link Listener}. It keeps every request until the cluster answers it, and after a leader change (or a lost
 * session, which it reopens by itself), or once the oldest has waited {@link #RESEND_AFTER_NS} since it was sent,
 * sends the unanswered ones again, oldest first; the service applies each request once, so a request is answered
 * either with its events or, when its first answer was lost, with {@link Listener#onAlreadyApplied}. Each request is
 * reported once.
 *
 * <p>Runs its own embedded media driver, which by default sleeps 1 ms when idle (light on the CPU; up to about a
 * millisecond more latency). Threading: one thread calls every method ({@link #poll} in a loop).
 */
public final class ExchangeClient implements AutoCloseable
{
    /** Replies from the cluster, on the thread that calls {@link #poll}. */
    public interface Listener
    {
        /** The request was applied; {@code events} are its events (valid during the call). */
        void onEvents(long requestId, EventList events);

        /** The request was applied before; its events went to an earlier session or leader. */
        default void onAlreadyApplied(long requestId)
        {
        }

        /** The cluster could not read the request; nothing was applied. */
        default void onMalformed(long requestId, String problem)
        {
        }

        /** The leader's state when the log reached the probe ({@link #probe}). */
        default void onProbe(long probeId, long sequence, long stateHash, int liveOrders)
        {
        }

        /**
         * The leader's answer to {@link #requestState}: the cluster's rules as {@link java.io.DataOutput#writeUTF}
         * ({@link ClusterNode#rules}), then the engine's snapshot ({@link by.butb.engine.core.EngineSnapshot}) at
         * the point of the log the request reached.
         */
        default void onState(long requestId, byte[] state)
        {
        }

        /** A new leader took over (member id), or the client reconnected to one. */
        default void onLeader(int leaderMemberId)
        {
        }
    }

    private static final long RECONNECT_INTERVAL_NS = 1_000_000_000L;
    /**
     * Unanswered requests are sent again, oldest first, once the oldest has waited this long since it was sent: an
     * answer the leader could not deliver (it gives up after about a second of back-pressure) is not waited for for
     * ever. The service answers those it applied "already applied".
     */
    static final long RESEND_AFTER_NS = 3_000_000_000L;
    /** How often {@link #poll} looks at the oldest unanswered request. */
    private static final long WATCH_INTERVAL_NS = 100_000_000L;
    /**
     * A client that has sent nothing for this long sends a keep-alive, so that the cluster does not close its session
     * as idle (after 10 s by default) and it need not open another.
     */
    private static final long KEEPALIVE_INTERVAL_NS = 2_000_000_000L;

    private final long clientId;
    private final ClusterSecret secret;
    /** Seals every ingress message; null without a secret. */
    private final MessageSeal seal;
    private final Listener listener;
    private final MediaDriver driver;
    private final AeronCluster.Context context;
    private final MessageCodec codec = new MessageCodec("cluster egress");
    private final EventList events = new EventList(64);
    private final Map<Long, byte[]> pending = new LinkedHashMap<>();
    /** The message being offered, with its seal when there is a secret. */
    private final byte[] sealedOut = new byte[Protocol.MAX_INGRESS_LENGTH];
    private final UnsafeBuffer outbound = new UnsafeBuffer(sealedOut);
    private byte[] inbound = new byte[4096];
    /** The request whose {@link Protocol#EVENTS_PART}s {@link #events} holds so far; 0 for none. */
    private long partsOf;
    private AeronCluster cluster;
    private long lastRequestId;
    /** Requests up to this id have been offered to the current leader. */
    private long sentUpTo;
    private long nextReconnectNs;
    /** The oldest unanswered request when last looked at, and since when it has been the oldest. */
    private long watchedId;
    private long watchedSinceNs;
    private long nextWatchNs;
    /** When this client last sent the cluster something (a request or a keep-alive). */
    private long lastIngressNs;
    /** Times the unanswered requests were sent again because the oldest waited {@link #RESEND_AFTER_NS}. */
    private long resendsAfterTimeout;
    /** For tests: this many more command answers are dropped as they arrive, as if never delivered. */
    int answersToLose;
    /** The state being received: the request it answers, its bytes and how many of them came. */
    private long stateRequestId;
    private byte[] state;
    private int stateFilled;

    /**
     * Starts the client's media driver and connects (waits up to the Aeron client's message timeout, 5 s by
     * default, for a leader; throws {@link AeronException} when none answers, and {@link ClusterConfigException} when
     * the leader refuses this client's secret).
     *
     * @param secret     what this client proves it holds when it connects; {@link ClusterSecret#NONE} for nodes
     *                   started without one.
     * @param clientId   this client's id: the cluster applies each (client id, request id) once, and request ids count
     *                   from 1 in each client, so every client, and every run of one, needs an id of its own (e.g.
     *                   the time it started); a reused id has its requests answered "already applied".
     * @param egressHost the address of this machine that the nodes can reach (replies come back to it).
     */
    public ExchangeClient(final ClusterMembers members, final ClusterSecret secret, final String egressHost,
        final long clientId, final Listener listener)
    {
        this(members, secret, egressHost, clientId, listener, new SleepingMillisIdleStrategy(1));
    }

    /** As above, with {@code driverIdle} for the embedded media driver's thread when it finds no work. */
    public ExchangeClient(final ClusterMembers members, final ClusterSecret secret, final String egressHost,
        final long clientId, final Listener listener, final IdleStrategy driverIdle)
    {
        this(members, secret, egressHost, clientId, listener, driverIdle,
            AeronCluster.Configuration.messageTimeoutNs());
    }

    /** As above, waiting up to {@code connectTimeoutNs} (instead of the message timeout) to connect. */
    ExchangeClient(final ClusterMembers members, final ClusterSecret secret, final String egressHost,
        final long clientId, final Listener listener, final IdleStrategy driverIdle, final long connectTimeoutNs)
    {
        this.clientId = clientId;
        this.secret = secret;
        this.seal = secret.newSeal();
        this.listener = listener;
        driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(driverIdle)
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        context = new AeronCluster.Context()
            .aeronDirectoryName(driver.aeronDirectoryName())
            .ingressChannel("aeron:udp?term-length=1m")
            .ingressEndpoints(members.ingressEndpoints())
            .egressChannel("aeron:udp?endpoint=" + egressHost + ":0")
            .credentialsSupplier(secret.credentials())
            .messageTimeoutNs(connectTimeoutNs)
            .egressListener(new Egress());
        try
        {
            connect();
        }
        catch (final RuntimeException ex)
        {
            driver.close();
            throw ex;
        }
    }

    private void connect()
    {
        try
        {
            cluster = AeronCluster.connect(context.clone());
        }
        catch (final AuthenticationException ex)
        {
            throw new ClusterConfigException("the cluster's leader refused this client (" + ex.getMessage() + "): " +
                (secret.isNone() ? "this client has no secret" :
                    "this client's secret is not the nodes', or the nodes have none") +
                "; give it the file that the nodes were given as --secret FILE");
        }
        lastIngressNs = System.nanoTime();
        sentUpTo = 0;
        listener.onLeader(cluster.leaderMemberId());
    }

    /** Queues {@code command} (the cluster assigns its sequence) and sends it when it can; returns its request id. */
    public long submit(final Command command)
    {
        final long requestId = ++lastRequestId;
        pending.put(requestId, Protocol.command(clientId, requestId, command, codec));
        send();
        return requestId;
    }

    /**
     * Asks every node to record its state at this point of the log; the leader's answer comes to
     * {@link Listener#onProbe}. Returns false when it could not be sent now (no leader yet): try again.
     */
    public boolean probe(final long probeId)
    {
        if (cluster == null || cluster.isClosed())
        {
            return false;
        }
        return offer(Protocol.request(Protocol.PROBE, probeId));
    }

    /**
     * Asks the leader for the engine's state at this point of the log; it comes to {@link Listener#onState}, unless
     * the leader changes or drops part of it meanwhile: ask again (with another id) when it does not come. Returns
     * false when it could not be sent now (no leader yet): try again.
     */
    public boolean requestState(final long requestId)
    {
        if (cluster == null || cluster.isClosed())
        {
            return false;
        }
        if (!offer(Protocol.request(Protocol.STATE, requestId)))
        {
            return false;
        }
        stateRequestId = requestId;
        state = null;
        return true;
    }

    /**
     * Asks the leader for its state ({@link #requestState}, again with a new id every {@code askAgainNanos} while no
     * answer comes) and polls until {@code received} says the answer came to {@link Listener#onState}; false when
     * {@code deadlineNanos} ({@link System#nanoTime}) passes first. {@code idle} runs after a poll that did no work.
     */
    public boolean awaitState(final BooleanSupplier received, final long deadlineNanos, final long askAgainNanos,
        final Runnable idle)
    {
        long requestId = 0;
        long askedAt = 0;
        while (!received.getAsBoolean())
        {
            final long now = System.nanoTime();
            if (now > deadlineNanos)
            {
                return false;
            }
            if ((requestId == 0 || now - askedAt > askAgainNanos) && requestState(requestId + 1))
            {
                requestId++;
                askedAt = now;
            }
            if (poll() == 0)
            {
                idle.run();
            }
        }
        return true;
    }

    /** Requests not answered yet. */
    public int pending()
    {
        return pending.size();
    }

    /**
     * Receives replies, reconnects when the session was lost, and sends what is waiting; returns the work done.
     * Throws {@link ClusterConfigException} when a new leader refuses this client's secret.
     */
    public int poll()
    {
        if (cluster == null || cluster.isClosed())
        {
            final long now = System.nanoTime();
            if (now - nextReconnectNs < 0)
            {
                return 0;
            }
            nextReconnectNs = now + RECONNECT_INTERVAL_NS;
            CloseHelper.quietClose(cluster);
            cluster = null;
            try
            {
                connect();
            }
            catch (final AeronException ex)
            {
                return 0;
            }
        }
        final int work = cluster.pollEgress();
        final long now = System.nanoTime();
        if (!pending.isEmpty() && now - nextWatchNs >= 0)
        {
            nextWatchNs = now + WATCH_INTERVAL_NS;
            resendIfTheOldestWaitsTooLong(now);
        }
        final int sent = send();
        if (sent == 0 && now - lastIngressNs > KEEPALIVE_INTERVAL_NS && cluster.sendKeepAlive())
        {
            lastIngressNs = now;
        }
        return work + sent;
    }

    private void resendIfTheOldestWaitsTooLong(final long now)
    {
        final long oldest = pending.keySet().iterator().next();
        if (oldest != watchedId)
        {
            watchedId = oldest;
            watchedSinceNs = now;
        }
        else if (sentUpTo >= oldest && now - watchedSinceNs > RESEND_AFTER_NS)
        {
            sentUpTo = 0; // every unanswered request goes again, oldest first
            watchedSinceNs = now;
            resendsAfterTimeout++;
        }
    }

    /** Times the unanswered requests were sent again because the oldest waited {@link #RESEND_AFTER_NS}. */
    public long resendsAfterTimeout()
    {
        return resendsAfterTimeout;
    }

    /**
     * Offers the pending requests after {@link #sentUpTo}, in order, until one is refused. Looks up the ids from the
     * oldest pending one (or {@link #sentUpTo}) on, so a call with nothing new to send costs nothing however many
     * requests are waiting for their answers.
     */
    private int send()
    {
        if (cluster == null || cluster.isClosed() || sentUpTo >= lastRequestId || pending.isEmpty())
        {
            return 0;
        }
        int sent = 0;
        for (long id = Math.max(sentUpTo + 1, pending.keySet().iterator().next()); id <= lastRequestId; id++)
        {
            final byte[] message = pending.get(id);
            if (message == null)
            {
                continue;
            }
            if (!offer(message))
            {
                break;
            }
            sentUpTo = id;
            sent++;
        }
        if (sent > 0)
        {
            lastIngressNs = System.nanoTime();
        }
        return sent;
    }

    /** Offers {@code message} to the current leader, sealed for the current session when there is a secret. */
    private boolean offer(final byte[] message)
    {
        final int length = Protocol.sealed(message, seal, cluster.clusterSessionId(), sealedOut);
        return cluster.offer(outbound, 0, length) > 0;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(cluster, driver);
    }

    private final class Egress implements EgressListener
    {
        @Override
        public void onMessage(final long clusterSessionId, final long timestamp, final DirectBuffer buffer,
            final int offset, final int length, final Header header)
        {
            final byte type = buffer.getByte(offset + Protocol.TYPE_OFFSET);
            final long id = buffer.getLong(offset + Protocol.FIRST_OFFSET, Protocol.ORDER);
            if (type == Protocol.PROBED)
            {
                listener.onProbe(id, buffer.getLong(offset + Protocol.SECOND_OFFSET, Protocol.ORDER),
                    buffer.getLong(offset + Protocol.PROBED_HASH_OFFSET, Protocol.ORDER),
                    buffer.getInt(offset + Protocol.PROBED_ORDERS_OFFSET, Protocol.ORDER));
                return;
            }
            if (type == Protocol.STATE_CHUNK)
            {
                onStateChunk(id, buffer, offset, length);
                return;
            }
            if (type == Protocol.EVENTS_PART)
            {
                if (pending.containsKey(id))
                {
                    decodeEvents(id, buffer, offset, length);
                }
                return;
            }
            if (answersToLose > 0 && pending.containsKey(id))
            {
                answersToLose--;
                return;
            }
            if (pending.remove(id) == null)
            {
                return;
            }
            if (type == Protocol.EVENTS)
            {
                decodeEvents(id, buffer, offset, length);
                partsOf = 0;
                listener.onEvents(id, events);
            }
            else if (type == Protocol.DUPLICATE)
            {
                listener.onAlreadyApplied(id);
            }
            else if (type == Protocol.MALFORMED)
            {
                listener.onMalformed(id, buffer.getStringWithoutLengthUtf8(offset + Protocol.REPLY_BODY_OFFSET,
                    length - Protocol.REPLY_BODY_OFFSET));
            }
        }

        /**
         * Appends the events of an {@link Protocol#EVENTS_PART} or {@link Protocol#EVENTS} reply to {@link #events},
         * after the earlier parts of the same request; parts of another request (a reply the leader gave up on
         * halfway) are dropped first.
         */
        private void decodeEvents(final long id, final DirectBuffer buffer, final int offset, final int length)
        {
            if (partsOf != id)
            {
                events.clear();
                partsOf = id;
            }
            final int bodyLength = length - Protocol.REPLY_BODY_OFFSET;
            if (bodyLength > inbound.length)
            {
                inbound = new byte[Math.max(bodyLength, inbound.length * 2)];
            }
            buffer.getBytes(offset + Protocol.REPLY_BODY_OFFSET, inbound, 0, bodyLength);
            codec.decodeEvents(inbound, bodyLength, events);
        }

        /** Collects the chunks of the state last asked for; a chunk out of place drops what came so far. */
        private void onStateChunk(final long id, final DirectBuffer buffer, final int offset, final int length)
        {
            if (id != stateRequestId)
            {
                return;
            }
            final int total = buffer.getInt(offset + Protocol.STATE_TOTAL_OFFSET, Protocol.ORDER);
            final int at = buffer.getInt(offset + Protocol.STATE_CHUNK_OFFSET, Protocol.ORDER);
            final int bytes = length - Protocol.STATE_BODY_OFFSET;
            if (total < 0 || bytes < 0)
            {
                state = null;
                return;
            }
            if (at == 0)
            {
                state = new byte[total];
                stateFilled = 0;
            }
            if (state == null || at != stateFilled || total != state.length || bytes > total - at)
            {
                state = null;
                return;
            }
            buffer.getBytes(offset + Protocol.STATE_BODY_OFFSET, state, at, bytes);
            stateFilled += bytes;
            if (stateFilled == total)
            {
                final byte[] complete = state;
                state = null;
                stateRequestId = 0;
                listener.onState(id, complete);
            }
        }

        @Override
        public void onNewLeader(final long clusterSessionId, final long leadershipTermId, final int leaderMemberId,
            final String ingressEndpoints)
        {
            sentUpTo = 0;
            listener.onLeader(leaderMemberId);
        }
    }
}
