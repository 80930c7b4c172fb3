package by.butb.bench.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The loopback floor for {@link GatewayRoundTrip}: a server that does no work at all. For each connection one thread
 * blocks on its socket, and for every complete message it has read it writes back, on the same thread and at once, a
 * canned ExecutionReport (35=8, 150=0) carrying the message's ClOrdID(11); everything else (the Logon) is answered with
 * a Logon. No FIX parsing beyond finding 11=, no session layer, no engine, no thread hand-off: what the same client,
 * pacing and measurement show against it is what the machine charges for one TCP round trip on loopback with a blocking
 * reader at each end, which any gateway pays on top of its own work. Any number of connections, accepted by a thread of
 * their own; for benchmarks only.
 */
final class EchoFixServer implements AutoCloseable
{
    private static final byte SOH = 1;
    private static final byte[] LOGON = frame("35=A\u000149=ECHO\u000156=BENCH\u000134=1\u000198=0\u0001108=300\u0001");
    private static final byte[] REPORT_HEAD =
        "35=8\u000149=ECHO\u000156=BENCH\u000134=1\u000137=1\u000117=1\u0001150=0\u000139=0\u000111="
            .getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final Thread acceptor;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    EchoFixServer() throws IOException
    {
        listener = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "bench-echo-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port()
    {
        return listener.getLocalPort();
    }

    private void accept()
    {
        try
        {
            while (!closed)
            {
                final Socket socket = listener.accept();
                connections.add(socket);
                final Thread t = new Thread(() -> serve(socket), "bench-echo-server-" + connections.size());
                t.setDaemon(true);
                t.start();
            }
        }
        catch (final IOException ex)
        {
            if (!closed)
            {
                System.err.println("bench: echo server stopped accepting: " + ex);
            }
        }
    }

    private void serve(final Socket socket)
    {
        try (socket)
        {
            socket.setTcpNoDelay(true);
            final InputStream in = socket.getInputStream();
            final OutputStream out = socket.getOutputStream();
            final byte[] buf = new byte[1 << 20];
            final byte[] reply = new byte[1 << 20];
            final byte[] body = new byte[256];
            int have = 0;
            while (!closed)
            {
                final int n = in.read(buf, have, buf.length - have);
                if (n < 0)
                {
                    return;
                }
                have += n;
                int from = 0;
                int replyLength = 0;
                int end;
                while ((end = RawFixClient.messageEnd(buf, from, have)) >= 0)
                {
                    final int id = RawFixClient.valueAt(buf, from, end, "\u000111=");
                    if (id < 0)
                    {
                        System.arraycopy(LOGON, 0, reply, replyLength, LOGON.length);
                        replyLength += LOGON.length;
                    }
                    else
                    {
                        int p = REPORT_HEAD.length;
                        System.arraycopy(REPORT_HEAD, 0, body, 0, p);
                        for (int i = id; buf[i] != SOH; i++)
                        {
                            body[p++] = buf[i];
                        }
                        body[p++] = SOH;
                        replyLength = RawFixClient.frame(body, p, reply, replyLength);
                    }
                    from = end;
                }
                if (replyLength > 0)
                {
                    out.write(reply, 0, replyLength);
                    out.flush();
                }
                System.arraycopy(buf, from, buf, 0, have - from);
                have -= from;
            }
        }
        catch (final IOException ex)
        {
            if (!closed)
            {
                System.err.println("bench: echo server stopped: " + ex);
            }
        }
    }

    private static byte[] frame(final String body)
    {
        final byte[] b = body.getBytes(StandardCharsets.US_ASCII);
        final byte[] out = new byte[b.length + 64];
        return Arrays.copyOf(out, RawFixClient.frame(b, b.length, out, 0));
    }

    @Override
    public void close() throws IOException
    {
        closed = true;
        listener.close();
        for (final Socket socket : connections)
        {
            socket.close();
        }
    }
}
