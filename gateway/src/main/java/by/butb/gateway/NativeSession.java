package by.butb.gateway;

import by.butb.engine.model.Participant;
import by.butb.gateway.fix.FixDecoder;
import by.butb.gateway.fix.FixEncoder;
import by.butb.gateway.fix.SentMessages;
import quickfix.Field;
import quickfix.FieldMap;
import quickfix.Group;
import quickfix.Message;
import quickfix.SessionID;
import quickfix.UtcTimeStampField;
import quickfix.field.MsgType;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;

/**
 * One participant's FIX session of the native engine: its sequence numbers, the messages it sent (for resends),
 * and the connection bound to it, if any; it outlives connections (sequence numbers are kept across logout and
 * reconnect, as with the QuickFIX/J engine's settings). The sending side ({@link #send}, the admin messages; the
 * encoder, the next sender sequence number, the store, the binding) is guarded by this object's lock: the gateway's
 * sending thread and the I/O thread both send. The receiving side ({@link NativeSessionProtocol}) runs on the I/O
 * thread of the bound connection; a later connection may be on another I/O thread, and binds only after the earlier
 * one unbound (both under this object's lock).
 */
final class NativeSession
{
    final Participant participant;
    final SessionID id;
    private final byte[] senderCompId;
    private final byte[] targetCompId;
    private final FixEncoder encoder = new FixEncoder(1024);
    private final SentMessages sent;
    /** The session on disk ({@code --fix-store}), or null: sequence numbers in memory, {@link #sent} for resends. */
    private final NativeSessionStore store;
    /** Guarded by this. */
    private int nextSenderSeq;
    /** Guarded by this; written by the I/O thread only. */
    private NativeConnection connection;
    /**
     * Guarded by this: messages the sending thread queued for {@link #queuedOn}'s thread to encode, not yet encoded.
     * While there are any, the sending thread queues the session's next messages there too, so they keep its order.
     */
    private int queued;
    /** Guarded by this: about the bytes those messages will take ({@link #sizeEstimate}). */
    private long queuedBytes;
    private NativeIoLoop queuedOn;
    /** When the last message went out (System.nanoTime), for heartbeats. */
    private volatile long lastSentNanos;

    /** The bound connection's I/O thread only: the receiving side. */
    final NativeSessionProtocol protocol;

    /**
     * {@code store}: the session's sequence numbers and sent messages on disk, or null to keep them in memory, the
     * last {@code storedMessages} messages for resends.
     */
    NativeSession(final Participant participant, final String exchangeCompId, final int storedMessages,
        final NativeSessionStore store, final NativeSessionProtocol.Settings settings)
    {
        this.participant = participant;
        this.id = Outbound.sessionId(exchangeCompId, participant.id());
        this.senderCompId = exchangeCompId.getBytes(StandardCharsets.US_ASCII);
        this.targetCompId = participant.id().getBytes(StandardCharsets.US_ASCII);
        this.store = store;
        this.sent = new SentMessages(store == null ? storedMessages : 0);
        this.nextSenderSeq = store == null ? 1 : store.nextSenderSeq();
        this.protocol = new NativeSessionProtocol(this, store == null ? 1 : store.nextTargetSeq(), settings);
    }

    // ---------------------------------------------------------------- binding (the connection's I/O thread)

    /** Binds {@code c} unless another connection is bound; true when bound. */
    synchronized boolean bind(final NativeConnection c)
    {
        if (connection != null)
        {
            return false;
        }
        connection = c;
        lastSentNanos = System.nanoTime();
        return true;
    }

    /**
     * Unbinds {@code c} and ends the session's logon ({@link NativeSessionProtocol#disconnected}); false when it was
     * not the bound connection (another one may be). Under the lock, so that a connection that binds next, on any
     * I/O thread, finds the logon ended.
     */
    synchronized boolean unbind(final NativeConnection c)
    {
        if (connection != c)
        {
            return false;
        }
        connection = null;
        protocol.disconnected();
        return true;
    }

    synchronized boolean loggedOn()
    {
        return connection != null && protocol.loggedOn();
    }

    synchronized NativeConnection connection()
    {
        return connection;
    }

