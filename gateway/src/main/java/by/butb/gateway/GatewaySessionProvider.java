package by.butb.gateway;

import by.butb.engine.model.Catalog;
import quickfix.Application;
import quickfix.LogFactory;
import quickfix.MessageFactory;
import quickfix.MessageStoreFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.mina.SessionConnector;
import quickfix.mina.acceptor.DynamicAcceptorSessionProvider;

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
}
