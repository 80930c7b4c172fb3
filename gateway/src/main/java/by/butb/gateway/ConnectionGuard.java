package by.butb.gateway;

import by.butb.cluster.RateLimitedLog;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;
import org.apache.mina.filter.codec.ProtocolDecoderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Session;
import quickfix.mina.SessionConnector;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A socket filter in front of the FIX codec: a connection that is not logged on within the logon timeout is
 * closed, and so is a connection whose byte stream cannot be framed as FIX any more (more than 4 KiB of garbage,
 * which QuickFIX/J reports but would otherwise keep reading forever), and one whose unwritten output passes
 * {@code maxScheduledBytes} (a slow consumer: QuickFIX/J's own limit counts writes, and a write of the gateway's
 * sending thread may carry many messages, see {@link CoalescingResponder}). What it closes before logon is
 * logged through the rate-limited connection log, whose summaries its timer also writes.
 */
final class ConnectionGuard extends IoFilterAdapter implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

    private static final long LOG_FLUSH_SECONDS = 10;

    private final long logonTimeoutMillis;
    private final long maxScheduledBytes;
    private final long maxTotalBytes;
    private final RateLimitedLog connectionLog;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r ->
    {
        final Thread t = new Thread(r, "butb-gateway-guard");
        t.setDaemon(true);
        return t;
    });

    /**
     * {@code maxScheduledBytes} 0 or less: no limit on a session's unwritten output. {@code maxTotalBytes}: the
     * bound on all sessions' together, beyond which a session is closed when it is written to by the rule of
     * {@link OutboundBudget#overBudget} ({@link GatewayOptions#maxTotalBacklogBytes}). {@code flushOtherLogs}: run
     * with the connection log's flush, every {@value #LOG_FLUSH_SECONDS} s, for other rate-limited logs' summaries.
     */
    ConnectionGuard(final long logonTimeoutMillis, final long maxScheduledBytes, final long maxTotalBytes,
        final RateLimitedLog connectionLog, final Runnable flushOtherLogs)
    {
        this.logonTimeoutMillis = logonTimeoutMillis;
        this.maxScheduledBytes = maxScheduledBytes;
        this.maxTotalBytes = maxTotalBytes;
        this.connectionLog = connectionLog;
        timer.scheduleWithFixedDelay(() ->
        {
            connectionLog.flush();
            flushOtherLogs.run();
        }, LOG_FLUSH_SECONDS, LOG_FLUSH_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void filterWrite(final NextFilter next, final IoSession session, final WriteRequest request)
        throws Exception
    {
        next.filterWrite(session, request);
        final long own = session.getScheduledWriteBytes();
        if (maxScheduledBytes > 0 && own > maxScheduledBytes && !session.isClosing())
        {
            LOG.warn("closing {}: slow consumer, {} bytes not yet written", session.getRemoteAddress(), own);
            session.closeNow();
            return;
        }
        final long total = session.getService().getStatistics().getScheduledWriteBytes();
        if (OutboundBudget.overBudget(total, maxTotalBytes, own) && !session.isClosing())
        {
            LOG.warn("closing {}: slow consumer, {} bytes not yet written while all sessions together have {}" +
                " (bound {})", session.getRemoteAddress(), own, total, maxTotalBytes);
            session.closeNow();
        }
    }

    @Override
    public void sessionOpened(final NextFilter next, final IoSession session) throws Exception
    {
        timer.schedule(() ->
        {
            if (session.isConnected() && !loggedOn(session))
            {
                connectionLog.log(() -> "closing " + session.getRemoteAddress() + ": no logon within " +
                    logonTimeoutMillis + " ms");
                session.closeNow();
            }
        }, logonTimeoutMillis, TimeUnit.MILLISECONDS);
        next.sessionOpened(session);
    }

    @Override
    public void exceptionCaught(final NextFilter next, final IoSession session, final Throwable cause) throws Exception
    {
        if (cause instanceof ProtocolDecoderException)
        {
            connectionLog.log(() -> "closing " + session.getRemoteAddress() + ": the byte stream is not FIX (" +
                cause.getMessage() + ")");
            session.closeNow();
        }
        next.exceptionCaught(session, cause);
    }

    private static boolean loggedOn(final IoSession session)
    {
        final Object qf = session.getAttribute(SessionConnector.QF_SESSION);
        return qf instanceof Session s && s.isLoggedOn();
    }

    @Override
    public void close()
    {
        timer.shutdownNow();
    }
}
