package by.butb.gateway;

import by.butb.engine.model.Catalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Application;
import quickfix.LogFactory;
import quickfix.MessageFactory;
import quickfix.MessageStoreFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.mina.SessionConnector;
import quickfix.mina.acceptor.DynamicAcceptorSessionProvider;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Creates the acceptor sessions on demand: one per participant of the catalog (SenderCompID = participant id,
 * TargetCompID = the exchange), kept for the life of the server so that sequence numbers survive a reconnect.
 * A Logon for anything else (unknown participant, wrong TargetCompID or BeginString) gets a throw-away session
 * that exists only to send the Logout saying why; it is never added to the acceptor and is closed after use
 * (or after a minute, for connections that never sent a Logon).
 */
final class GatewaySessionProvider extends DynamicAcceptorSessionProvider
{
    private static final Logger LOG = LoggerFactory.getLogger(GatewaySessionProvider.class);
    private static final long THROWAWAY_LIFETIME_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Catalog catalog;
    private final String exchangeCompId;
    private final AtomicLong counter = new AtomicLong();
    private final Map<SessionID, Throwaway> throwaways = new ConcurrentHashMap<>();
    private final Map<SessionID, SessionID> byRequest = new ConcurrentHashMap<>();

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
        final String refusal = refusal(sessionID);
        if (refusal == null)
        {
            return super.getSession(sessionID, connector);
        }
        // QuickFIX/J asks twice for the first message of a connection: hand out the same unbound session
        final SessionID reused = byRequest.get(sessionID);
        final Throwaway existing = reused == null ? null : throwaways.get(reused);
        if (existing != null && !existing.session.hasResponder())
        {
            return existing.session;
        }
        purge(false);
        final SessionID throwawayId = new SessionID("FIX.4.4", exchangeCompId, "REFUSED-" + counter.incrementAndGet());
        final Session session = super.getSession(throwawayId, null);
        throwaways.put(throwawayId, new Throwaway(session, refusal, System.nanoTime(), sessionID));
        byRequest.put(sessionID, throwawayId);
        return session;
    }

    /** Why a session id cannot belong to a participant, or null when it can. */
    private String refusal(final SessionID id)
    {
        if (!"FIX.4.4".equals(id.getBeginString()))
        {
            return "BeginString " + id.getBeginString() + " is not supported: use FIX.4.4";
        }
        if (!exchangeCompId.equals(id.getSenderCompID()))
        {
            return "TargetCompID must be " + exchangeCompId;
        }
        if (catalog.participant(id.getTargetCompID()) == null)
        {
            return "unknown participant " + id.getTargetCompID();
        }
        return null;
    }

    /** The refusal text of a throw-away session, or null for a participant's session. */
    String throwawayRefusal(final SessionID id)
    {
        final Throwaway t = throwaways.get(id);
        return t == null ? null : t.refusal;
    }

    boolean isThrowaway(final SessionID id)
    {
        return throwaways.containsKey(id);
    }

    synchronized void discard(final SessionID id)
    {
        final Throwaway t = throwaways.remove(id);
        if (t != null)
        {
            byRequest.remove(t.requested, id);
            close(t.session);
        }
    }

    /** Closes throw-away sessions older than a minute, or all of them. */
    synchronized void purge(final boolean all)
    {
        final long now = System.nanoTime();
        for (final Iterator<Throwaway> it = throwaways.values().iterator(); it.hasNext(); )
        {
            final Throwaway t = it.next();
            if (all || now - t.createdNanos > THROWAWAY_LIFETIME_NANOS)
            {
                it.remove();
                byRequest.remove(t.requested, t.session.getSessionID());
                if (t.session.hasResponder())
                {
                    t.session.getResponder().disconnect();
                }
                close(t.session);
            }
        }
    }

    int throwawayCount()
    {
        return throwaways.size();
    }

    private static void close(final Session session)
    {
        try
        {
            session.close();
        }
        catch (final IOException ex)
        {
            LOG.debug("closing a throw-away session", ex);
        }
    }

    private record Throwaway(Session session, String refusal, long createdNanos, SessionID requested)
    {
    }
}
