package by.butb.cluster;

import by.butb.engine.core.Command;
import by.butb.engine.journal.MessageCodec;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The messages between cluster clients and the exchange service, little-endian, each starting with a type byte.
 *
 * <p>Ingress (client to cluster):
 * <ul>
 * <li>{@link #COMMAND}: client id (long), request id (long), then one command as a
 * {@link by.butb.engine.journal.MessageCodec} command message. A client numbers its requests upwards from 1 and keeps
 * its id across reconnections; the service applies each (client id, request id) at most once.</li>
 * <li>{@link #PROBE}: probe id (long). Every node writes its state at that point of the log to its probe file
 * ({@link StateProbe}); the leader also answers {@link #PROBED}.</li>
 * <li>{@link #STATE}: request id (long). The leader answers with the engine's state at that point of the log in
 * {@link #STATE_CHUNK}s; the other nodes do nothing.</li>
 * </ul>
 * When the cluster has a secret, each ingress message ends with its {@link MessageSeal}. The log also holds, from the
 * leader's service at the start of each of its terms, a {@link #FINGERPRINT} of its secret.
 * Egress (cluster to the client that sent the request):
 * <ul>
 * <li>{@link #EVENTS}: request id (long), then the command's events as a {@code MessageCodec} event message, at most
 * {@link #EVENTS_PER_PART} of them: a command with more sends its first events in {@link #EVENTS_PART}s, each a
 * message of its own, and its last ones in {@code EVENTS}, so that no message outgrows the egress.</li>
 * <li>{@link #EVENTS_PART}: request id (long), then the next {@link #EVENTS_PER_PART} events of the command as an
 * event message of their own; the parts of one command come in order, before its {@code EVENTS} and before any
 * other reply to the same client.</li>
 * <li>{@link #DUPLICATE}: request id (long): that request was applied before (its events went to the session that
 * was open then); it is not applied again.</li>
 * <li>{@link #MALFORMED}: request id (long), then the problem as UTF-8 text; nothing was applied.</li>
 * <li>{@link #PROBED}: probe id, last command sequence, state hash (longs), live orders (int).</li>
 * <li>{@link #STATE_CHUNK}: request id (long), total length, this chunk's offset (ints), then at most
 * {@link #STATE_CHUNK_BYTES} bytes of the state: the cluster's rules as {@link java.io.DataOutput#writeUTF}
 * ({@link ClusterNode#rules}), then an {@link by.butb.engine.core.EngineSnapshot}. Chunks come in order.</li>
 * </ul>
 */
final class Protocol
{
    static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    static final byte COMMAND = 1;
    static final byte PROBE = 2;
    static final byte STATE = 3;
    /** A service message (no client session) of the leader's service: its secret's fingerprint as ASCII. */
    static final byte FINGERPRINT = 4;

    static final byte EVENTS = 1;
    static final byte DUPLICATE = 2;
    static final byte MALFORMED = 3;
    static final byte PROBED = 4;
    static final byte STATE_CHUNK = 5;
    static final byte EVENTS_PART = 6;

    static final int TYPE_OFFSET = 0;
    /** COMMAND: client id; PROBE and PROBED: probe id; every egress message but PROBED: request id. */
    static final int FIRST_OFFSET = 1;
    /** COMMAND: request id; PROBED: sequence. */
    static final int SECOND_OFFSET = 9;
    /** COMMAND: the command message; EVENTS, DUPLICATE, MALFORMED: their body. */
    static final int COMMAND_BODY_OFFSET = 17;
    static final int REPLY_BODY_OFFSET = 9;
    /** PROBED: state hash, then live orders. */
    static final int PROBED_HASH_OFFSET = 17;
    static final int PROBED_ORDERS_OFFSET = 25;
    static final int PROBED_LENGTH = 29;
    static final int PROBE_LENGTH = 9;
    static final int STATE_LENGTH = 9;
    /** STATE_CHUNK: total length, offset, then the bytes. */
    static final int STATE_TOTAL_OFFSET = 9;
    static final int STATE_CHUNK_OFFSET = 13;
    static final int STATE_BODY_OFFSET = 17;
    static final int STATE_CHUNK_BYTES = 32 * 1024;
    /**
     * The most events in one {@link #EVENTS} or {@link #EVENTS_PART} message: at most about 90 KB, far below the
     * egress's largest message (an eighth of its term, 2 MB with the default 16 MB term).
     */
    static final int EVENTS_PER_PART = 256;

    private Protocol()
    {
    }

    /** The longest ingress message: a command, and its seal. */
    static final int MAX_INGRESS_LENGTH = COMMAND_BODY_OFFSET + MessageCodec.MAX_COMMAND_LENGTH + MessageSeal.LENGTH;

    /** A {@link #COMMAND} message, unsealed (a seal names the session it is sent in), in an array of its length. */
    static byte[] command(final long clientId, final long requestId, final Command command, final MessageCodec codec)
    {
        final byte[] message = new byte[COMMAND_BODY_OFFSET + MessageCodec.MAX_COMMAND_LENGTH];
        final UnsafeBuffer b = new UnsafeBuffer(message);
        b.putByte(TYPE_OFFSET, COMMAND);
        b.putLong(FIRST_OFFSET, clientId, ORDER);
        b.putLong(SECOND_OFFSET, requestId, ORDER);
        return Arrays.copyOf(message, COMMAND_BODY_OFFSET + codec.encodeCommand(command, message, COMMAND_BODY_OFFSET));
    }

    /** A {@link #PROBE} ({@code type} PROBE) or {@link #STATE} message of {@code id}, unsealed. */
    static byte[] request(final byte type, final long id)
    {
        final byte[] message = new byte[type == STATE ? STATE_LENGTH : PROBE_LENGTH];
        final UnsafeBuffer b = new UnsafeBuffer(message);
        b.putByte(TYPE_OFFSET, type);
        b.putLong(FIRST_OFFSET, id, ORDER);
        return message;
    }

    /**
     * {@code message} as sent in session {@code sessionId}: copied into {@code into} with its seal after it, or, when
     * {@code seal} is null, into the same place unsealed; returns the length to send from {@code into[0]}.
     */
    static int sealed(final byte[] message, final MessageSeal seal, final long sessionId, final byte[] into)
    {
        System.arraycopy(message, 0, into, 0, message.length);
        if (seal == null)
        {
            return message.length;
        }
        seal.seal(sessionId, into, 0, message.length);
        return message.length + MessageSeal.LENGTH;
    }
}
