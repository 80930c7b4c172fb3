package by.butb.gateway;

import by.butb.gateway.fix.FixDecoder;
import by.butb.gateway.fix.FixFramer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One TCP connection of the native FIX engine, from accept to close. Reading, framing and the logon gate run on the
 * I/O thread that owns it ({@link NativeIoLoop}): every received byte goes through a {@link FrameScanner} (frame
 * and pre-logon limits, as with the QuickFIX/J engine); the first message must be a Logon, whose password the
 * {@link LogonScheduler} verifies ({@link #run} is that job); what arrives meanwhile stays unread in the receive
 * buffer (bounded by the bytes allowed before logon); only an accepted Logon binds the connection to a
 * {@link NativeSession}. Writing: {@link #append} and {@link #flush} from any thread, under this object's lock;
 * what the socket does not take at once is written by the I/O thread when it can.
 */
final class NativeConnection implements LogonScheduler.Job
{
    enum State
    {
        AWAITING_LOGON, PENDING, OPEN, REFUSED, CLOSED
    }

    /** Bytes that are not FIX a connection may send in a row before it is closed. */
    private static final int MAX_GARBAGE_BYTES = 4_096;

    final SocketChannel channel;
    final String address;
    final long acceptedNanos;
    private final NativeIoLoop loop;
    SelectionKey key;
    volatile State state = State.AWAITING_LOGON;

    // I/O thread
    private final FrameScanner scanner;
    private final byte[] in;
    private final ByteBuffer inView;
    private int inLength;
    private int garbage;
    /** Its place among the connections not logged on; null once logged on or closed. The loop's thread. */
    UnauthenticatedConnections.Place place;
    /** Its password was verified; its bind is queued on the loop. */
    volatile boolean verified;
    LogonRequest logon;
    private byte[] logonFrame;
    long logonNanos;
    NativeSession session;
    /** Listed among the sending thread's connections to flush at the end of its batch (that thread only). */
    boolean inBatch;
    /** Queued for its I/O thread to write ({@link NativeIoLoop#writeSoon}). */
    final AtomicBoolean writeQueued = new AtomicBoolean();

    // guarded by this
    private final OutboundBytes out;
    private final long maxPendingBytes;
    private boolean closeAfterFlush;
    /**
     * A Logout of the server's own was sent: the connection is read on, for the client's answer (written under this
     * lock on the I/O thread; read there without it).
     */
    private volatile boolean awaitingLogoutAnswer;
    /** Set with the last message ({@link #closeAfterFlush}, {@link #awaitLogoutAnswer}): closed by then at latest. */
    private boolean closeDeadlineSet;
    private long closeDeadline;
    private boolean writeClosed;
    /** What the socket did not take of the last {@link #flush}. */
    private long leftByLastWrite;

    NativeConnection(final SocketChannel channel, final String address, final NativeIoLoop loop,
        final FrameScanner scanner, final int receiveBytes, final long maxPendingBytes)
    {
        this.channel = channel;
        this.address = address;
        this.loop = loop;
        this.scanner = scanner;
        this.in = new byte[receiveBytes];
        this.inView = ByteBuffer.wrap(in);
        this.out = new OutboundBytes(16 * 1024, maxPendingBytes);
        this.maxPendingBytes = maxPendingBytes;
        this.acceptedNanos = System.nanoTime();
    }

    /** The I/O thread that owns this connection. */
    NativeIoLoop loop()
    {
        return loop;
    }

    // ---------------------------------------------------------------- reading (I/O thread)

    /** Reads what the socket has; false when the connection is to be closed (end of stream or a limit). */
    boolean onReadable(final FixDecoder decoder) throws IOException
    {
        inView.limit(in.length).position(inLength);
        final int n = channel.read(inView);
        if (n < 0)
        {
            return false;
        }
        if (state == State.REFUSED || state == State.CLOSED)
        {
            return true; // dropped: a refused connection only waits for its Logout
        }
        final String problem = scanner.scan(in, inLength, inLength + n, state == State.OPEN);
        inLength += n;
        if (problem != null)
        {
            loop.context().log().log(() -> "closing " + address + ": " + problem);
            return false;
        }
        if (!process(decoder))
        {
            return false;
        }
        if (inLength == in.length)
        {
            loop.context().log().log(() -> "closing " + address + ": the receive buffer is full");
            return false;
        }
        return true;
    }

    /** Frames and handles what is buffered, while the connection is awaiting its Logon or open; false: close. */
    boolean process(final FixDecoder decoder)
    {
        int p = 0;
        while (p < inLength && (state == State.AWAITING_LOGON || state == State.OPEN))
        {
            final int frame = FixFramer.frame(in, p, inLength - p);
            if (frame == 0)
            {
                break;
            }
            if (frame < 0)
            {
                garbage -= frame;
                p -= frame;
                if (garbage > MAX_GARBAGE_BYTES)
                {
                    loop.context().log().log(() -> "closing " + address + ": the byte stream is not FIX");
                    return false;
                }
                continue;
            }
            garbage = 0;
            final boolean ok = decoder.wrap(in, p, frame);
            if (state == State.AWAITING_LOGON)
            {
                if (!ok || decoder.emptyTag() != 0 || !isLogon(decoder))
                {
                    final String why = ok && isLogon(decoder) ? "its Logon has a tag without a value" :
                        "its first message is not a Logon";
                    loop.context().log().log(() -> "closing " + address + ": " + why);
                    return false;
                }
                logonFrame = java.util.Arrays.copyOfRange(in, p, p + frame);
                p += frame;
                onLogon();
            }
            else
            {
                p += frame;
                if (ok)
                {
                    session.protocol.onMessage(decoder, this);
                }
                else
                {
                    loop.context().log().log(() -> "ignoring a garbled message from " + address + ": " +
                        decoder.problem());
                }
            }
        }
        System.arraycopy(in, p, in, 0, inLength - p);
        inLength -= p;
        return true;
    }

    private static boolean isLogon(final FixDecoder d)
    {
        return d.valueEnd(2) - d.valueStart(2) == 1 && d.buffer()[d.valueStart(2)] == 'A';
    }

    /** The first message, a Logon: checks what needs no password, then queues its verification. */
    private void onLogon()
    {
        logon = LogonRequest.parse(new String(logonFrame, StandardCharsets.ISO_8859_1));
        logonNanos = System.nanoTime();
        state = State.PENDING;
        final Authenticator.Verdict refusal = loop.context().authenticator().precheck(logon);
        if (refusal != null)
        {
            loop.refusals().refuse(this, refusal);
        }
        else if (!loop.context().scheduler().submit(this))
        {
            loop.refusals().refuse(this, LogonScheduler.notQueued(logon.senderCompId()));
        }
    }

    /** The Logon, decoded again into {@code decoder} (at binding, on the I/O thread). */
    boolean decodeLogon(final FixDecoder decoder)
    {
        return decoder.wrap(logonFrame, 0, logonFrame.length);
    }

    // ---------------------------------------------------------------- LogonScheduler.Job

    @Override
    public String compId()
    {
        return logon.senderCompId();
    }

    @Override
    public String address()
    {
        return address;
    }

    @Override
    public boolean abandoned()
    {
        return state != State.PENDING;
    }

    @Override
    public void evict()
    {
        final Authenticator.Verdict verdict = LogonScheduler.evicted(logon.senderCompId());
        loop.execute(() -> loop.refusals().refuse(this, verdict));
    }

    /** On the authentication thread. */
    @Override
    public Authenticator.Outcome run()
    {
        if (abandoned())
        {
            return Authenticator.Outcome.REFUSED;
        }
        final Authenticator.Verdict verdict = loop.context().authenticator().verify(logon);
        if (verdict.outcome() == Authenticator.Outcome.ACCEPTED)
        {
            verified = true; // an eviction queued before the bind leaves it alone
            loop.execute(() -> loop.bind(this));
        }
        else
        {
            loop.execute(() -> loop.refusals().refuse(this, verdict));
        }
        return verdict.outcome();
    }

    // ---------------------------------------------------------------- writing (any thread)

    /** Queues {@code bytes} for the socket; a backlog past the slow-consumer bound closes the connection. */
    synchronized void append(final byte[] bytes, final int offset, final int length)
    {
        if (writeClosed)
        {
            return;
        }
        if (!out.append(bytes, offset, length))
        {
            final long needed = (long)out.pending() + length;
            dropSlowConsumer(() -> "closing " + address + ": slow consumer, " + needed + " bytes not yet written");
        }
        else if (loop.context().outbound().queued(length, out.pending()))
        {
            final OutboundBudget budget = loop.context().outbound();
            final long own = out.pending();
            dropSlowConsumer(() -> "closing " + address + ": slow consumer, " + own + " bytes not yet written" +
                " while all connections together have " + budget.total() + " (bound " + budget.max() + ")");
        }
    }

    private void dropSlowConsumer(final Supplier<String> line)
    {
        loop.context().log().log(line);
        discardOutput();
        close();
    }

    /** Drops what is queued and writes nothing more: the connection is closing. Any thread. */
    synchronized void discardOutput()
    {
        writeClosed = true;
        loop.context().outbound().released(out.pending());
        out.clear();
    }

    /**
     * Whether less than {@code chunk} bytes, and less than a quarter of the slow-consumer bound, wait for the socket,
     * and the connection is not closing: room for more of a resend. Any thread.
     */
    synchronized boolean hasRoomFor(final int chunk)
    {
        return !closing() && out.pending() < Math.min(chunk, maxPendingBytes / 4);
    }

    /** Bytes queued for the socket and not written yet. Any thread. */
    synchronized long unwrittenBytes()
    {
        return out.pending();
    }

    /** Bytes queued since the socket was last offered what was queued (what it did not take then aside). Any thread. */
    synchronized long queuedSinceLastWrite()
    {
        return out.pending() - Math.min(leftByLastWrite, out.pending());
    }

    /** Writes what the socket takes now; the rest when it is writable again (the I/O thread). */
    synchronized void flush()
    {
        if (writeClosed || out.pending() == 0)
        {
            if (closeAfterFlush)
            {
                close();
            }
            return;
        }
        final int before = out.pending();
        final int left;
        try
        {
            left = out.writeTo(channel);
        }
        catch (final IOException ex)
        {
            loop.context().outbound().released(before - out.pending());
            discardOutput();
            close();
            return;
        }
        loop.context().outbound().released(before - left);
        leftByLastWrite = left;
        if (left > 0)
        {
            loop.wantWrite(this);
        }
        else if (closeAfterFlush)
        {
            close();
        }
    }

    /** Whether its reading is held back ({@link ReadThrottle}): what its client sends waits unread. I/O thread. */
    boolean readPaused()
    {
        final SelectionKey k = key;
        return k != null && k.isValid() && (k.interestOps() & SelectionKey.OP_READ) == 0;
    }

    /** Its reading resumes after a pause ({@link ReadThrottle}): the time it was not read is not its silence. */
    void readResumed()
    {
        final NativeSession bound = session;
        if (bound != null)
        {
            bound.protocol.readResumed();
        }
    }

    /**
     * Closes the connection once what is queued is written, or {@link GatewayOptions#logoutTimeoutMillis} after the
     * first such call at the latest ({@link #closeOverdue}).
     */
    synchronized void closeAfterFlush()
    {
        closeAfterFlush = true;
        setCloseDeadline();
        flush();
    }

    /**
     * After a Logout of the server's own: writes what is queued and goes on reading, also while the loop holds back
     * other connections' reading ({@link ReadThrottle}), so that the client's answering Logout is counted (its next
     * Logon then shows no gap); closed at that answer ({@link #closeAfterFlush}) or
     * {@link GatewayOptions#logoutTimeoutMillis} after this at the latest ({@link #closeOverdue}). I/O thread.
     */
    synchronized void awaitLogoutAnswer()
    {
        awaitingLogoutAnswer = true;
        setCloseDeadline();
        if (key != null && key.isValid())
        {
            key.interestOpsOr(SelectionKey.OP_READ); // in case the throttle held it back
        }
        flush();
    }

    private void setCloseDeadline()
    {
        if (!closeDeadlineSet)
        {
            closeDeadlineSet = true;
            closeDeadline = System.nanoTime() + loop.logoutTimeoutNanos();
        }
    }

    /** Whether the server's Logout was sent and its answer is still to be read. I/O thread. */
    boolean awaitingLogoutAnswer()
    {
        return awaitingLogoutAnswer;
    }

    /** Whether its last message was sent and it is still open at {@code nowNanos}, past the time allowed. */
    synchronized boolean closeOverdue(final long nowNanos)
    {
        return closeDeadlineSet && nowNanos - closeDeadline >= 0;
    }

    /**
     * Whether the connection is ending: its last message (a Logout, the server's or the answer to the client's) is
     * queued or written, or its socket failed; nothing more is to be sent on it.
     */
    synchronized boolean closing()
    {
        return closeAfterFlush || awaitingLogoutAnswer || writeClosed;
    }

    /** Closes the connection (on the I/O thread, soon). Any thread. */
    void close()
    {
        loop.execute(() -> loop.closeNow(this));
    }
}
