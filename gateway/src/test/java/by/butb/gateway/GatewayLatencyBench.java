package by.butb.gateway;

import org.HdrHistogram.Histogram;
import quickfix.Application;
import quickfix.DefaultMessageFactory;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.ClOrdID;
import quickfix.field.ExecType;
import quickfix.field.MsgType;
import quickfix.field.OrdType;
import quickfix.field.Password;
import quickfix.field.Side;
import quickfix.field.TimeInForce;
import quickfix.field.Username;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Round trip NewOrderSingle -> first ExecutionReport through one FIX session on loopback, at several offered rates,
 * measured from the intended send time (no coordinated omission) into an HdrHistogram. Not a test: run it with
 * <pre>
 * mvn -B -pl gateway test-compile exec:java ... or: java -cp gateway/target/test-classes:... by.butb.gateway.GatewayLatencyBench [seconds] [rates...]
 * </pre>
 * The engine journals to a temporary directory (as {@code serve} does). IOC orders on an empty book: each gets New
 * then Canceled; the New is timed.
 */
public final class GatewayLatencyBench implements Application
{
    private final long[] intended;
    private final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    private volatile CountDownLatch done;
    private volatile int expected;
    private final CountDownLatch logon = new CountDownLatch(1);

    private GatewayLatencyBench(final int maxOrders)
    {
        intended = new long[maxOrders];
    }

    public static void main(final String[] args) throws Exception
    {
        final int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        final int[] rates = args.length > 1 ? java.util.Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt)
            .toArray() : new int[] {1_000, 5_000, 10_000, 20_000, 50_000};
        final Path data = Files.createTempDirectory("butb-bench");
        final int max = java.util.Arrays.stream(rates).max().orElse(1) * seconds;
        try (GatewayServer server = GatewayServer.start(new GatewayServer.Options().catalog(TestCatalog.catalog())
            .host("127.0.0.1").port(0).dataDirectory(data.resolve("journal")).sessionQueueCapacity(1 << 20)))
        {
            final GatewayLatencyBench bench = new GatewayLatencyBench(max);
            final SessionID sid = new SessionID("FIX.4.4", "TRADER-A", "BUTB");
            final SessionSettings s = new SessionSettings();
            s.setString("ConnectionType", "initiator");
            s.setString("SocketConnectHost", "127.0.0.1");
            s.setLong("SocketConnectPort", server.port());
            s.setString("StartTime", "00:00:00");
            s.setString("EndTime", "00:00:00");
            s.setLong("HeartBtInt", 30);
            s.setString("UseDataDictionary", "Y");
            s.setString("DataDictionary", "FIX44.xml");
            s.setString("SocketTcpNoDelay", "Y");
            s.setString(sid, "BeginString", "FIX.4.4");
            s.setString(sid, "SenderCompID", "TRADER-A");
            s.setString(sid, "TargetCompID", "BUTB");
            final SocketInitiator initiator = new SocketInitiator(bench, new MemoryStoreFactory(), s,
                new GatewayLogFactory(), new DefaultMessageFactory());
            initiator.start();
            bench.logon.await(10, TimeUnit.SECONDS);
            final Session session = Session.lookupSession(sid);
            bench.run(session, 1_000, 2); // warm-up
            System.out.printf("%10s %10s %10s %10s %10s %10s %10s%n", "offered/s", "achieved/s", "p50 us", "p90 us",
                "p99 us", "p99.9 us", "max us");
            for (final int rate : rates)
            {
                bench.run(session, rate, seconds);
            }
            initiator.stop(true);
        }
    }

    private void run(final Session session, final int rate, final int seconds) throws InterruptedException
    {
        final int n = rate * seconds;
        histogram.reset();
        expected = n;
        done = new CountDownLatch(n);
        final long interval = 1_000_000_000L / rate;
        final long start = System.nanoTime() + 1_000_000;
        for (int i = 0; i < n; i++)
        {
            final long at = start + i * interval;
            long now;
            while ((now = System.nanoTime()) < at)
            {
                if (at - now > 50_000)
                {
                    LockSupport.parkNanos(at - now - 50_000);
                }
            }
            intended[i] = at;
            session.send(Fix.order(Integer.toString(i), "SMP", Side.BUY, "1", "2400", OrdType.LIMIT,
                TimeInForce.IMMEDIATE_OR_CANCEL));
        }
        final boolean complete = done.await(60, TimeUnit.SECONDS);
        final double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("%10d %10.0f %10.1f %10.1f %10.1f %10.1f %10.1f%s%n", rate, n / elapsed,
            histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(90) / 1e3,
            histogram.getValueAtPercentile(99) / 1e3, histogram.getValueAtPercentile(99.9) / 1e3,
            histogram.getMaxValue() / 1e3, complete ? "" : "  (incomplete: " + done.getCount() + " missing)");
    }

    @Override
    public void fromApp(final Message message, final SessionID sessionId)
    {
        final long now = System.nanoTime();
        try
        {
            if (MsgType.EXECUTION_REPORT.equals(message.getHeader().getString(MsgType.FIELD)) &&
                message.getChar(ExecType.FIELD) == ExecType.NEW)
            {
                final int i = Integer.parseInt(message.getString(ClOrdID.FIELD));
                if (i < expected)
                {
                    histogram.recordValue(Math.min(now - intended[i], histogram.getHighestTrackableValue()));
                    done.countDown();
                }
            }
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void onCreate(final SessionID sessionId)
    {
    }

    @Override
    public void onLogon(final SessionID sessionId)
    {
        logon.countDown();
    }

    @Override
    public void onLogout(final SessionID sessionId)
    {
    }

    @Override
    public void toAdmin(final Message message, final SessionID sessionId)
    {
        try
        {
            if (MsgType.LOGON.equals(message.getHeader().getString(MsgType.FIELD)))
            {
                message.setString(Username.FIELD, "TRADER-A");
                message.setString(Password.FIELD, TestCatalog.password("TRADER-A"));
            }
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void fromAdmin(final Message message, final SessionID sessionId)
    {
    }

    @Override
    public void toApp(final Message message, final SessionID sessionId)
    {
    }
}
