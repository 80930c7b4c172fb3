package by.butb.gateway;

import quickfix.Application;
import quickfix.ConfigError;
import quickfix.FieldNotFound;
import quickfix.LogFactory;
import quickfix.Message;
import quickfix.MessageFactory;
import quickfix.MessageStoreFactory;
import quickfix.Responder;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.ThreadedSocketAcceptor;
import quickfix.field.MsgType;
import quickfix.mina.EventHandlingStrategy;
import quickfix.mina.SessionConnector;

/**
 * A QuickFIX/J threaded acceptor (one thread per session) whose sessions write through a
 * {@link CoalescingResponder}, installed when a Logon binds a connection to its session. Connections reach it only
 * once authenticated ({@link LogonGate}).
 */
final class GatewayAcceptor extends ThreadedSocketAcceptor
{
    private final Coalescing coalescing;

    GatewayAcceptor(final Application application, final MessageStoreFactory storeFactory,
        final SessionSettings settings, final LogFactory logFactory, final MessageFactory messageFactory,
        final int queueCapacity) throws ConfigError
    {
        super(application, storeFactory, settings, logFactory, messageFactory, queueCapacity);
        coalescing = new Coalescing(super.getEventHandlingStrategy());
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

        Coalescing(final EventHandlingStrategy delegate)
        {
            this.delegate = delegate;
        }

        @Override
        public void onMessage(final Session session, final Message message)
        {
            if (message != END_OF_STREAM && isLogon(message) && !session.isLoggedOn())
            {
                final Responder responder = session.getResponder();
                if (responder != null && !(responder instanceof CoalescingResponder))
                {
                    session.setResponder(new CoalescingResponder(responder));
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
