package by.butb.gateway;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.Participant;
import quickfix.Application;
import quickfix.LogFactory;
import quickfix.MessageFactory;
import quickfix.MessageStoreFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.mina.SessionConnector;
import quickfix.mina.acceptor.DynamicAcceptorSessionProvider;

import java.util.ArrayList;
import java.util.List;

/**
 * Creates the acceptor sessions on demand, one per participant of the catalog (SenderCompID = the exchange,
 * TargetCompID = the participant id), kept for the life of the server so that sequence numbers survive a
 * reconnect. For any other session id there is none (null): the {@link LogonGate} lets only authenticated
 * participants' Logons through, so that is a second line only.
 */
final class GatewaySessionProvider extends DynamicAcceptorSessionProvider
{
    private final Catalog catalog;
    private final String exchangeCompId;

    GatewaySessionProvider(final SessionSettings settings, final SessionID templateId, final Application application,
        final MessageStoreFactory storeFactory, final LogFactory logFactory, final MessageFactory messageFactory,
        final Catalog catalog, final String exchangeCompId)
    {
        super(settings, templateId, application, storeFactory, logFactory, messageFactory);
        this.catalog = catalog;
        this.exchangeCompId = exchangeCompId;
    }

    @Override
    public synchronized Session getSession(final SessionID sessionID, final SessionConnector connector)
    {
        final boolean participant = "FIX.4.4".equals(sessionID.getBeginString()) &&
            exchangeCompId.equals(sessionID.getSenderCompID()) &&
            catalog.participant(sessionID.getTargetCompID()) != null &&
            Outbound.sessionId(exchangeCompId, sessionID.getTargetCompID()).equals(sessionID);
        return participant ? super.getSession(sessionID, connector) : null;
    }

    /**
     * Before the acceptor starts: creates the session of each participant whose store is in {@code stores}, so that
     * what is sent to it before it logs on again (a fill of its resting order, a report made again after a kill) is
     * stored for it and reaches it on its next logon, as the native engine keeps the sessions whose stores it finds.
     * Returns them, to be kept {@code connector}'s across its start ({@link GatewayAcceptor#keepAcrossStart}).
     */
    List<Session> createStoredSessions(final SessionConnector connector, final QfjSessionStores stores)
    {
        final List<Session> created = new ArrayList<>();
        for (final Participant p : catalog.participants())
        {
            if (stores.exists(exchangeCompId, p.id()))
            {
                final Session session = getSession(Outbound.sessionId(exchangeCompId, p.id()), connector);
                if (session != null)
                {
                    created.add(session);
                }
            }
        }
        return created;
    }
}
