package by.butb.gateway;

import by.butb.cluster.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The native FIX engine's listener and its I/O threads ({@link NativeIoLoop}, {@link GatewayOptions#ioThreads} of
 * them: {@code butb-gateway-fix-io}, or {@code butb-gateway-fix-io-K} when there are several). The first loop also
 * accepts; each new connection goes to the next loop in turn and stays there until it closes. Connections not
 * logged on are bounded ({@link UnauthenticatedConnections}) as with the QuickFIX/J engine.
 */
final class NativeAcceptor implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(NativeAcceptor.class);

    private final GatewayOptions options;
    private final NativeSessions sessions;
    private final UnauthenticatedConnections unauthenticated;
    private final RateLimitedLog log;
    private final ServerSocketChannel server;
    private final NativeIoLoop[] loops;
    /** The first loop's thread only: the loop the next connection goes to. */
    private int nextLoop;

    /** {@code handlers}: called once per loop, for its own order and market data handlers. */
    NativeAcceptor(final GatewayOptions options, final NativeSessions sessions, final Authenticator authenticator,
        final LogonScheduler scheduler, final UnauthenticatedConnections unauthenticated, final RateLimitedLog log,
        final Supplier<NativeIoLoop.Handlers> handlers)
    {
        this.options = options;
        this.sessions = sessions;
        this.unauthenticated = unauthenticated;
        this.log = log;
        loops = new NativeIoLoop[options.ioThreads];
        final NativeLoopContext context = new NativeLoopContext(options, sessions, authenticator, scheduler,
            unauthenticated, new OutboundBudget(options.maxTotalBacklogBytes()), log);
        ServerSocketChannel openedServer = null;
        try
        {
            for (int i = 0; i < loops.length; i++)
            {
                loops[i] = new NativeIoLoop(context, handlers.get(),
                    loops.length == 1 ? "butb-gateway-fix-io" : "butb-gateway-fix-io-" + i);
            }
            openedServer = ServerSocketChannel.open();
            openedServer.bind(new InetSocketAddress(options.host, options.port));
            openedServer.configureBlocking(false);
            loops[0].watch(openedServer, this::accept);
        }
        catch (final IOException | RuntimeException ex)
        {
            closeQuietly(openedServer);
            for (final NativeIoLoop loop : loops)
            {
                if (loop != null)
                {
                    loop.stop();
                }
            }
            throw ex instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException)ex;
        }
        server = openedServer;
        for (final NativeIoLoop loop : loops)
        {
            loop.start();
        }
    }

    /** The next pending connection, or null when there is none or the listener is closed (the server stopping). */
    private SocketChannel acceptNext() throws IOException
    {
        try
        {
            return server.accept();
        }
        catch (final ClosedChannelException ex)
        {
            return null;
        }
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

    /** On the first loop's thread. */
    private void accept() throws IOException
    {
        SocketChannel channel;
        while ((channel = acceptNext()) != null)
        {
            final String address = SourceAddress.of(channel.getRemoteAddress());
            final UnauthenticatedConnections.Place place = unauthenticated.admit(address);
            if (place == null)
            {
                final Object remote = channel.getRemoteAddress();
                log.log(() -> "closing " + remote + ": too many connections not logged on");
                channel.close();
                continue;
            }
            channel.configureBlocking(false);
            channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            final NativeIoLoop loop = loops[nextLoop];
            nextLoop = (nextLoop + 1) % loops.length;
            final NativeConnection c = new NativeConnection(channel, address, loop,
                new FrameScanner(options.maxBytesBeforeLogon, options.maxMessageSize),
                options.maxMessageSize + 64 * 1024, options.slowConsumerBytes());
            c.place = place;
            place.onEvict(() -> loop.execute(() -> loop.evicted(c)));
            if (loop == loops[0])
            {
                loop.register(c);
            }
            else
            {
                loop.execute(() -> loop.register(c));
            }
        }
    }

    /**
     * Stops accepting, logs every session out (no connection binds any more), closes every connection, and stops the
     * I/O threads.
     */
    @Override
    public void close()
    {
        closeQuietly(server);
        for (final NativeIoLoop loop : loops)
        {
            loop.logoutAll();
        }
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.logoutTimeoutMillis) +
            TimeUnit.SECONDS.toNanos(1); // the clients' answering Logouts, then the loops close what is left
        while (loops[0].alive() && System.nanoTime() < deadline && sessions.anyBound())
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
        for (final NativeIoLoop loop : loops)
        {
            try
            {
                loop.stop();
            }
            catch (final RuntimeException ex)
            {
                LOG.warn("stopping {}", loop, ex);
            }
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
            LOG.debug("closing the listener", ex);
        }
    }
}
