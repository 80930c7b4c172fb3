package by.butb.gateway;

import by.butb.engine.model.Participant;
import by.butb.gateway.fix.FixDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The native FIX engine's listener and its one I/O thread ({@code butb-gateway-fix-io}): non-blocking accept, read,
 * decode, session protocol and order submission for every connection, and the writes the socket could not take at
 * once; a tick every {@value #TICK_MILLIS} ms sends heartbeats and test requests, closes connections that did not
 * log on in time and answers refused Logons once their delay has passed. Other threads hand it work through
 * {@link #execute} (bindings after a verified password, refusals, closes). Connections not logged on are bounded
 * ({@link UnauthenticatedConnections}) as with the QuickFIX/J engine.
 */
final class NativeAcceptor implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(NativeAcceptor.class);
    private static final long TICK_MILLIS = 20;

    private final GatewayOptions options;
    private final NativeSessions sessions;
    private final Authenticator authenticator;
    private final LogonScheduler scheduler;
    private final UnauthenticatedConnections unauthenticated;
    private final RateLimitedLog log;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final FixDecoder decoder = new FixDecoder();
    /** The I/O thread's handler of each ready key: one object, so that a select creates none. */
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
    /** I/O thread: open connections, and refusals waiting for their delay. */
    private final Set<NativeConnection> connections = new HashSet<>();
    private final List<Refusal> refusals = new ArrayList<>();
    private final long refusalDelayNanos;
    private final IdleWait idleWait;
    private volatile boolean running = true;

    NativeAcceptor(final GatewayOptions options, final NativeSessions sessions, final Authenticator authenticator,
        final LogonScheduler scheduler, final UnauthenticatedConnections unauthenticated, final RateLimitedLog log)
    {
        this.options = options;
        this.sessions = sessions;
        this.authenticator = authenticator;
        this.scheduler = scheduler;
        this.unauthenticated = unauthenticated;
        this.log = log;
        this.refusalDelayNanos = TimeUnit.MILLISECONDS.toNanos(options.logonRefusalDelayMillis);
        this.idleWait = IdleWait.of(options.waitStrategy);
        Selector openedSelector = null;
        ServerSocketChannel openedServer = null;
        try
        {
            openedSelector = Selector.open();
            openedServer = ServerSocketChannel.open();
            openedServer.bind(new InetSocketAddress(options.host, options.port));
            openedServer.configureBlocking(false);
            openedServer.register(openedSelector, SelectionKey.OP_ACCEPT);
        }
        catch (final IOException ex)
        {
            closeQuietly(openedServer);
            closeQuietly(openedSelector);
            throw new UncheckedIOException(ex);
        }
        selector = openedSelector;
        server = openedServer;
        thread = new Thread(this::run, "butb-gateway-fix-io");
        thread.setDaemon(true);
        thread.start();
    }

    InetSocketAddress address()
    {
        try
        {
            return (InetSocketAddress)server.getLocalAddress();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    Authenticator authenticator()
    {
        return authenticator;
    }

    LogonScheduler scheduler()
    {
        return scheduler;
    }

    RateLimitedLog log()
    {
        return log;
    }

    /** Runs {@code task} on the I/O thread, soon. Any thread. */
    void execute(final Runnable task)
    {
        tasks.add(task);
        selector.wakeup();
    }

    /** {@code c} has output the socket did not take: write it when the socket is writable. Any thread. */
    void wantWrite(final NativeConnection c)
    {
        final SelectionKey key = c.key;
        if (key != null && key.isValid())
        {
            key.interestOpsOr(SelectionKey.OP_WRITE);
            selector.wakeup();
        }
    }

    // ---------------------------------------------------------------- the I/O thread

    private void run()
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
    }

    private void ready(final SelectionKey key) throws IOException
    {
        if (!key.isValid())
        {
            return;
        }
        if (key.isAcceptable())
        {
            accept();
            return;
        }
        final NativeConnection c = (NativeConnection)key.attachment();
        if (key.isWritable())
        {
            key.interestOps(SelectionKey.OP_READ);
            c.flush();
        }
        if (key.isValid() && key.isReadable())
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

    private void accept() throws IOException
    {
        SocketChannel channel;
        while ((channel = server.accept()) != null)
        {
            final String address = SourceAddress.of(channel.getRemoteAddress());
            if (!unauthenticated.admit(address))
            {
                final Object remote = channel.getRemoteAddress();
                log.log(() -> "closing " + remote + ": too many connections not logged on");
                channel.close();
                continue;
            }
            channel.configureBlocking(false);
            channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            final NativeConnection c = new NativeConnection(channel, address, this,
                new FrameScanner(options.maxBytesBeforeLogon, options.maxMessageSize),
                options.maxMessageSize + 64 * 1024, (long)options.maxScheduledWrites * 1024);
            c.counted = true;
            c.key = channel.register(selector, SelectionKey.OP_READ, c);
            connections.add(c);
        }
    }

    private void tick(final long now)
    {
        final long logonTimeout = TimeUnit.MILLISECONDS.toNanos(options.logonTimeoutMillis);
        for (final NativeConnection c : new ArrayList<>(connections))
        {
            if (c.state == NativeConnection.State.OPEN)
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
        for (final Iterator<Refusal> it = refusals.iterator(); it.hasNext(); )
        {
            final Refusal r = it.next();
            if (now - r.dueNanos >= 0)
            {
                it.remove();
                if (r.connection.state == NativeConnection.State.CLOSED)
                {
                    continue;
                }
                final byte[] logout = r.logout.getBytes(StandardCharsets.ISO_8859_1);
                r.connection.append(logout, 0, logout.length);
                r.connection.closeAfterFlush();
            }
        }
    }

    /** On the I/O thread: binds an authenticated connection to its participant's session. */
    void bind(final NativeConnection c)
    {
        if (c.state != NativeConnection.State.PENDING)
        {
            return;
        }
        releaseCount(c);
        final Participant p = authenticator.participant(c.logon.senderCompId());
        final NativeSession session;
        try
        {
            session = sessions.session(p);
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
        session.protocol.onLogon(decoder, c);
        if (c.state == NativeConnection.State.OPEN && !c.process(decoder))
        {
            closeNow(c);
        }
    }

    /** On the I/O thread: a refused Logon is answered with a Logout after the refusal delay, then closed. */
    void refuse(final NativeConnection c, final Authenticator.Verdict verdict)
    {
        if (c.state != NativeConnection.State.PENDING)
        {
            return;
        }
        c.state = NativeConnection.State.REFUSED;
        log.log(() -> "logon refused from " + c.address + " for SenderCompID " +
            Authenticator.printable(c.logon.senderCompId()) + ": " + verdict.reason());
        refusals.add(new Refusal(c, c.logonNanos + refusalDelayNanos, LogonGate.logout(c.logon, verdict.reply())));
    }

    /** On the I/O thread: closes {@code c} at once. */
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
        if (c.session != null && c.session.unbind(c))
        {
            c.session.protocol.disconnected(); // only the bound connection's end ends the session's logon
            if (was == NativeConnection.State.OPEN)
            {
                LOG.info("logout {}", c.session.participant.id());
            }
        }
        try
        {
            c.channel.close();
        }
        catch (final IOException ex)
        {
            LOG.debug("closing {}", c.address, ex);
        }
    }

    private void releaseCount(final NativeConnection c)
    {
        if (c.counted)
        {
            c.counted = false;
            unauthenticated.release(c.address);
        }
    }

    /** Logs every session out, closes every connection and the listener, and stops the I/O thread. */
    @Override
    public void close()
    {
        execute(() ->
        {
            for (final NativeConnection c : new ArrayList<>(connections))
            {
                if (c.state == NativeConnection.State.OPEN)
                {
                    c.session.protocol.logoutAndClose(c, null);
                }
            }
        });
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (thread.isAlive() && System.nanoTime() < deadline && sessions.anyBound())
        {
            try
            {
                Thread.sleep(5);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                break;
            }
        }
        running = false;
        selector.wakeup();
        try
        {
            thread.join(2_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        for (final NativeConnection c : connections)
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
        try
        {
            server.close();
            selector.close();
        }
        catch (final IOException ex)
        {
            LOG.debug("closing the listener", ex);
        }
    }

    private static void closeQuietly(final java.io.Closeable closeable)
    {
        if (closeable == null)
        {
            return;
        }
        try
        {
            closeable.close();
        }
        catch (final IOException ex)
        {
            LOG.debug("closing after a failed start", ex);
        }
    }

    private record Refusal(NativeConnection connection, long dueNanos, String logout)
    {
    }
}
