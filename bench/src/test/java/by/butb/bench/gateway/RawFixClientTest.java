package by.butb.bench.gateway;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RawFixClientTest
{
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a wait the closed connection does not end would last for ever
    void shouldStopWaitingForAnswersAtOnceWhenTheServerClosesTheConnection() throws Exception
    {
        try (ServerSocket server = new ServerSocket(0))
        {
            final Thread acceptor = new Thread(() -> answerLogonThenClose(server));
            acceptor.start();
            try (RawFixClient client = new RawFixClient("127.0.0.1", server.getLocalPort(), "T1", "S", "SUGAR"))
            {
                client.logon("pw");
                acceptor.join(5_000);
                final Histogram h = new Histogram(60_000_000_000L, 3);
                client.run(0, 200, 1_000, System.nanoTime(), h, new Histogram(60_000_000_000L, 3));

                assertFalse(client.awaitAnswers(200, Long.MAX_VALUE / 4), "no answers, and the wait ended");
                assertTrue(client.dropped());
            }
        }
    }

    @Test
    void shouldSendEveryOrderOnScheduleToAServerThatAnswersNothing() throws Exception
    {
        try (ServerSocket server = new ServerSocket(0))
        {
            final Thread acceptor = new Thread(() -> answerLogonThenRead(server));
            acceptor.setDaemon(true);
            acceptor.start();
            try (RawFixClient client = new RawFixClient("127.0.0.1", server.getLocalPort(), "T1", "S", "SUGAR"))
            {
                client.logon("pw");
                final long start = System.nanoTime() + 1_000_000;
                client.run(0, 100, 1_000, start, new Histogram(60_000_000_000L, 3),
                    new Histogram(60_000_000_000L, 3));

                assertTrue(System.nanoTime() >= client.lastIntendedNanos());
                assertTrue(client.lastIntendedNanos() - start == 99_000_000L, "the last order is due 99 ms in");
                assertTrue(client.maxLatenessNanos() >= 0);
                assertFalse(client.dropped());
            }
        }
    }

    private static void answerLogonThenClose(final ServerSocket server)
    {
        try (Socket s = server.accept())
        {
            readLogon(s.getInputStream());
            s.getOutputStream().write(logonAnswer());
            s.getOutputStream().flush();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static void answerLogonThenRead(final ServerSocket server)
    {
        try (Socket s = server.accept())
        {
            final InputStream in = s.getInputStream();
            readLogon(in);
            s.getOutputStream().write(logonAnswer());
            s.getOutputStream().flush();
            in.transferTo(OutputStream.nullOutputStream());
        }
        catch (final Exception ex)
        {
            // the client closed the connection
        }
    }

    private static void readLogon(final InputStream in) throws Exception
    {
        final StringBuilder got = new StringBuilder();
        final byte[] buf = new byte[1024];
        while (!got.toString().matches("(?s).*\u000110=\\d{3}\u0001"))
        {
            final int n = in.read(buf);
            if (n < 0)
            {
                return;
            }
            got.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
        }
    }

    private static byte[] logonAnswer()
    {
        return "8=FIX.4.4\u00019=5\u000135=A\u000110=000\u0001".getBytes(StandardCharsets.US_ASCII);
    }
}
