package by.butb.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import quickfix.field.BeginString;
import quickfix.field.MsgSeqNum;
import quickfix.field.MsgType;
import quickfix.field.SenderCompID;
import quickfix.field.SendingTime;
import quickfix.field.TargetCompID;
import quickfix.field.Text;
import quickfix.mina.EventHandlingStrategy;
import quickfix.mina.SessionConnector;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A QuickFIX/J threaded acceptor (one thread per session) that authenticates every Logon <em>before</em> the
 * session sees it. A refused Logon is answered with a Logout whose Text says why and the connection is closed,
 * without touching the session's state: its sequence numbers and stored messages stay as they were (an impostor
 * cannot reset or advance a participant's sequence numbers), and no application callback runs.
 */
final class GatewayAcceptor extends ThreadedSocketAcceptor
{
    private static final Logger LOG = LoggerFactory.getLogger(GatewayAcceptor.class);

    private final Guard guard;

    GatewayAcceptor(final Application application, final MessageStoreFactory storeFactory,
        final SessionSettings settings, final LogFactory logFactory, final MessageFactory messageFactory,
        final int queueCapacity, final Authenticator authenticator, final GatewaySessionProvider provider)
        throws ConfigError
    {
        super(application, storeFactory, settings, logFactory, messageFactory, queueCapacity);
        guard = new Guard(super.getEventHandlingStrategy(), authenticator, provider);
    }

    @Override
    protected EventHandlingStrategy getEventHandlingStrategy()
    {
        return guard == null ? super.getEventHandlingStrategy() : guard;
    }

    /** Connections whose Logon was refused and that are still closing. */
    int refusing()
    {
        return guard.refusing.size();
    }

    private static final class Guard implements EventHandlingStrategy
    {
        private final EventHandlingStrategy delegate;
        private final Authenticator authenticator;
        private final GatewaySessionProvider provider;
        final Set<SessionID> refusing = ConcurrentHashMap.newKeySet();

        Guard(final EventHandlingStrategy delegate, final Authenticator authenticator,
            final GatewaySessionProvider provider)
        {
            this.delegate = delegate;
            this.authenticator = authenticator;
            this.provider = provider;
        }

        @Override
        public void onMessage(final Session session, final Message message)
        {
            final SessionID id = session.getSessionID();
            if (message == END_OF_STREAM)
            {
                if (refusing.remove(id))
                {
                    // The refused connection is closed: free the session for its rightful owner.
                    session.setResponder(null);
                    provider.discard(id);
                    return;
                }
                if (provider.isThrowaway(id))
                {
                    provider.discard(id);
                    return;
                }
                delegate.onMessage(session, message);
                return;
            }
            if (refusing.contains(id))
            {
                return; // what a refused connection sent after its Logon
            }
            if (isLogon(message) && !session.isLoggedOn())
            {
                String refusal = provider.throwawayRefusal(id);
                if (refusal == null)
                {
                    refusal = authenticator.refusal(message);
                }
                if (refusal != null)
                {
                    refuse(session, message, refusal);
                    return;
                }
                final Responder responder = session.getResponder();
                if (responder != null && !(responder instanceof CoalescingResponder))
                {
                    session.setResponder(new CoalescingResponder(responder));
                }
            }
            else if (provider.isThrowaway(id))
            {
                return;
            }
            delegate.onMessage(session, message);
        }

        private void refuse(final Session session, final Message logon, final String refusal)
        {
            final SessionID id = session.getSessionID();
            refusing.add(id);
            String begin = "FIX.4.4";
            String sender = "";
            String target = "";
            try
            {
                begin = logon.getHeader().getString(BeginString.FIELD);
                sender = logon.getHeader().getString(SenderCompID.FIELD);
                target = logon.getHeader().getString(TargetCompID.FIELD);
            }
            catch (final FieldNotFound ex)
            {
                // answer with what we have
            }
            int seq = 1;
            if (!provider.isThrowaway(id))
            {
                try
                {
                    seq = session.getStore().getNextSenderMsgSeqNum();
                }
                catch (final IOException ex)
                {
                    seq = 1;
                }
            }
            final Message logout = new Message();
            logout.getHeader().setString(BeginString.FIELD, begin);
            logout.getHeader().setString(MsgType.FIELD, MsgType.LOGOUT);
            logout.getHeader().setString(SenderCompID.FIELD, target);
            logout.getHeader().setString(TargetCompID.FIELD, sender);
            logout.getHeader().setInt(MsgSeqNum.FIELD, seq);
            logout.getHeader().setField(new SendingTime(LocalDateTime.now(ZoneOffset.UTC)));
            logout.setString(Text.FIELD, refusal);
            LOG.info("logon refused for '{}': {}", sender, refusal);
            final Responder responder = session.getResponder();
            if (responder != null)
            {
                responder.send(logout.toString());
                responder.disconnect();
            }
            else
            {
                refusing.remove(id);
            }
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
