package by.butb.gateway;

import org.apache.mina.core.filterchain.IoFilterChainBuilder;
import org.apache.mina.core.service.IoAcceptor;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.MemoryStoreFactory;
import quickfix.MessageStoreFactory;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.mina.acceptor.AbstractSocketAcceptor;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The QuickFIX/J engine's acceptor as the gateway runs it ({@link FixEngine#QFJ}): its session settings from the
 * options, its message store (files with {@code --fix-store}, else the last {@link GatewayOptions#storedMessages}
 * in memory), one session per participant made from a template ({@link GatewaySessionProvider}), and the gateway's
 * filters on each connection.
 */
final class QfjAcceptorFactory
{
    private QfjAcceptorFactory()
    {
    }

    /**
     * The acceptor, not yet started, with {@code filters} building each connection's filter chain; with
     * {@code --fix-store}, the sessions whose stores are there exist already (so that reports made again at the start
     * are stored in them). Creates nothing that outlives a failure.
     */
    static GatewayAcceptor create(final GatewayOptions o, final Application application,
        final GatewayLogFactory logFactory, final IoFilterChainBuilder filters) throws ConfigError
    {
        final SessionSettings settings = settings(o);
        final MessageStoreFactory storeFactory = storeFactory(o);
        final DefaultMessageFactory messageFactory = new DefaultMessageFactory();
        final SessionID template = new SessionID("FIX.4.4", o.compId, "*");
        final GatewaySessionProvider sessionProvider = new GatewaySessionProvider(settings, template,
            application, storeFactory, logFactory, messageFactory, o.catalog, o.compId);
        final GatewayAcceptor acceptor = new GatewayAcceptor(application, storeFactory, settings, logFactory,
            messageFactory, o.sessionQueueCapacity == 0 ? GatewayOptions.DEFAULT_SESSION_QUEUE_CAPACITY :
            o.sessionQueueCapacity);
        acceptor.setSessionProvider(new InetSocketAddress(o.host, o.port), sessionProvider);
        acceptor.setIoFilterChainBuilder(filters);
        if (o.fixStoreDirectory != null)
        {
            try
            {
                acceptor.keepAcrossStart(sessionProvider.createStoredSessions(acceptor,
                    (QfjSessionStores)storeFactory));
            }
            catch (final RuntimeException ex)
            {
                acceptor.stop(true); // ends the sessions created so far
                throw ex;
            }
        }
        return acceptor;
    }

    /** Where {@code started} listens (the real port when the options ask for port 0). */
    static InetSocketAddress endpoint(final AbstractSocketAcceptor started, final GatewayOptions o)
    {
        InetSocketAddress bound = null;
        for (final IoAcceptor io : started.getEndpoints())
        {
            final SocketAddress local = io.getLocalAddress();
            if (local instanceof InetSocketAddress inet)
            {
                bound = inet;
            }
        }
        return bound == null ? new InetSocketAddress(o.host, o.port) : bound;
    }

    private static MessageStoreFactory storeFactory(final GatewayOptions o)
    {
        if (o.fixStoreDirectory != null)
        {
            return new QfjSessionStores(o.fixStoreDirectory, o.compId, o.catalog);
        }
        if (o.storedMessages == GatewayOptions.STORE_ALL || o.storedMessages == 0)
        {
            return new MemoryStoreFactory(); // with PersistMessages=N it stores nothing but sequence numbers
        }
        return RecentMessageStore.factory(o.storedMessages);
    }

    private static SessionSettings settings(final GatewayOptions o)
    {
        final SessionSettings s = new SessionSettings();
        s.setString("ConnectionType", "acceptor");
        s.setString("SocketAcceptAddress", o.host);
        s.setLong("SocketAcceptPort", o.port);
        s.setString("StartTime", "00:00:00");
        s.setString("EndTime", "00:00:00");
        s.setString("NonStopSession", "Y");
        s.setString("UseDataDictionary", "Y");
        s.setString("DataDictionary", GatewayServer.DATA_DICTIONARY);
        s.setString("ValidateUserDefinedFields", "Y");
        s.setString("ResetOnLogon", "N");
        s.setString("ResetOnLogout", "N");
        s.setString("ResetOnDisconnect", "N");
        s.setString("RefreshOnLogon", "N");
        s.setString("PersistMessages", o.fixStoreDirectory != null || o.storedMessages > 0 ? "Y" : "N");
        s.setString("SocketTcpNoDelay", "Y");
        s.setString("CheckLatency", o.checkLatency && !o.clientTime ? "Y" : "N");
        s.setLong("MaxScheduledWriteRequests", o.maxScheduledWrites);
        s.setString("RejectMessageOnUnhandledException", "Y");
        final SessionID template = new SessionID("FIX.4.4", o.compId, "*");
        s.setString(template, "BeginString", "FIX.4.4");
        s.setString(template, "SenderCompID", o.compId);
        s.setString(template, "TargetCompID", "*");
        s.setString(template, "AcceptorTemplate", "Y");
        return s;
    }
}
