package by.butb.bench.gateway;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The FIX sessions of one round-trip run: one {@link RawFixClient} per trader, each its own TCP connection, FIX
 * session and reader thread, offering a total rate split evenly between them. Each session's orders are sent by a
 * thread of its own, which lives as long as the group (the calling thread sends the first session's, one pool thread
 * each the others'), so that the allocation counters of {@link Allocation} keep seeing them. Session i's schedule
 * starts i / rate seconds after the first one's, so that the sessions' orders interleave evenly. ClOrdIDs are
 * numbered per session. The histograms are made once and reset by each {@link #offer}, so that a round allocates
 * next to nothing on the client's side. Used by one thread.
 */
final class SessionGroup implements AutoCloseable
{
    private static final long MAX_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final List<RawFixClient> clients = new ArrayList<>();
    private final ExecutorService senders;
    private final Histogram[] latency;
    private final Histogram[] fromWrite;
    private final Histogram mergedLatency = new Histogram(MAX_LATENCY_NANOS, 3);
    private final Histogram mergedFromWrite = new Histogram(MAX_LATENCY_NANOS, 3);
    private int nextId;

    /** The most the last answer may come after the last order's intended send time for a sustained rate. */
    static final long SUSTAINED_TAIL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Send lateness above which a round is flagged: the client fell behind its own schedule. */
    static final long LATE_SEND_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /**
     * What one rate gave: latencies merged over the sessions (valid until the next {@link #offer}); rates in orders
     * answered per second; {@code tailNanos}: the last answer after the last order's intended send time (any
     * session); {@code maxLatenessNanos}: the most an order was sent after its intended time (any session);
     * {@code dropped}: a session's connection ended.
     */
    record Round(int orders, int answered, int rejected, boolean complete, double achieved, Histogram latency,
        Histogram fromWrite, double[] sessionAchieved, int[] sessionAnswered, int[] sessionOrders, long tailNanos,
        long maxLatenessNanos, boolean dropped)
    {
        /** Every order answered, the last answer within {@link #SUSTAINED_TAIL_NANOS} of the last intended send. */
        boolean sustained()
        {
            return complete && answered == orders && tailNanos <= SUSTAINED_TAIL_NANOS;
        }

        /** Whether the client sent an order more than {@link #LATE_SEND_NANOS} after its intended time. */
        boolean late()
        {
            return maxLatenessNanos > LATE_SEND_NANOS;
        }
    }

    /** Connects one session per trader to {@code target} at {@code host:port} and logs each on in turn. */
    SessionGroup(final String host, final int port, final List<String> traders, final String target,
        final String symbol, final String password) throws IOException
    {
        latency = new Histogram[traders.size()];
        fromWrite = new Histogram[traders.size()];
        for (int i = 0; i < traders.size(); i++)
        {
            latency[i] = new Histogram(MAX_LATENCY_NANOS, 3);
            fromWrite[i] = new Histogram(MAX_LATENCY_NANOS, 3);
        }
        final AtomicInteger threads = new AtomicInteger(1);
        final ThreadPoolExecutor pool = new ThreadPoolExecutor(traders.size() - 1, Math.max(1, traders.size() - 1),
            0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r ->
            {
                final Thread t = new Thread(r, "bench-fix-sender-" + threads.getAndIncrement());
                t.setDaemon(true);
                return t;
            });
        pool.prestartAllCoreThreads();
        senders = pool;
        try
        {
            for (final String trader : traders)
            {
                final RawFixClient client = new RawFixClient(host, port, trader, target, symbol);
                clients.add(client);
                client.logon(password);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            close();
            throw ex;
        }
    }

    /**
     * Makes room in each session for the ClOrdIDs of an {@link #offer} of {@code rate} for {@code seconds}, so that
     * the offer allocates next to nothing on the client's side.
     */
    void reserve(final int rate, final int seconds)
    {
        final int n = clients.size();
        for (int i = 0; i < n; i++)
        {
            clients.get(i).reserve(nextId + (rate / n + 1) * seconds);
        }
    }

    /**
     * Offers {@code rate} orders per second in all (session i: {@code rate / sessions}, the first
     * {@code rate % sessions} sessions one more) for {@code seconds}, the first order due at {@code startNanos}
     * (System.nanoTime), and waits up to a minute for every answer (less when a connection ends). {@code rate} is at
     * least the number of sessions.
     */
    Round offer(final int rate, final int seconds, final long startNanos) throws IOException, InterruptedException
    {
        final int n = clients.size();
        final int[] orders = new int[n];
        final List<Future<?>> sending = new ArrayList<>();
        for (int i = n - 1; i >= 0; i--)
        {
            final int sessionRate = rate / n + (i < rate % n ? 1 : 0);
            orders[i] = sessionRate * seconds;
            latency[i].reset();
            fromWrite[i].reset();
            final RawFixClient client = clients.get(i);
            final long start = startNanos + (long)(i * 1e9 / rate);
            final int count = orders[i];
            final Histogram h = latency[i];
            final Histogram w = fromWrite[i];
            if (i == 0)
            {
                client.run(nextId, count, sessionRate, start, h, w);
            }
            else
            {
                sending.add(senders.submit(() ->
                {
                    client.run(nextId, count, sessionRate, start, h, w);
                    return null;
                }));
            }
        }
        for (final Future<?> f : sending)
        {
            join(f);
        }
        return collect(startNanos, orders);
    }

    private Round collect(final long startNanos, final int[] orders)
    {
        final long deadline = System.nanoTime() + MAX_LATENCY_NANOS;
        final int n = clients.size();
        mergedLatency.reset();
        mergedFromWrite.reset();
        final double[] sessionAchieved = new double[n];
        final int[] sessionAnswered = new int[n];
        boolean complete = true;
        int total = 0;
        int answered = 0;
        int rejected = 0;
        long lastAnswer = startNanos;
        long lastIntended = startNanos;
        long lateness = 0;
        boolean dropped = false;
        int most = 0;
        for (int i = 0; i < n; i++)
        {
            final RawFixClient client = clients.get(i);
            complete &= client.awaitAnswers(orders[i], Math.max(0, deadline - System.nanoTime()));
            sessionAnswered[i] = client.answered();
            final long last = client.lastAnswerNanos();
            sessionAchieved[i] = sessionAnswered[i] == 0 ? 0 : sessionAnswered[i] / ((last - startNanos) / 1e9);
            lastAnswer = Math.max(lastAnswer, last);
            lastIntended = Math.max(lastIntended, client.lastIntendedNanos());
            lateness = Math.max(lateness, client.maxLatenessNanos());
            dropped |= client.dropped();
            total += orders[i];
            answered += sessionAnswered[i];
            rejected += client.rejected();
            most = Math.max(most, orders[i]);
            mergedLatency.add(latency[i]);
            mergedFromWrite.add(fromWrite[i]);
        }
        nextId += most;
        final double achieved = answered / ((lastAnswer - startNanos) / 1e9);
        return new Round(total, answered, rejected, complete, achieved, mergedLatency, mergedFromWrite,
            sessionAchieved, sessionAnswered, orders, lastAnswer - lastIntended, lateness, dropped);
    }

    private static void join(final Future<?> f) throws IOException, InterruptedException
    {
        try
        {
            f.get();
        }
        catch (final ExecutionException ex)
        {
            if (ex.getCause() instanceof IOException io)
            {
                throw io;
            }
            throw new IllegalStateException("bench: a session's sender failed", ex.getCause());
        }
    }

    @Override
    public void close() throws IOException
    {
        senders.shutdownNow();
        IOException failure = null;
        for (final RawFixClient client : clients)
        {
            try
            {
                client.close();
            }
            catch (final IOException ex)
            {
                failure = failure == null ? ex : failure;
            }
        }
        if (failure != null)
        {
            throw failure;
        }
    }
}