    /** Resets both sequence numbers to 1 and forgets what was sent (ResetSeqNumFlag). */
    synchronized void resetSenderSide()
    {
        nextSenderSeq = 1;
        sent.clear();
        if (store != null)
        {
            store.reset();
        }
    }

    /** The next target MsgSeqNum is {@code next} (I/O thread): on disk with a store. */
    void targetSeq(final int next)
    {
        if (store != null)
        {
            store.targetSeq(next);
        }
    }

    /** Takes the next sender MsgSeqNum: on disk with a store before the message carrying it is written. */
    private int takeSenderSeq()
    {
        final int seq = nextSenderSeq++;
        if (store != null)
        {
            store.senderSeq(nextSenderSeq);
        }
        return seq;
    }

    /** Keeps the application message just encoded, sent with {@code seq}, for resends. */
    private void keep(final int seq)
    {
        if (store != null)
        {
            store.append(seq, encoder.buffer(), encoder.start(), encoder.length());
        }
        else
        {
            sent.store(seq, encoder.buffer(), encoder.start(), encoder.length());
        }
    }

    /** Closes the store, if any (the server is stopping: nothing is sent any more). */
    synchronized void close()
    {
        if (store != null)
        {
            store.close();
        }
    }

    synchronized int nextSenderSeq()
    {
        return nextSenderSeq;
    }

    long lastSentNanos()
    {
        return lastSentNanos;
    }

    // ---------------------------------------------------------------- sending (any thread)

    /**
     * Sends an application message built by the gateway (an ExecutionReport, an OrderCancelReject, a
     * BusinessMessageReject): its body fields after this session's header. Stored for resends; while no connection
     * is bound it is only stored. Returns the connection it was written to (to be flushed), or null.
     */
    synchronized NativeConnection send(final Message message)
    {
        final String msgType = message.getHeader().getOptionalString(MsgType.FIELD).orElse("");
        final int seq = takeSenderSeq();
        encoder.begin(msgType, senderCompId, targetCompId, seq, System.currentTimeMillis());
        appendFields(message);
        encoder.finish();
        keep(seq);
        return writeApp();
    }

    /**
     * The sending thread: the loop that is to encode this session's next message, of about {@code bytes} (counted as
     * queued there), or null to encode it on the calling thread: when there is one I/O thread, or no message is
     * queued and the session is not logged on (the message is only stored then). Pair with {@link #sendQueued} or
     * {@link #unqueue}.
     */
    synchronized NativeIoLoop queueOn(final int bytes)
    {
        if (queued == 0)
        {
            if (connection == null || !protocol.loggedOn() || connection.loop().encoder() == null)
            {
                return null;
            }
            queuedOn = connection.loop();
        }
        queued++;
        queuedBytes += bytes;
        return queuedOn;
    }

    /** The message of {@code bytes} counted by {@link #queueOn} was not queued after all (its loop stopped). */
    synchronized void unqueue(final int bytes)
    {
        queued--;
        queuedBytes -= bytes;
    }

    /**
     * About the bytes of the messages queued for the encoder and not yet encoded; 0 once that encoder's loop has
     * stopped (what it leaves is encoded by the sending thread, or never). Any thread.
     */
    synchronized long queuedBytes()
    {
        return queuedOn != null && queuedOn.running() ? queuedBytes : 0;
    }

    /** About the bytes {@code message} (a market-data message, or else a report or a FIX message) takes encoded. */
    static int sizeEstimate(final Object message)
    {
        return message instanceof MarketDataMessage md ? md.sizeEstimate() : 512;
    }

    /**
     * Sends what the sending thread queued ({@link #queueOn}): {@code slot}'s message, or its report. Returns the
     * connection it was written to (to be flushed), or null.
     */
    synchronized NativeConnection sendQueued(final NativeReportQueue.Slot slot)
    {
        queued--;
        queuedBytes -= sizeEstimate(slot.message);
        if (slot.message == null)
        {
            return send(slot.report);
        }
        return slot.message instanceof MarketDataMessage md ? send(md) : send((Message)slot.message);
    }

    /** As {@link #send(Message)}, for a report the gateway's sending thread built ({@link OrderReport}). */
    synchronized NativeConnection send(final OrderReport report)
    {
        final int seq = takeSenderSeq();
        encoder.begin("8", senderCompId, targetCompId, seq, System.currentTimeMillis());
        report.encode(encoder);
        encoder.finish();
        keep(seq);
        return writeApp();
    }

