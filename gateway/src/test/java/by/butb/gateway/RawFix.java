package by.butb.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** A FIX peer on a plain socket, for malformed input: it frames what it is told and reads whole messages. */
final class RawFix implements AutoCloseable
{
    static final char SOH = '\u0001';
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    final String sender;
    int seq = 1;

    RawFix(final int port, final String sender) throws IOException
    {
        this(port, sender, "127.0.0.1");
    }

    /** A connection from the loopback address {@code from} (any of 127.0.0.0/8). */
    RawFix(final int port, final String sender, final String from) throws IOException
    {
        socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(from), 0);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        this.sender = sender;
    }

    static String now()
    {
        return LocalDateTime.now(ZoneOffset.UTC).format(TIME);
    }

    /** A complete message: BeginString, BodyLength and CheckSum computed over {@code body} ("35=..|49=..|..|"). */
    static String frame(final String beginString, final String body)
    {
        final String b = body.replace('|', SOH);
        final String head = "8=" + beginString + SOH + "9=" + b.getBytes(StandardCharsets.ISO_8859_1).length + SOH;
        final String msg = head + b;
        int sum = 0;
        for (final byte x : msg.getBytes(StandardCharsets.ISO_8859_1))
        {
            sum += x & 0xFF;
        }
        return msg + "10=" + String.format("%03d", sum % 256) + SOH;
    }

    /** The body of a message from this peer with the next sequence number: "35=type|49=..|56=BUTB|34=n|52=..|rest". */
    String body(final String msgType, final String rest)
    {
        return "35=" + msgType + "|49=" + sender + "|56=BUTB|34=" + (seq++) + "|52=" + now() + "|" + rest;
    }

    void send(final String msgType, final String rest) throws IOException
    {
        sendText(frame("FIX.4.4", body(msgType, rest)));
    }

    void logon(final String password) throws IOException
    {
        send("A", "98=0|108=30|553=" + sender + "|554=" + password + "|");
    }

    void sendText(final String text) throws IOException
    {
        sendBytes(text.replace('|', SOH).getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Caps the socket's receive buffer (the kernel no longer sizes it), so that unread bytes back up soon. */
    void limitReceiveBuffer(final int bytes) throws IOException
    {
        socket.setReceiveBufferSize(bytes);
    }

    /** The socket's input, for a test that reads it itself (not mixed with {@link #read}). */
    InputStream input()
    {
        return in;
    }

    void sendBytes(final byte[] bytes) throws IOException
    {
        out.write(bytes);
        out.flush();
    }

    /** The next message with '|' for SOH; null on timeout; "EOF" when the server closed the connection. */
    String read(final long timeoutMillis) throws IOException
    {
        final long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true)
        {
            final String text = pending.toString(StandardCharsets.ISO_8859_1);
            final int trailer = text.indexOf(SOH + "10=");
            if (trailer >= 0)
            {
                final int end = text.indexOf(SOH, trailer + 1);
                if (end >= 0)
                {
                    final String msg = text.substring(0, end + 1);
                    final byte[] rest = text.substring(end + 1).getBytes(StandardCharsets.ISO_8859_1);
                    pending.reset();
                    pending.write(rest, 0, rest.length);
                    return msg.replace(SOH, '|');
                }
            }
            final long left = deadline - System.currentTimeMillis();
            if (left <= 0)
            {
                return null;
            }
            socket.setSoTimeout((int)Math.max(1, left));
            final byte[] buf = new byte[8192];
            try
            {
                final int n = in.read(buf);
                if (n < 0)
                {
                    return "EOF";
                }
                pending.write(buf, 0, n);
            }
            catch (final SocketTimeoutException ex)
            {
                return null;
            }
            catch (final IOException ex)
            {
                return "EOF";
            }
        }
    }

    /** Reads until a message of the type arrives (null on timeout or EOF). */
    String readType(final String msgType, final long timeoutMillis) throws IOException
    {
        final long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline)
        {
            final String m = read(deadline - System.currentTimeMillis());
            if (m == null || m.equals("EOF"))
            {
                return null;
            }
            if (m.contains("|35=" + msgType + "|"))
            {
                return m;
            }
        }
        return null;
    }

    /** True when the server closes the connection within the time (messages before the close are skipped). */
    boolean closedWithin(final long timeoutMillis) throws IOException
    {
        final long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline)
        {
            final String m = read(deadline - System.currentTimeMillis());
            if ("EOF".equals(m))
            {
                return true;
            }
        }
        return false;
    }

    static String field(final String message, final int tag)
    {
        final String key = "|" + tag + "=";
        final int i = ("|" + message).indexOf(key);
        if (i < 0)
        {
            return null;
        }
        final int start = i + key.length() - 1;
        final int end = message.indexOf('|', start);
        return message.substring(start, end < 0 ? message.length() : end);
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }
}
