package by.butb.cluster;

import by.butb.engine.core.Command;
import by.butb.engine.core.EngineSnapshot;
import by.butb.engine.core.EventList;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.journal.JournalFormatException;
import by.butb.engine.journal.MessageCodec;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The matching engine as an Aeron Cluster service: every node applies the same committed log of
 * {@link Protocol#COMMAND}s to its own {@link MatchingEngine}, so all replicas hold the same state; the leader sends
 * each command's events back to the session that submitted it.
 *
 * <p>Determinism: the engine sees only the log. Sequences are assigned here (the engine's last sequence plus one);
 * time is the command's own {@code timeNanos}, stamped by the client, never the cluster's clock, so the same
 * commands give the same state in the cluster and in a single process. Each (client id, request id) is applied at
 * most once: a client that resubmits after a failover gets {@link Protocol#DUPLICATE} for what the log already
 * holds. A malformed command is answered {@link Protocol#MALFORMED} and not applied, on every node alike. With a
 * secret, every ingress message must end with its {@link MessageSeal} for the session it arrives in; one that does not
 * is dropped unanswered (it may have been sent into another client's session), on every node alike. It is in the log
 * and archive all the same: Aeron records an ingress message before the service sees it. The leader puts its secret's
 * {@link Protocol#FINGERPRINT} in the log at the start of its term, and a node whose own differs says so (it changes
 * no state).
 *
 * <p>Snapshot: the engine's snapshot ({@link EngineSnapshot}), then the last request id of each client. Threading:
 * the service container's thread only.
 */
final class ExchangeService implements ClusteredService
{
    private static final int REPLY_ATTEMPTS = 1_000;

    private final MatchingEngine engine;
    private final String rules;
    private final Path dataDirectory;
    private final Consumer<String> log;
    private final MessageCodec codec = new MessageCodec("cluster ingress");
    private final Command command = new Command();
    private final EventList events = new EventList(64);
    private final Long2LongHashMap lastRequest = new Long2LongHashMap(0);
    /**
     * The sessions whose last reply was given up on ({@link #send}): their next ones are offered once, not waited
     * for, until one goes through. Leader-side only, not part of the replicated state.
     */
    private final LongHashSet behind = new LongHashSet();
    /** Null without a secret. */
    private final MessageSeal seal;
    private final byte[] sealed = new byte[Protocol.MAX_INGRESS_LENGTH];
    private final RateLimitedLog dropped;
    private long nextFlushNs;
    /** {@link ClusterSecret#fingerprint} of this node's secret, announced by the leader and checked by every node. */
    private final String fingerprint;
    private final byte[] inbound = new byte[MessageCodec.MAX_COMMAND_LENGTH];
    private final byte[] outbound =
        new byte[Protocol.REPLY_BODY_OFFSET + MessageCodec.maxEventsLength(Protocol.EVENTS_PER_PART)];
    private final UnsafeBuffer reply = new UnsafeBuffer(outbound);
    private final UnsafeBuffer stateChunk = new UnsafeBuffer(
        new byte[Protocol.STATE_BODY_OFFSET + Protocol.STATE_CHUNK_BYTES]);
    private Cluster cluster;
    private IdleStrategy idle;

    /**
     * @param engine        a fresh engine built from the cluster's catalog and rules (the same on every node).
     * @param rules         the rules and schedule of {@code engine} as {@link ClusterNode#rules} writes them, sent
     *                      with the state ({@link Protocol#STATE}).
     * @param dataDirectory where {@link StateProbe}s are written.
     * @param log           receives one line per role change, and at most 10 a minute on dropped messages.
     * @param seal          checks the seal of each ingress message; null when the cluster has no secret.
     * @param fingerprint   this node's {@link ClusterSecret#fingerprint}: a leader puts it in the log, and a node whose
     *                      own differs says so (its state will part from the others').
     */
    ExchangeService(final MatchingEngine engine, final String rules, final Path dataDirectory,
        final Consumer<String> log, final MessageSeal seal, final String fingerprint)
    {
        this.fingerprint = fingerprint;
        this.engine = engine;
        this.rules = rules;
        this.dataDirectory = dataDirectory;
        this.log = log;
        this.seal = seal;
        this.dropped = new RateLimitedLog(log, 10, TimeUnit.MINUTES.toNanos(1), System::nanoTime,
            "ingress messages dropped for a wrong or missing seal");
    }

    @Override
    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        this.cluster = cluster;
        this.idle = cluster.idleStrategy();
        if (snapshotImage != null)
        {
            loadSnapshot(SnapshotTransfer.read(snapshotImage, idle));
            log.accept("loaded a snapshot at sequence " + engine.lastSequence() + " (" + engine.liveOrderCount() +
                " live orders); replaying the log from there");
        }
    }

    @Override
    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
    }

    @Override
    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
        behind.remove(session.id());
    }

    /** Writes the count of dropped messages once a minute of drops is over, even if no other drop comes. */
    @Override
    public int doBackgroundWork(final long nowNs)
    {
        if (nowNs - nextFlushNs >= 0)
        {
            nextFlushNs = nowNs + TimeUnit.SECONDS.toNanos(1);
            dropped.flush();
        }
        return 0;
    }

    /** The leader puts its secret's fingerprint in the log at the start of its term (a log event: it may offer). */
    @Override
    public void onNewLeadershipTermEvent(final long leadershipTermId, final long logPosition, final long timestamp,
        final long termBaseLogPosition, final int leaderMemberId, final int logSessionId, final TimeUnit timeUnit,
        final int appVersion)
    {
        if (cluster.role() == Cluster.Role.LEADER)
        {
            final byte[] message = (" " + fingerprint).getBytes(StandardCharsets.US_ASCII);
            message[Protocol.TYPE_OFFSET] = Protocol.FINGERPRINT;
            for (int attempt = 0; attempt < REPLY_ATTEMPTS && cluster.offer(new UnsafeBuffer(message), 0,
                message.length) < 0; attempt++)
            {
                idle.idle();
            }
        }
    }

    @Override
    public void onSessionMessage(final ClientSession session, final long timestamp, final DirectBuffer buffer,
        final int offset, final int sealedLength, final Header header)
    {
        if (session == null) // a service message: only the leader's service's reach the log
        {
            onServiceMessage(buffer, offset, sealedLength);
            return;
        }
        final int length = seal == null ? sealedLength : unsealedLength(session, buffer, offset, sealedLength);
        if (length < 1)
        {
            return;
        }
        final byte type = buffer.getByte(offset + Protocol.TYPE_OFFSET);
        if (type == Protocol.COMMAND && length >= Protocol.COMMAND_BODY_OFFSET)
        {
            onCommand(session, buffer, offset, length);
        }
        else if (type == Protocol.PROBE && length >= Protocol.PROBE_LENGTH)
        {
            onProbe(session, buffer.getLong(offset + Protocol.FIRST_OFFSET, Protocol.ORDER));
        }
        else if (type == Protocol.STATE && length >= Protocol.STATE_LENGTH && cluster.role() == Cluster.Role.LEADER)
        {
            onStateRequest(session, buffer.getLong(offset + Protocol.FIRST_OFFSET, Protocol.ORDER));
        }
    }

    private void onServiceMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 1 || buffer.getByte(offset + Protocol.TYPE_OFFSET) != Protocol.FINGERPRINT)
        {
            return;
        }
        final String leaders = buffer.getStringWithoutLengthAscii(offset + 1, length - 1);
        if (!leaders.equals(fingerprint))
        {
            log.accept("the leader's secret differs from this node's (" + describe(leaders) + " against " +
                describe(fingerprint) + "): each drops or cannot read the other's commands, and their states " +
                "part; give every node the same --secret FILE (a node with another on a new directory)");
        }
    }

    private static String describe(final String fingerprint)
    {
        return fingerprint.equals(ClusterSecret.NO_FINGERPRINT) ? "none" : "fingerprint " + fingerprint;
    }

    /** The length of the message before its seal; -1 when the seal is wrong or missing (the message is dropped). */
    private int unsealedLength(final ClientSession session, final DirectBuffer buffer, final int offset,
        final int length)
    {
        if (length > MessageSeal.LENGTH && length <= sealed.length)
        {
            buffer.getBytes(offset, sealed, 0, length);
            if (seal.verifies(session.id(), sealed, 0, length))
            {
                return length - MessageSeal.LENGTH;
            }
        }
        final long sessionId = session.id();
        dropped.log(() -> "dropped an ingress message of " + length + " bytes in session " + sessionId +
            ": its seal is wrong or missing (sent by a client without the cluster's secret)");
        return -1;
    }

    private void onCommand(final ClientSession session, final DirectBuffer buffer, final int offset, final int length)
    {
        final long clientId = buffer.getLong(offset + Protocol.FIRST_OFFSET, Protocol.ORDER);
        final long requestId = buffer.getLong(offset + Protocol.SECOND_OFFSET, Protocol.ORDER);
        reply.putLong(Protocol.FIRST_OFFSET, requestId, Protocol.ORDER);
        if (requestId <= lastRequest.get(clientId))
        {
            reply.putByte(Protocol.TYPE_OFFSET, Protocol.DUPLICATE);
            send(session, Protocol.REPLY_BODY_OFFSET);
            return;
        }
        final int bodyLength = length - Protocol.COMMAND_BODY_OFFSET;
        if (bodyLength > inbound.length)
        {
            malformed(session, "a command message of " + bodyLength + " bytes is longer than any command");
            return;
        }
        buffer.getBytes(offset + Protocol.COMMAND_BODY_OFFSET, inbound, 0, bodyLength);
        try
        {
            codec.decodeCommand(inbound, bodyLength, command);
        }
        catch (final RuntimeException ex)
        {
            // Any decoding failure (a JournalFormatException, or an out-of-range code) is the same on every node.
            malformed(session, ex instanceof JournalFormatException ? ex.getMessage() : ex.toString());
            return;
        }
        lastRequest.put(clientId, requestId); // only a command applied: a malformed one sent again is malformed again
        command.sequence = engine.lastSequence() + 1;
        events.clear();
        engine.process(command, events);
        sendEvents(session);
    }

    /**
     * The events of the command just applied, {@link Protocol#EVENTS_PER_PART} to a message:
     * {@link Protocol#EVENTS_PART}s, then one {@link Protocol#EVENTS}. A part that cannot be sent ends the reply; the
     * client then sends the request again and is answered {@link Protocol#DUPLICATE}.
     */
    private void sendEvents(final ClientSession session)
    {
        final int size = events.size();
        int from = 0;
        do
        {
            final int to = Math.min(size, from + Protocol.EVENTS_PER_PART);
            reply.putByte(Protocol.TYPE_OFFSET, to == size ? Protocol.EVENTS : Protocol.EVENTS_PART);
            if (!send(session, reply, Protocol.REPLY_BODY_OFFSET +
                codec.encodeEvents(events, from, to, outbound, Protocol.REPLY_BODY_OFFSET)))
            {
                return;
            }
            from = to;
        }
        while (from < size);
    }

    private void malformed(final ClientSession session, final String problem)
    {
        final byte[] text = problem.getBytes(StandardCharsets.UTF_8);
        final int length = Math.min(text.length, outbound.length - Protocol.REPLY_BODY_OFFSET);
        reply.putByte(Protocol.TYPE_OFFSET, Protocol.MALFORMED);
        reply.putBytes(Protocol.REPLY_BODY_OFFSET, text, 0, length);
        send(session, Protocol.REPLY_BODY_OFFSET + length);
    }

    private void onProbe(final ClientSession session, final long probeId)
    {
        final StateProbe probe = new StateProbe(probeId, engine.lastSequence(), engine.stateHash(),
            engine.liveOrderCount());
        probe.writeTo(dataDirectory);
        reply.putByte(Protocol.TYPE_OFFSET, Protocol.PROBED);
        reply.putLong(Protocol.FIRST_OFFSET, probeId, Protocol.ORDER);
        reply.putLong(Protocol.SECOND_OFFSET, probe.sequence(), Protocol.ORDER);
        reply.putLong(Protocol.PROBED_HASH_OFFSET, probe.hash(), Protocol.ORDER);
        reply.putInt(Protocol.PROBED_ORDERS_OFFSET, probe.liveOrders(), Protocol.ORDER);
        send(session, Protocol.PROBED_LENGTH);
    }

    /**
     * The leader's answer to {@link Protocol#STATE}: the rules, then the engine's snapshot at this point of the log,
     * in {@link Protocol#STATE_CHUNK}s. Changes nothing, so the followers skip it. A chunk the client does not take
     * in time is dropped ({@link #send}); the client then asks again.
     */
    private void onStateRequest(final ClientSession session, final long requestId)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            out.writeUTF(rules);
            EngineSnapshot.write(engine, out);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final byte[] state = bytes.toByteArray();
        stateChunk.putByte(Protocol.TYPE_OFFSET, Protocol.STATE_CHUNK);
        stateChunk.putLong(Protocol.FIRST_OFFSET, requestId, Protocol.ORDER);
        stateChunk.putInt(Protocol.STATE_TOTAL_OFFSET, state.length, Protocol.ORDER);
        for (int at = 0; at < state.length; at += Protocol.STATE_CHUNK_BYTES)
        {
            final int length = Math.min(Protocol.STATE_CHUNK_BYTES, state.length - at);
            stateChunk.putInt(Protocol.STATE_CHUNK_OFFSET, at, Protocol.ORDER);
            stateChunk.putBytes(Protocol.STATE_BODY_OFFSET, state, at, length);
            if (!send(session, stateChunk, Protocol.STATE_BODY_OFFSET + length))
            {
                return;
            }
        }
    }

    private void send(final ClientSession session, final int length)
    {
        send(session, reply, length);
    }

    /**
     * Sends {@code message} to {@code session}: on a follower the offer is a no-op; on the leader it retries while the
     * egress is back-pressured, up to {@link #REPLY_ATTEMPTS} idles (about a second), and gives up at once when the
     * client has gone. A session given up on is {@link #behind}: its next messages get one offer each, so that a client
     * that stopped reading holds up the engine for one reply, not for each. A reply given up on is recovered by the
     * client, which sends the request again and is answered {@link Protocol#DUPLICATE}. Returns whether the message
     * went out.
     */
    private boolean send(final ClientSession session, final DirectBuffer message, final int length)
    {
        final boolean wasBehind = behind.contains(session.id());
        idle.reset();
        for (int attempt = 0; attempt < (wasBehind ? 1 : REPLY_ATTEMPTS); attempt++)
        {
            final long result = session.offer(message, 0, length);
            if (result > 0)
            {
                if (wasBehind)
                {
                    behind.remove(session.id());
                }
                return true;
            }
            if (result == Publication.NOT_CONNECTED || result == Publication.CLOSED ||
                result == Publication.MAX_POSITION_EXCEEDED)
            {
                break;
            }
            idle.idle();
        }
        behind.add(session.id());
        return false;
    }

    @Override
    public void onTimerEvent(final long correlationId, final long timestamp)
    {
    }

    @Override
    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            EngineSnapshot.write(engine, out);
            out.writeInt(lastRequest.size());
            final Long2LongHashMap.EntryIterator entries = lastRequest.entrySet().iterator();
            while (entries.hasNext())
            {
                entries.next();
                out.writeLong(entries.getLongKey());
                out.writeLong(entries.getLongValue());
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final byte[] data = bytes.toByteArray();
        SnapshotTransfer.write(data, data.length, snapshotPublication, idle);
    }

    private void loadSnapshot(final byte[] data)
    {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data)))
        {
            EngineSnapshot.read(in, "the cluster snapshot", engine);
            final int clients = in.readInt();
            for (int i = 0; i < clients; i++)
            {
                lastRequest.put(in.readLong(), in.readLong());
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the cluster snapshot", ex);
        }
    }

    @Override
    public void onRoleChange(final Cluster.Role newRole)
    {
        log.accept("role " + newRole + " (log position " + cluster.logPosition() + ", sequence " +
            engine.lastSequence() + ")");
    }

    @Override
    public void onTerminate(final Cluster cluster)
    {
    }
}