    /** As {@link #send(Message)}, for a market-data message, encoded from the gateway's model of it. */
    synchronized NativeConnection send(final MarketDataMessage message)
    {
        final int seq = takeSenderSeq();
        encoder.begin(String.valueOf(message.msgType), senderCompId, targetCompId, seq, System.currentTimeMillis());
        message.encode(encoder);
        encoder.finish();
        keep(seq);
        return writeApp();
    }

    /** Starts an admin message with the next sequence number; add fields, then {@link #finishAdmin}. */
    FixEncoder beginAdmin(final String msgType)
    {
        assert Thread.holdsLock(this);
        return encoder.begin(msgType, senderCompId, targetCompId, takeSenderSeq(), System.currentTimeMillis());
    }

    /** Starts a message that resends with {@code seq} (PossDupFlag=Y), taking no new sequence number. */
    FixEncoder beginResend(final String msgType, final int seq)
    {
        assert Thread.holdsLock(this);
        return encoder.begin(msgType, senderCompId, targetCompId, seq, System.currentTimeMillis()).field(43, 'Y');
    }

    /** Ends an admin or resent message and writes it to the connection (not stored: admin messages are gap-filled). */
    NativeConnection finishAdmin()
    {
        assert Thread.holdsLock(this);
        encoder.finish();
        return write();
    }

    /** The message sent with {@code seq} if still kept, else null; its length is {@link #storedLength}. */
    byte[] stored(final int seq)
    {
        assert Thread.holdsLock(this);
        return store != null ? store.message(seq) : sent.message(seq);
    }

    /** The oldest sequence number the store may still hold. */
    long oldestKept()
    {
        assert Thread.holdsLock(this);
        return store != null ? 1 : Math.max(1, (long)nextSenderSeq - sent.capacity());
    }

    /** The encoder of the message being built (under this lock). */
    FixEncoder encoder()
    {
        assert Thread.holdsLock(this);
        return encoder;
    }

    int storedLength(final int seq)
    {
        return store != null ? store.length() : sent.length(seq);
    }

    /** An application message goes out only once the Logon is answered; until then it is only stored. */
    private NativeConnection writeApp()
    {
        return protocol.loggedOn() ? write() : null;
    }

    private NativeConnection write()
    {
        lastSentNanos = System.nanoTime();
        final NativeConnection c = connection;
        if (c != null)
        {
            c.append(encoder.buffer(), encoder.start(), encoder.length());
        }
        return c;
    }

    /** The fields of {@code map} in QuickFIX/J's order, each group after its count field. */
    private void appendFields(final FieldMap map)
    {
        for (final Iterator<Field<?>> it = map.iterator(); it.hasNext(); )
        {
            final Field<?> f = it.next();
            appendField(f);
            if (map.hasGroup(f.getTag()))
            {
                for (final Group g : map.getGroups(f.getTag()))
                {
                    appendFields(g);
                }
            }
        }
    }

    /**
     * One field as QuickFIX/J writes it: strings, characters and integers as they are, timestamps in milliseconds
     * (the precision of the gateway's messages); any other type through QuickFIX/J's own text.
     */
    private void appendField(final Field<?> f)
    {
        final Object value = f.getObject();
        if (value instanceof String text)
        {
            encoder.field(f.getTag(), text);
        }
        else if (value instanceof Character c)
        {
            encoder.field(f.getTag(), c.charValue());
        }
        else if (value instanceof Integer i)
        {
            encoder.field(f.getTag(), i.longValue());
        }
        else if (value instanceof LocalDateTime time && f instanceof UtcTimeStampField)
        {
            encoder.timestamp(f.getTag(), time.toEpochSecond(ZoneOffset.UTC) * 1000 + time.getNano() / 1_000_000);
        }
        else
        {
            encoder.raw(f.toString()); // "tag=value"
        }
    }

    /** Whether a received message's SenderCompID and TargetCompID are this session's. */
    boolean compIdsMatch(final FixDecoder d)
    {
        return d.valueEquals(49, targetCompId) && d.valueEquals(56, senderCompId);
    }
}
