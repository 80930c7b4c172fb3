package by.butb.gateway;

import by.butb.engine.model.Catalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Message;
import quickfix.SessionID;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The one thread that writes to FIX sessions on behalf of the engine: it runs {@link EngineBridge}'s reports of
 * each command (built here, off the engine's logic thread), and market data ({@link MarketDataSubscriptions}). The
 * logic thread never waits for a session; a slow or gone session never holds up the engine. The thread takes what
 * is queued in batches; what one batch sends to one session is written to its socket at once at the end of the batch
 * ({@link CoalescingResponder}). When the queue is empty, the thread blocks or polls as its {@link IdleWait} says.
 */
final class Outbound implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(Outbound.class);
    private static final Object STOP = new Object();
    private static final int QUEUE_RING = 16_384;
    private static final long BLOCK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Catalog catalog;
    private final FixSessions sessions;
    /** Counts what the gateway answers a session by itself (not the engine) among that session's work in flight. */
    private final SessionShare share;
    private final IdleWait idleWait;
    private final SessionID[][] recipients;
    /** Items the thread takes; the ring's size covers the commands in flight of a loaded gateway. */
    private final OutboundQueue<Object> queue = new OutboundQueue<>(QUEUE_RING);
    /** Items put on the queue, and items the thread has finished with (see {@link #idle}). */
    private final AtomicLong queued = new AtomicLong();
    private volatile long finished;
    private final Thread thread;
    /** Set by {@link #close} when the thread is slow to stop: it drops what is still queued. */
    private volatile boolean stopping;
    /** Run on the thread after each batch and whenever it finds nothing queued; added before {@link #start}. */
    private Runnable[] afterEachPass = {};

    private final MarketDataSubscriptions marketData;

    /**
     * {@code maxSubscriptionsPerSession}: live market-data subscriptions a session may hold at once;
     * {@code conflateFromBytes} and {@code conflateQueuedFromBytes}: when a session's market data is conflated
     * ({@link MarketDataSubscriptions}); {@code idleWait}: how the thread waits for work; {@code onFailure}: told if
     * the thread ends with an Error ({@link ThreadErrors}).
     */
    Outbound(final Catalog catalog, final FixSessions sessions, final SessionShare share, final String exchangeCompId,
        final int maxSubscriptionsPerSession, final long conflateFromBytes, final long conflateQueuedFromBytes,
        final IdleWait idleWait, final Consumer<String> onFailure)
    {
        this.catalog = catalog;
        this.sessions = sessions;
        this.share = share;
        this.idleWait = idleWait;
        final int participants = catalog.participants().size();
        final List<List<SessionID>> routes = new ArrayList<>();
        for (int p = 0; p < participants; p++)
        {
            final List<SessionID> list = new ArrayList<>();
            list.add(sessionId(exchangeCompId, catalog.participant(p).id()));
            routes.add(list);
        }
        for (int b = 0; b < participants; b++)
        {
            for (final int client : catalog.participant(b).clients())
            {
                routes.get(client).add(sessionId(exchangeCompId, catalog.participant(b).id()));
            }
        }
        recipients = new SessionID[participants][];
        for (int p = 0; p < participants; p++)
        {
            recipients[p] = routes.get(p).toArray(new SessionID[0]);
        }
        marketData = new MarketDataSubscriptions(catalog, sessions, maxSubscriptionsPerSession, conflateFromBytes,
            conflateQueuedFromBytes);
        thread = new Thread(() -> ThreadErrors.runTelling(this::run, onFailure), "butb-gateway-out");
        thread.setDaemon(true);
    }

    static SessionID sessionId(final String exchangeCompId, final String participantId)
    {
        return new SessionID("FIX.4.4", exchangeCompId, participantId);
    }

    /**
     * Before {@link #start}: {@code task} runs on this thread after each batch (once its items are finished with),
     * whenever the thread finds nothing queued, and as it stops, after the tasks added before it.
     */
    void afterEachPass(final Runnable task)
    {
        afterEachPass = Arrays.copyOf(afterEachPass, afterEachPass.length + 1);
        afterEachPass[afterEachPass.length - 1] = task;
    }

    /** Each task after a pass; one that fails is logged and keeps no other from running. */
    private void runAfterPass()
    {
        for (final Runnable task : afterEachPass)
        {
            try
            {
                task.run();
            }
            catch (final RuntimeException ex)
            {
                LOG.error("a task after the sending thread's pass failed", ex);
            }
        }
    }

    void start()
    {
        thread.start();
    }

    // ---------------------------------------------------------------- producers (any thread)

    /**
     * The answers the gateway makes by itself to a session's request (a duplicate ClOrdID, a cancel of an unknown
     * order, a market-data request and its reject), queued from another thread: each counts in the session's share
     * ({@link SessionShare}) until this thread has handled it, as an order counts until its reports are made, so
     * that a flood of such requests is held as a flood of orders is. Sent on this thread (an engine's reject, whose
     * request {@link RequestsInFlight} counts), it is handled at once and not counted.
     */
    void send(final SessionID to, final Message message)
    {
        enqueue(new Send(to, message, counted(to)));
    }

    void sendMarketData(final SessionID to, final MarketDataMessage message)
    {
        enqueue(new SendMarketData(to, message, counted(to)));
    }

    /**
     * {@code to}'s index in the share, counted as submitted once more; -1 for none, and on this thread (handled at
     * once). A count left by an item dropped as the thread stops is never taken back: the share ends with the server.
     */
    private int counted(final SessionID to)
    {
        if (Thread.currentThread() == thread)
        {
            return -1;
        }
        final int index = share.indexOf(to);
        share.submitted(index);
        return index;
    }

    /** Runs {@code task} on this thread, after what is queued before it. */
    void execute(final Runnable task)
    {
        offer(task);
    }

    /** Queues {@code item}; on this thread itself (a task running), handles it at once, in the same batch. */
    private void enqueue(final Object item)
    {
        if (Thread.currentThread() == thread)
        {
            handle(item);
        }
        else
        {
            offer(item);
        }
    }

    /**
     * On this thread only (a task running): {@code report} to the owner's session and its brokers' sessions, now
     * (the report is reused once this returns).
     */
    void reportToOwner(final int owner, final OrderReport report)
    {
        if (Thread.currentThread() != thread)
        {
            throw new IllegalStateException("reports are sent on the gateway's sending thread");
        }
        if (owner < 0 || owner >= recipients.length)
        {
            return;
        }
        for (final SessionID sid : recipients[owner])
        {
            sessions.sendReport(sid, report); // false, and nothing built, for a session that does not exist
        }
    }

    /**
     * The book of {@code instrument} after a command, and the trades it printed: to the subscribers now when on this
     * thread (a task running; {@code trades} is read during the call only), else after what is queued (the list is
     * kept until then).
     */
    void marketData(final int instrument, final BookCopy book, final List<BookCopy.Trade> trades)
    {
        if (Thread.currentThread() == thread)
        {
            marketData.onBook(instrument, book, trades);
        }
        else
        {
            offer(new Md(instrument, book, trades));
        }
    }

    void subscribe(final MarketDataSubscriptions.Subscription subscription)
    {
        offer(new Subscribe(subscription, counted(subscription.session)));
    }

    void unsubscribe(final SessionID session, final String reqId)
    {
        offer(new Unsubscribe(session, reqId, counted(session)));
    }

    void sessionGone(final SessionID session)
    {
        offer(new Gone(session));
    }

    private void offer(final Object item)
    {
        queued.incrementAndGet();
        queue.add(item);
    }

    /** Items queued and not yet finished with: how far this thread is behind. Any thread. */
    long backlog()
    {
        return queued.get() - finished;
    }

    /** Whether the thread has finished with every item queued so far (tasks run, messages handed on). */
    boolean idle()
    {
        return backlog() == 0;
    }

    // ---------------------------------------------------------------- the thread

    private void run()
    {
        final List<Object> batch = new ArrayList<>(256);
        while (true)
        {
            try
            {
                final Object first = queue.poll();
                if (first == null)
                {
                    catchUpMarketData();
                    runAfterPass();
                    if (Thread.currentThread().isInterrupted())
                    {
                        return;
                    }
                    if (idleWait.blocks())
                    {
                        queue.await(BLOCK_NANOS);
                    }
                    else
                    {
                        idleWait.idle();
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 255);
                sessions.beginBatch(); // one socket write per session for the whole batch
                try
                {
                    for (int i = 0; i < batch.size(); i++)
                    {
                        final Object item = batch.get(i);
                        if (item == STOP || stopping)
                        {
                            runAfterPass();
                            return;
                        }
                        handle(item);
                        finished++;
                    }
                }
                finally
                {
                    sessions.endBatch();
                }
                catchUpMarketData();
                runAfterPass();
            }
            catch (final RuntimeException ex)
            {
                LOG.error("outbound item failed", ex);
            }
            finally
            {
                batch.clear();
            }
        }
    }

    /** The market data held back for sessions that were behind and are no longer, written once per session. */
    private void catchUpMarketData()
    {
        if (!marketData.anyBehind())
        {
            return;
        }
        sessions.beginBatch();
        try
        {
            marketData.catchUp();
        }
        finally
        {
            sessions.endBatch();
        }
    }

    private void handle(final Object item)
    {
        try
        {
            if (item instanceof Runnable task)
            {
                task.run();
            }
            else if (item instanceof Send s)
            {
                deliver(s.to, s.message);
            }
            else if (item instanceof SendMarketData s)
            {
                sessions.sendMarketData(s.to, s.message);
            }
            else if (item instanceof Md md)
            {
                marketData.onBook(md.instrument, md.book, md.trades);
            }
            else if (item instanceof Subscribe sub)
            {
                marketData.onSubscribe(sub.subscription);
            }
            else if (item instanceof Unsubscribe u)
            {
                marketData.unsubscribe(u.session, u.reqId);
            }
            else if (item instanceof Gone g)
            {
                marketData.sessionGone(g.session);
            }
        }
        catch (final RuntimeException ex)
        {
            LOG.error("outbound item failed: {}", item, ex);
        }
        finally
        {
            share.answered(countedIn(item));
        }
    }

    /** The index in the share of the session an item answers by the gateway itself; -1 for any other item. */
    private static int countedIn(final Object item)
    {
        return item instanceof Counted c ? c.share() : -1;
    }

    private void deliver(final SessionID to, final Message message)
    {
        sessions.send(to, message);
    }

    // ---------------------------------------------------------------- shutdown

    /**
     * Stops the thread once it has handled what is queued now (the reports of the commands the engine drained as it
     * closed, stored in their sessions, which are closed after this); what it has not handled within 5 s is dropped,
     * and logged.
     */
    @Override
    public void close()
    {
        if (!thread.isAlive())
        {
            return;
        }
        queue.add(STOP);
        try
        {
            thread.join(5_000);
            if (thread.isAlive())
            {
                stopping = true;
                thread.join(1_000);
                LOG.warn("the gateway's sending thread had not handled what was queued within 5 s: {} items dropped",
                    backlog());
            }
            if (thread.isAlive())
            {
                thread.interrupt();
                thread.join(1_000);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- items

    /** An item counted in its session's share until handled. */
    private interface Counted
    {
        /** The index of the item's session in the {@link SessionShare}; -1: none. */
        int share();
    }

    private record Send(SessionID to, Message message, int share) implements Counted
    {
    }

    private record SendMarketData(SessionID to, MarketDataMessage message, int share) implements Counted
    {
    }

    private record Subscribe(MarketDataSubscriptions.Subscription subscription, int share) implements Counted
    {
    }

    private record Md(int instrument, BookCopy book, List<BookCopy.Trade> trades)
    {
    }

    private record Unsubscribe(SessionID session, String reqId, int share) implements Counted
    {
    }

    private record Gone(SessionID session)
    {
    }
}
