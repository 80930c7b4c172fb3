package by.butb.gateway;

import by.butb.cluster.RateLimitedLog;
import by.butb.engine.model.Participant;
import by.butb.gateway.fix.FixDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One I/O thread of the native FIX engine and the connections it owns: read, decode, session protocol and order
 * submission for each of them, the writes the socket could not take at once, and, when there are several loops, the
 * encoding and writing of what the sending thread sends them ({@link NativeLoopEncoder}, {@link #writeSoon}); a tick
 * every {@value #TICK_MILLIS} ms sends heartbeats and test requests, closes connections that did not log on in time
 * and answers refused Logons once their delay has passed ({@link NativeRefusals}). A connection stays on the loop
 * that {@link NativeAcceptor} gave it at accept. Other threads hand a loop work through {@link #execute} (bindings
 * after a verified password, refusals, closes). Every method not marked "any thread" runs on this loop's thread.
 */
final class NativeIoLoop
{
    private static final Logger LOG = LoggerFactory.getLogger(NativeIoLoop.class);
    private static final long TICK_MILLIS = 20;

    /** What a loop uses to read the application messages of its connections, its own (they keep state per read). */
    record Handlers(NativeOrders orders, NativeMarketDataRequests marketData, ReadThrottle throttle)
    {
    }

    /** Called on the loop's thread when the listening socket it watches has connections to accept. */
    interface AcceptHandler
    {
        void accept() throws IOException;
    }

    private final NativeLoopContext context;
    private final GatewayOptions options;
    private final RateLimitedLog log;
    private final Handlers handlers;
    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final FixDecoder decoder = new FixDecoder();
    private AcceptHandler acceptHandler;
    /** The handler of each ready key: one object, so that a select creates none. */
    private final Consumer<SelectionKey> onReady = key ->
    {
        try
        {
            ready(key);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    };
    /** Open connections, and refused Logons waiting for their delay. */
    private final Set<NativeConnection> connections = new HashSet<>();
    private final NativeRefusals refusals;
    private final IdleWait idleWait;
    /** With several loops: the messages the sending thread hands this loop to encode, and to write; else null. */
    private final NativeLoopEncoder encoder;
    private final NativeWriteQueue toWrite;
    private volatile boolean running = true;
    /** Set by {@link #logoutAll}: the server is stopping, so no connection binds any more. */
    private volatile boolean closing;

    NativeIoLoop(final NativeLoopContext context, final Handlers handlers, final String threadName)
    {
        this.context = context;
        this.options = context.options();
        this.log = context.log();
        this.handlers = handlers;
        this.refusals = new NativeRefusals(options.logonRefusalDelayMillis, log);
        this.idleWait = IdleWait.of(options.waitStrategy);
        this.encoder = options.ioThreads > 1 ? new NativeLoopEncoder(this) : null;
        this.toWrite = options.ioThreads > 1 ? new NativeWriteQueue(this::wakeForReports) : null;
        try
        {
            selector = Selector.open();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
    }

    /** Before {@link #start}: this loop also accepts connections on {@code server}, calling {@code handler}. */
    void watch(final ServerSocketChannel server, final AcceptHandler handler) throws IOException
    {
        server.register(selector, SelectionKey.OP_ACCEPT);
        acceptHandler = handler;
    }

    void start()
    {
        thread.start();
    }

    NativeLoopContext context()
    {
        return context;
    }

    /** {@link GatewayOptions#logoutTimeoutMillis} in nanoseconds. */
    long logoutTimeoutNanos()
    {
        return TimeUnit.MILLISECONDS.toNanos(options.logoutTimeoutMillis);
    }

    Handlers handlers()
    {
        return handlers;
    }

    /** Runs {@code task} on this loop's thread, soon. Any thread. */
    void execute(final Runnable task)
    {
        tasks.add(task);
        selector.wakeup();
    }

    /**
     * The sending thread's end of a batch: what it encoded for {@code c} is written now on the calling thread, or with
     * several I/O threads by this loop soon ({@link NativeWriteQueue}). Any thread.
     */
    void writeSoon(final NativeConnection c)
    {
        if (toWrite == null)
        {
            c.flush();
        }
        else
        {
            toWrite.writeSoon(c);
        }
    }

    /** With several I/O threads: what hands this loop the messages of its sessions to encode; else null. */
    NativeLoopEncoder encoder()
    {
        return encoder;
    }

    /** Whether this loop's thread is to go on; false from {@link #stop}, or once the thread ended in any way. */
    boolean running()
    {
        return running;
    }

    /** Waits up to {@code millis} for this loop's thread to end; whether it has. Any thread but this loop's. */
    boolean awaitEnd(final long millis)
    {
        try
        {
            thread.join(millis);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    String threadName()
    {
        return thread.getName();
    }

    /** The sending thread, after a batch that queued messages here: wakes the loop if it blocks in select. */
    void wakeForReports()
    {
        if (idleWait.blocks())
        {
            selector.wakeup();
        }
    }

    /**
     * {@code c} has output the socket did not take: write it when the socket is writable. Any thread; nothing when
     * {@code c} is closed, or closing on this loop's thread meanwhile.
     */
    void wantWrite(final NativeConnection c)
    {
        final SelectionKey key = c.key;
        if (key != null && key.isValid())
        {
            try
            {
                key.interestOpsOr(SelectionKey.OP_WRITE);
            }
            catch (final CancelledKeyException ex)
            {
                return; // closed between the check and the call: its output is dropped with it
            }
            selector.wakeup();
        }
    }

    /** Starts reading {@code c}, a connection just accepted and given to this loop (closed if the server stops). */
    void register(final NativeConnection c)
    {
        if (closing)
        {
            c.state = NativeConnection.State.CLOSED;
            releaseCount(c);
            closeChannel(c);
            return;
        }
        try
        {
            c.key = c.channel.register(selector, SelectionKey.OP_READ, c);
            connections.add(c);
        }
        catch (final IOException ex)
        {
            LOG.debug("registering {}", c.address, ex);
            c.state = NativeConnection.State.CLOSED;
            releaseCount(c);
            closeChannel(c);
        }
    }

    private void run()
    {
        try
        {
            ThreadErrors.runTelling(this::serve, options.onFailure);
        }
        finally
        {
            running = false; // also when an Error ends the thread: the sending thread then queues nothing more here
        }
    }

    private void serve()
    {
        try
        {
            serveUntilStopped();
        }
        finally
        {
            closeAll(); // also when an Error ends the thread: its sessions are unbound and its sockets closed
        }
    }

    private void serveUntilStopped()
    {
        long nextTick = System.nanoTime();
        while (running)
        {
            try
            {
                final int ready = idleWait.blocks() ? selector.select(onReady, TICK_MILLIS) :
                    selector.selectNow(onReady);
                Runnable task;
                boolean ran = false;
                while ((task = tasks.poll()) != null)
                {
                    task.run();
                    ran = true;
                }
                handlers.throttle().resumeIfDrained();
                if (encoder != null)
                {
                    ran |= encoder.encodeQueued();
                    ran |= toWrite.writeQueued();
                }
                if (ready == 0 && !ran)
                {
                    idleWait.idle();
                }
                final long now = System.nanoTime();
                if (now - nextTick >= 0)
                {
                    tick(now);
                    nextTick = now + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
                }
            }
            catch (final IOException | RuntimeException ex)
            {
                LOG.error("native FIX I/O loop", ex);
            }
        }
        if (encoder != null)
        {
            encoder.encodeQueued(); // numbered, stored and written while the connections are still open
        }
    }

    /** As the thread ends: closes every connection (unbinding its session) and the selector. */
    private void closeAll()
    {
        Runnable task;
        while ((task = tasks.poll()) != null)
        {
            try
            {
                task.run(); // a connection handed over or verified meanwhile is closed (closing is set)
            }
            catch (final RuntimeException ex)
            {
                LOG.debug("a task left at stop", ex);
            }
        }
        for (final NativeConnection c : new ArrayList<>(connections))
        {
            try
            {
                closeNow(c);
            }
            catch (final RuntimeException ex)
            {
                LOG.debug("closing {}", c.address, ex);
            }
        }
        closeSelector();
    }

    private void closeSelector()
    {
        try
        {
            selector.close();
        }
        catch (final IOException ex)
        {
            LOG.debug("closing a selector", ex);
        }
    }

    private void ready(final SelectionKey key) throws IOException
    {
        if (!key.isValid())
        {
            return;
        }
        if (key.isAcceptable())
        {
            acceptHandler.accept();
            return;
        }
        final NativeConnection c = (NativeConnection)key.attachment();
        if (key.isWritable())
        {
            key.interestOpsAnd(~SelectionKey.OP_WRITE); // a read paused by the throttle stays paused
            c.flush();
            final NativeSession session = c.session;
            if (session != null && !session.protocol.resend().continueOrFail(c)) // the next chunk of a resend
            {
                closeNow(c);
                return;
            }
        }
        // logons, and the answer to the server's Logout, are read however far behind the sending thread is
        if (key.isValid() && key.isReadable() &&
            (c.state != NativeConnection.State.OPEN || c.awaitingLogoutAnswer() || !handlers.throttle().holds(key)))
        {
            boolean keep;
            try
            {
                keep = c.onReadable(decoder);
            }
            catch (final IOException ex)
            {
                keep = false;
            }
            catch (final RuntimeException ex)
            {
                // A bug met by one connection's bytes closes that connection, not every session on this thread.
                LOG.error("closing {} after an unexpected error reading it", c.address, ex);
                keep = false;
            }
            if (!keep)
            {
                closeNow(c);
            }
        }
    }

    private void tick(final long now)
    {
        final long logonTimeout = TimeUnit.MILLISECONDS.toNanos(options.logonTimeoutMillis);
        for (final NativeConnection c : new ArrayList<>(connections))
        {
            if (c.closeOverdue(now))
            {
                log.log(() -> "closing " + c.address + ": its last message not written" +
                    (c.awaitingLogoutAnswer() ? " or answered" : "") + " within " + options.logoutTimeoutMillis +
                    " ms");
                closeNow(c);
            }
            else if (c.state == NativeConnection.State.OPEN)
            {
                c.session.protocol.onTimer(now, c);
            }
            else if ((c.state == NativeConnection.State.AWAITING_LOGON || c.state == NativeConnection.State.PENDING) &&
                now - c.acceptedNanos > logonTimeout)
            {
                log.log(() -> "closing " + c.address + ": no logon within " + options.logonTimeoutMillis + " ms");
                closeNow(c);
            }
        }
        refusals.answerDue(now);
    }

    /**
     * Binds an authenticated connection to its participant's session. The session's lock orders this against the
     * unbinding on another loop of the connection it had before.
     */
    void bind(final NativeConnection c)
    {
        if (c.state != NativeConnection.State.PENDING)
        {
            return;
        }
        if (closing)
        {
            closeNow(c); // verified while the server began to stop: not logged on
            return;
        }
        releaseCount(c);
        final Participant p = context.authenticator().participant(c.logon.senderCompId());
        final NativeSession session;
        try
        {
            session = context.sessions().session(p);
        }
        catch (final IllegalArgumentException ex)
        {
            LOG.error("closing {}: the session of {} cannot start: {}", c.address, p.id(), ex.getMessage());
            closeNow(c);
            return;
        }
        if (!session.bind(c))
        {
            log.log(() -> "closing " + c.address + ": " + p.id() + " is already logged on");
            closeNow(c);
            return;
        }
        c.session = session;
        c.state = NativeConnection.State.OPEN;
        LOG.info("logon {}", p.id());
        if (!c.decodeLogon(decoder))
        {
            closeNow(c);
            return;
        }
        try
        {
            session.protocol.onLogon(decoder, c);
            if (c.state == NativeConnection.State.OPEN && !c.process(decoder))
            {
                closeNow(c);
            }
        }
        catch (final RuntimeException ex)
        {
            // as in ready(): a bug met by one connection's bytes closes that connection only
            LOG.error("closing {} after an unexpected error at its logon", c.address, ex);
            closeNow(c);
        }
    }

    /** This loop's refused Logons, answered after the refusal delay. */
    NativeRefusals refusals()
    {
        return refusals;
    }

    /** Closes {@code c} at once. */
    void closeNow(final NativeConnection c)
    {
        if (c.state == NativeConnection.State.CLOSED)
        {
            return;
        }
        final NativeConnection.State was = c.state;
        c.state = NativeConnection.State.CLOSED;
        connections.remove(c);
        releaseCount(c);
        c.discardOutput();
        if (c.session != null && c.session.unbind(c) && was == NativeConnection.State.OPEN)
        {
            LOG.info("logout {}", c.session.participant.id()); // only the bound connection's end ends the logon
        }
        closeChannel(c);
    }

    private void releaseCount(final NativeConnection c)
    {
        if (c.place != null)
        {
            context.unauthenticated().release(c.place);
            c.place = null;
        }
    }

    /**
     * {@code c}'s place among the connections not logged on went to another address's: closed, unless it is logged on
     * or its password was verified (its bind follows).
     */
    void evicted(final NativeConnection c)
    {
        if (c.place != null && !c.verified && c.state != NativeConnection.State.CLOSED)
        {
            log.log(() -> "closing " + c.address + ": its place among the connections not logged on went to another" +
                " address");
            closeNow(c);
        }
    }

    /**
     * The server is stopping: from now on no connection binds to a session; every open session of this loop is sent a
     * Logout, its connection closed at the answer or after {@link GatewayOptions#logoutTimeoutMillis}, and
     * connections not logged on are closed. A connection already {@link NativeConnection#closing closing} (a Logout
     * sent, its close not yet run) is sent nothing more: a second Logout would take a sequence number the client never
     * sees. Any thread.
     */
    void logoutAll()
    {
        closing = true;
        execute(() ->
        {
            for (final NativeConnection c : new ArrayList<>(connections))
            {
                if (c.state == NativeConnection.State.OPEN)
                {
                    if (!c.closing())
                    {
                        c.session.protocol.logout(c, null);
                    }
                }
                else
                {
                    closeNow(c);
                }
            }
        });
    }

    /**
     * Stops the thread, which closes what is left open and the selector as it ends. Waits for it up to 2 s; a thread
     * still busy then closes them when it gets there. Any thread but this loop's.
     */
    void stop()
    {
        running = false;
        if (thread.getState() == Thread.State.NEW)
        {
            closeSelector(); // never started: it owns nothing else
            return;
        }
        selector.wakeup();
        try
        {
            thread.join(2_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive())
        {
            LOG.warn("{} did not stop within 2 s; it closes its connections when it does", thread.getName());
        }
    }

    boolean alive()
    {
        return thread.isAlive();
    }

    private static void closeChannel(final NativeConnection c)
    {
        try
        {
            c.channel.close();
        }
        catch (final IOException ex)
        {
            LOG.debug("closing {}", c.address, ex);
        }
    }
}
