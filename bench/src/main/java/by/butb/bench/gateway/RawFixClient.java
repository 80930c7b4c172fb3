package by.butb.bench.gateway;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A FIX 4.4 load generator on a plain socket, so that the client does not limit the rate: NewOrderSingle messages
 * are encoded into one reusable buffer from pre-encoded constant parts (only MsgSeqNum, ClOrdID, the times,
 * BodyLength and CheckSum change), every order due by now goes out in one write, and the thread parks until
 * {@link #SPIN_NANOS} before the next one is due, then spins ({@code parkNanos} overshoots by ~0.1 ms on the 2-core
 * VM). A reader thread matches each order's first ExecutionReport (by ClOrdID, the order's index) and records the
 * time from the order's intended send time, so a stalled server is charged for every order it delays (no
 * coordinated omission), and, separately, the time from the moment its write started (which leaves out how late
 * this client sent it). {@link #maxLatenessNanos()}: the most any order of the last {@link #run} went out after its
 * intended time. When the connection ends (end of stream or an I/O error, not {@link #close}), the reader stops,
 * {@link #dropped()} turns true, {@link #run} stops sending and {@link #awaitAnswers} returns at once (a write that
 * fails does the same). Single session; not thread-safe beyond
 * one sender and its reader.
 */
final class RawFixClient implements AutoCloseable
{
    private static final byte SOH = 1;
    /** How long before an order's intended send time the sender stops parking and spins, nanoseconds. */
    static final long SPIN_NANOS = 100_000;
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String sender;
    private final String target;
    private int seq = 1;

    private final byte[] buffer = new byte[1 << 20];
    private int length;
    private final byte[] body = new byte[512];
    private final byte[] orderTail;
    private final byte[] headerHead;

    private long cachedSecond = -1;
    private byte[] secondPrefix;

    private long[] intended = new long[0];
    private long[] written = new long[0];
    private volatile Histogram histogram;
    private volatile Histogram fromWrite;
    private volatile int answered;
    private volatile int rejected;
    private volatile long lastAnswerNanos;
    private volatile boolean closed;
    private volatile boolean dropped;
    private long maxLatenessNanos;
    private long lastIntendedNanos;
    private Thread reader;

    RawFixClient(final String host, final int port, final String sender, final String target, final String symbol)
        throws IOException
    {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        socket.setReceiveBufferSize(1 << 20);
        socket.setSendBufferSize(1 << 20);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        this.sender = sender;
        this.target = target;
        headerHead = ("35=D\u000149=" + sender + "\u000156=" + target + "\u000134=")
            .getBytes(StandardCharsets.US_ASCII);
        // IOC limit buy of 1 t well inside the band: on an empty book each order gets New, then Canceled (603).
        orderTail = ("\u000155=" + symbol + "\u000154=1\u000138=1\u000140=2\u000144=2400\u000159=3\u0001")
            .getBytes(StandardCharsets.US_ASCII);
    }

    /** Logs on (resetting sequence numbers) and waits for the Logon answer. */
    void logon(final String password) throws IOException
    {
        final String text = "35=A\u000149=" + sender + "\u000156=" + target + "\u000134=" + seq++ + "\u000152=" +
            now() + "\u000198=0\u0001108=300\u0001141=Y\u0001553=" + sender + "\u0001554=" + password + "\u0001";
        final byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, body, 0, b.length);
        frame(b.length);
        flush();
        final byte[] buf = new byte[4096];
        final StringBuilder got = new StringBuilder();
        socket.setSoTimeout(10_000);
        while (!got.toString().contains("\u000135=A\u0001"))
        {
            final int n = in.read(buf);
            if (n < 0)
            {
                throw new IOException("the gateway closed the connection at logon: " +
                    got.toString().replace('\u0001', '|'));
            }
            got.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
        }
        socket.setSoTimeout(0);
        reader = new Thread(this::read, "bench-fix-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Makes room for ClOrdIDs below {@code ids}, so that a {@link #run} up to them allocates nothing on this side;
     * call it before a measuring window.
     */
    void reserve(final int ids)
    {
        if (intended.length < ids)
        {
            final long[] grown = new long[Math.max(ids, intended.length * 2)];
            System.arraycopy(intended, 0, grown, 0, intended.length);
            intended = grown;
            final long[] grownWritten = new long[grown.length];
            System.arraycopy(written, 0, grownWritten, 0, written.length);
            written = grownWritten;
        }
    }

    /**
     * Sends {@code count} orders at {@code rate} per second from {@code startNanos} (System.nanoTime), ClOrdIDs
     * {@code firstId} upwards, recording into {@code h}; returns when all are sent (answers may still be in flight).
     * Reserves the ids itself when {@link #reserve} was not called.
     */
    void run(final int firstId, final int count, final int rate, final long startNanos, final Histogram h,
        final Histogram fromWriteHistogram) throws IOException
    {
        reserve(firstId + count);
        final double interval = 1e9 / rate;
        for (int i = 0; i < count; i++)
        {
            intended[firstId + i] = startNanos + (long)(i * interval);
        }
        histogram = h;
        fromWrite = fromWriteHistogram;
        answered = 0;
        rejected = 0;
        maxLatenessNanos = 0;
        lastAnswerNanos = startNanos;
        lastIntendedNanos = count == 0 ? startNanos : intended[firstId + count - 1];
        int sent = 0;
        while (sent < count && !dropped)
        {
            final long now = System.nanoTime();
            final long due = Math.min(count, (long)((now - startNanos) / interval) + 1);
            if (due <= sent)
            {
                final long wait = intended[firstId + sent] - now;
                if (wait > SPIN_NANOS)
                {
                    LockSupport.parkNanos(wait - SPIN_NANOS);
                }
                else
                {
                    Thread.onSpinWait();
                }
                continue;
            }
            // The first unsent order is the latest of those going out now.
            maxLatenessNanos = Math.max(maxLatenessNanos, now - intended[firstId + sent]);
            int unstamped = sent;
            while (sent < due)
            {
                encodeOrder(firstId + sent);
                sent++;
                if (length > buffer.length - 1024)
                {
                    stampWritten(firstId + unstamped, firstId + sent);
                    unstamped = sent;
                    flush();
                }
            }
            stampWritten(firstId + unstamped, firstId + sent);
            flush();
        }
    }

    /** The write time of orders [from, to), stored before the write so that the reader never sees it unset. */
    private void stampWritten(final int from, final int to)
    {
        final long now = System.nanoTime();
        for (int id = from; id < to; id++)
        {
            written[id] = now;
        }
    }

    /**
     * Waits until {@code count} orders have their first report, the timeout, or the connection's end; true when all
     * have.
     */
    boolean awaitAnswers(final int count, final long timeoutNanos)
    {
        final long deadline = System.nanoTime() + timeoutNanos;
        while (answered < count && !dropped && System.nanoTime() < deadline)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return answered >= count;
    }

    int answered()
    {
        return answered;
    }

    int rejected()
    {
        return rejected;
    }

    long lastAnswerNanos()
    {
        return lastAnswerNanos;
    }

    /** The intended send time of the last order of the last {@link #run} (System.nanoTime). */
    long lastIntendedNanos()
    {
        return lastIntendedNanos;
    }

    /** The most an order of the last {@link #run} was sent after its intended time, nanoseconds; sender's thread. */
    long maxLatenessNanos()
    {
        return maxLatenessNanos;
    }

    /** Whether the connection ended other than by {@link #close}. */
    boolean dropped()
    {
        return dropped;
    }

    private void encodeOrder(final int id)
    {
        int p = 0;
        System.arraycopy(headerHead, 0, body, p, headerHead.length);
        p += headerHead.length;
        p = putInt(body, p, seq++);
        body[p++] = SOH;
        p = put(body, p, "52=");
        final int timeAt = p;
        p = putTime(body, p);
        p = put(body, p, "\u000111=");
        p = putInt(body, p, id);
        p = put(body, p, "\u000160=");
        System.arraycopy(body, timeAt, body, p, 21);
        p += 21;
        System.arraycopy(orderTail, 0, body, p, orderTail.length);
        p += orderTail.length;
        frame(p);
    }

    /** Appends 8=, 9=, the body and 10= to the output buffer. */
    private void frame(final int bodyLength)
    {
        length = frame(body, bodyLength, buffer, length);
    }

    /** Writes 8=, 9=, {@code body[0, bodyLength)} and 10= at {@code out[at]}; returns the index after it. */
    static int frame(final byte[] body, final int bodyLength, final byte[] out, final int at)
    {
        int p = put(out, at, "8=FIX.4.4\u00019=");
        p = putInt(out, p, bodyLength);
        out[p++] = SOH;
        System.arraycopy(body, 0, out, p, bodyLength);
        p += bodyLength;
        int sum = 0;
        for (int i = at; i < p; i++)
        {
            sum += out[i];
        }
        sum &= 0xFF;
        p = put(out, p, "10=");
        out[p++] = (byte)('0' + sum / 100);
        out[p++] = (byte)('0' + sum / 10 % 10);
        out[p++] = (byte)('0' + sum % 10);
        out[p++] = SOH;
        return p;
    }

    /** Writes the buffer; a write that fails on a connection not closed here marks it {@link #dropped()}. */
    private void flush() throws IOException
    {
        try
        {
            out.write(buffer, 0, length);
            out.flush();
        }
        catch (final IOException ex)
        {
            if (closed || reader == null)
            {
                throw ex;
            }
            if (!dropped)
            {
                dropped = true;
                System.err.println("bench: " + sender + ": a write failed: " + ex);
            }
        }
        length = 0;
    }

    private int putTime(final byte[] b, final int p)
    {
        final long millis = System.currentTimeMillis();
        final long second = millis / 1000;
        if (second != cachedSecond)
        {
            cachedSecond = second;
            secondPrefix = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC).format(SECOND)
                .getBytes(StandardCharsets.US_ASCII);
        }
        System.arraycopy(secondPrefix, 0, b, p, secondPrefix.length);
        int q = p + secondPrefix.length;
        final int ms = (int)(millis % 1000);
        b[q++] = (byte)('0' + ms / 100);
        b[q++] = (byte)('0' + ms / 10 % 10);
        b[q++] = (byte)('0' + ms % 10);
        return q;
    }

    private static int put(final byte[] b, final int p, final String ascii)
    {
        for (int i = 0; i < ascii.length(); i++)
        {
            b[p + i] = (byte)ascii.charAt(i);
        }
        return p + ascii.length();
    }

    private static int putInt(final byte[] b, final int p, final int value)
    {
        final int digits = value < 10 ? 1 : (int)Math.log10(value) + 1;
        int v = value;
        for (int i = digits - 1; i >= 0; i--)
        {
            b[p + i] = (byte)('0' + v % 10);
            v /= 10;
        }
        return p + digits;
    }

    private static String now()
    {
        return LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS"));
    }

    /** Reader thread: splits the stream into messages and times each order's first ExecutionReport. */
    private void read()
    {
        final byte[] buf = new byte[1 << 20];
        int have = 0;
        try
        {
            while (!closed)
            {
                final int n = in.read(buf, have, buf.length - have);
                if (n < 0)
                {
                    dropped = !closed;
                    if (dropped)
                    {
                        System.err.println("bench: " + sender + ": the server closed the connection");
                    }
                    return;
                }
                have += n;
                final long now = System.nanoTime();
                int from = 0;
                while (true)
                {
                    final int end = messageEnd(buf, from, have);
                    if (end < 0)
                    {
                        break;
                    }
                    onMessage(buf, from, end, now);
                    from = end;
                }
                System.arraycopy(buf, from, buf, 0, have - from);
                have -= from;
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            if (!closed)
            {
                dropped = true;
                System.err.println("bench: " + sender + ": reader stopped: " + ex);
            }
        }
    }

    /** The index after the message starting at {@code from} ("...<SOH>10=nnn<SOH>"), or -1 if incomplete. */
    static int messageEnd(final byte[] b, final int from, final int to)
    {
        for (int i = from; i + 3 < to; i++)
        {
            if (b[i] == SOH && b[i + 1] == '1' && b[i + 2] == '0' && b[i + 3] == '=')
            {
                for (int j = i + 4; j < to; j++)
                {
                    if (b[j] == SOH)
                    {
                        return j + 1;
                    }
                }
                return -1;
            }
        }
        return -1;
    }

    private void onMessage(final byte[] b, final int from, final int end, final long now)
    {
        final int type = valueAt(b, from, end, "\u000135=");
        if (type < 0 || b[type] != '8')
        {
            return;
        }
        final int execType = valueAt(b, from, end, "\u0001150=");
        if (execType < 0 || b[execType] != '0' && b[execType] != '8')
        {
            return; // only the first report of an order (New, or Rejected) is timed
        }
        final int idAt = valueAt(b, from, end, "\u000111=");
        int id = 0;
        for (int i = idAt; b[i] != SOH; i++)
        {
            id = id * 10 + b[i] - '0';
        }
        histogram.recordValue(Math.max(0, now - intended[id]));
        fromWrite.recordValue(Math.max(0, now - written[id]));
        if (b[execType] == '8')
        {
            rejected++;
        }
        lastAnswerNanos = now;
        answered++;
    }

    static int valueAt(final byte[] b, final int from, final int end, final String tagWithSoh)
    {
        outer:
        for (int i = from - 1; i + tagWithSoh.length() < end; i++)
        {
            for (int k = 0; k < tagWithSoh.length(); k++)
            {
                final int at = i + k;
                final byte expected = (byte)tagWithSoh.charAt(k);
                final byte actual = at < from ? SOH : b[at];
                if (actual != expected)
                {
                    continue outer;
                }
            }
            return i + tagWithSoh.length();
        }
        return -1;
    }

    @Override
    public void close() throws IOException
    {
        closed = true;
        socket.close();
    }
}
