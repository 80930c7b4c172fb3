package by.butb.gateway;

import org.apache.mina.core.service.IoAcceptor;
import org.apache.mina.core.session.IoSession;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.FieldNotFound;
import quickfix.LogFactory;
import quickfix.Message;
import quickfix.MessageFactory;
import quickfix.MessageStoreFactory;
import quickfix.Responder;
import quickfix.RuntimeError;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.ThreadedSocketAcceptor;
import quickfix.field.MsgType;
import quickfix.mina.EventHandlingStrategy;
import quickfix.mina.SessionConnector;
import quickfix.mina.ThreadPerSessionEventHandlingStrategy;

import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A QuickFIX/J threaded acceptor (one thread per session) whose sessions write through a
 * {@link CoalescingResponder}, installed when a Logon binds a connection to its session. Connections reach it only
 * once authenticated ({@link LogonGate}).
 */
final class GatewayAcceptor extends ThreadedSocketAcceptor
{
    private final Coalescing coalescing;
    /** Sessions created before {@link #start}. */
    private final List<Session> createdBeforeStart = new ArrayList<>();

    GatewayAcceptor(final Application application, final MessageStoreFactory storeFactory,
        final SessionSettings settings, final LogFactory logFactory, final MessageFactory messageFactory,
        final int queueCapacity) throws ConfigError
    {
        super(application, storeFactory, settings, logFactory, messageFactory, queueCapacity);
        coalescing = new Coalescing(super.getEventHandlingStrategy(), this::connectionOf);
    }

    /**
     * The connection QuickFIX/J has just bound to {@code session} for its Logon (the one attached to the session
     * whose remote address is the responder's), or null; it scans the acceptor's connections, once per logon.
     */
    private IoSession connectionOf(final Session session, final Responder responder)
    {
        for (final IoAcceptor endpoint : getEndpoints())
        {
            for (final IoSession connection : endpoint.getManagedSessions().values())
            {
                final SocketAddress remote = connection.getRemoteAddress();
                if (connection.getAttribute(SessionConnector.QF_SESSION) == session && remote != null &&
                    remote.toString().equals(responder.getRemoteAddress()))
                {
                    return connection;
                }
            }
        }
        return null;
    }

    /** Before {@link #start}: {@code sessions}, created already, stay this acceptor's once it has started. */
    void keepAcrossStart(final List<Session> sessions)
    {
        createdBeforeStart.addAll(sessions);
    }

    /**
     * Starts accepting. Starting rebuilds the acceptor's map of sessions from its settings, which hold only the
     * template ({@code SessionConnector.setSessions}): the sessions created before are added again, also when it
     * could not start, so that its timer drives them and {@link #stop} ends them.
     */
    @Override
    public void start() throws ConfigError, RuntimeError
    {
        try
        {
            super.start();
        }
        finally
        {
            for (final Session session : createdBeforeStart)
            {
                addDynamicSession(session);
            }
        }
    }

    /**
     * Disconnects every session (QuickFIX/J logs it out without waiting), stops accepting connections and stops
     * the sessions' threads, so that no message reaches the engine any more; keeps the sessions: what is sent to them
     * until {@link #stop} (the reports of the commands the engine drains as it closes) is stored for their next
     * logon.
     */
    void logOutAndStopAccepting()
    {
        logoutAllSessions(true);
        stopAcceptingConnections();
        if (coalescing.delegate instanceof ThreadPerSessionEventHandlingStrategy threads)
        {
            threads.stopDispatcherThreads();
        }
    }

    /**
     * Before QuickFIX/J hears that {@code connection} closed (on MINA's thread): unless the session it logged on to
     * still writes to it, the connection is detached from the session, so that QuickFIX/J does not queue an end of
     * stream for that session. Queued, it would be read on the session's thread after a new connection had logged on
     * and would disconnect that one (quickfix-j/quickfixj#1243): a connection whose session QuickFIX/J has already
     * disconnected (a refused Logon, a Logout) has nothing left to end.
     */
    static void detachIfReplaced(final IoSession connection)
    {
        if (!(connection.getAttribute(SessionConnector.QF_SESSION) instanceof Session session))
        {
            return;
        }
        final Responder responder = session.getResponder();
        final SocketAddress remote = connection.getRemoteAddress();
        if (responder == null || remote == null || !remote.toString().equals(responder.getRemoteAddress()))
        {
            connection.removeAttribute(SessionConnector.QF_SESSION);
        }
    }

    @Override
    protected EventHandlingStrategy getEventHandlingStrategy()
    {
        return coalescing == null ? super.getEventHandlingStrategy() : coalescing;
    }

    /** Wraps the responder QuickFIX/J has just bound for a Logon, then hands every event on. */
    private static final class Coalescing implements EventHandlingStrategy
    {
        private final EventHandlingStrategy delegate;
        private final BiFunction<Session, Responder, IoSession> connectionOf;

        Coalescing(final EventHandlingStrategy delegate, final BiFunction<Session, Responder, IoSession> connectionOf)
        {
            this.delegate = delegate;
            this.connectionOf = connectionOf;
        }

        @Override
        public void onMessage(final Session session, final Message message)
        {
            if (message != END_OF_STREAM && isLogon(message) && !session.isLoggedOn())
            {
                final Responder responder = session.getResponder();
                if (responder != null && !(responder instanceof CoalescingResponder))
                {
                    session.setResponder(new CoalescingResponder(responder, connectionOf.apply(session, responder)));
                }
            }
            delegate.onMessage(session, message);
        }

        private static boolean isLogon(final Message message)
        {
            try
            {
                return MsgType.LOGON.equals(message.getHeader().getString(MsgType.FIELD));
            }
            catch (final FieldNotFound ex)
            {
                return false;
            }
        }

        @Override
        public SessionConnector getSessionConnector()
        {
            return delegate.getSessionConnector();
        }

        @Override
        public int getQueueSize()
        {
            return delegate.getQueueSize();
        }

        @Override
        public int getQueueSize(final SessionID sessionID)
        {
            return delegate.getQueueSize(sessionID);
        }
    }
}
