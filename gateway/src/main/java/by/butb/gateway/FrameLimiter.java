package by.butb.gateway;

import by.butb.cluster.RateLimitedLog;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;

import java.util.function.Predicate;

/**
 * A socket filter in front of the FIX decoder: each connection's bytes go through a {@link FrameScanner}, and a
 * connection that announces a message larger than the limit (or sends more than the logon limit before it is
 * logged on) is closed before the decoder buffers the message; nothing of it is passed on.
 */
final class FrameLimiter extends IoFilterAdapter
{
    private static final AttributeKey SCANNER = new AttributeKey(FrameLimiter.class, "scanner");

    private final int maxBytesBeforeLogon;
    private final int maxMessageBytes;
    private final Predicate<IoSession> loggedOn;
    private final RateLimitedLog log;

    /** {@code loggedOn}: whether a connection is logged on (any thread; once true, true for good). */
    FrameLimiter(final int maxBytesBeforeLogon, final int maxMessageBytes, final Predicate<IoSession> loggedOn,
        final RateLimitedLog log)
    {
        if (maxBytesBeforeLogon < 256 || maxMessageBytes < 256)
        {
            throw new IllegalArgumentException("message size limits must be at least 256 bytes, got " +
                maxBytesBeforeLogon + " before logon and " + maxMessageBytes + " after");
        }
        this.maxBytesBeforeLogon = maxBytesBeforeLogon;
        this.maxMessageBytes = maxMessageBytes;
        this.loggedOn = loggedOn;
        this.log = log;
    }

    @Override
    public void sessionCreated(final NextFilter next, final IoSession session) throws Exception
    {
        session.setAttribute(SCANNER, new FrameScanner(maxBytesBeforeLogon, maxMessageBytes));
        next.sessionCreated(session);
    }

    @Override
    public void messageReceived(final NextFilter next, final IoSession session, final Object message) throws Exception
    {
        if (message instanceof IoBuffer in && session.getAttribute(SCANNER) instanceof FrameScanner scanner)
        {
            if (session.isClosing())
            {
                in.position(in.limit());
                return;
            }
            final String problem = scanner.scan(in.buf(), loggedOn.test(session));
            if (problem != null)
            {
                log.log(() -> "closing " + session.getRemoteAddress() + ": " + problem);
                in.position(in.limit());
                session.closeNow();
                return;
            }
        }
        next.messageReceived(session, message);
    }
}
