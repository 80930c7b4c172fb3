package by.butb.gateway;

import by.butb.engine.model.Participant;
import quickfix.Message;
import quickfix.SessionID;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The native engine's sessions, one per participant that logged on since the server started (kept across its
 * connections), as the gateway's sending thread sees them ({@link FixSessions}): what that thread sends during a
 * batch is flushed to each connection once, at {@link #endBatch}; what other threads send is flushed at once.
 */
final class NativeSessions implements FixSessions
{
    private final String exchangeCompId;
    private final int storedMessages;
    private final ConcurrentHashMap<SessionID, NativeSession> byId = new ConcurrentHashMap<>();
    private NativeSessionProtocol.Settings settings;
    /** The thread with an open batch, or null. */
    private volatile Thread batchThread;
    /** Batch thread only. */
    private final List<NativeConnection> dirty = new ArrayList<>();

    NativeSessions(final String exchangeCompId, final int storedMessages)
    {
        this.exchangeCompId = exchangeCompId;
        this.storedMessages = storedMessages;
    }

    /** Set once, before the first session is created. */
    void settings(final NativeSessionProtocol.Settings protocolSettings)
    {
        this.settings = protocolSettings;
    }

    /** The session of {@code p}, created at its first logon. */
    NativeSession session(final Participant p)
    {
        return byId.computeIfAbsent(Outbound.sessionId(exchangeCompId, p.id()),
            id -> new NativeSession(p, exchangeCompId, storedMessages, settings));
    }

    boolean anyBound()
    {
        for (final NativeSession s : byId.values())
        {
            if (s.connection() != null)
            {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean exists(final SessionID id)
    {
        return byId.containsKey(id);
    }

    @Override
    public boolean loggedOn(final SessionID id)
    {
        final NativeSession s = byId.get(id);
        return s != null && s.loggedOn();
    }

    @Override
    public boolean send(final SessionID id, final Message message)
    {
        final NativeSession s = byId.get(id);
        if (s == null)
        {
            return false;
        }
        written(s.send(message));
        return true;
    }

    @Override
    public boolean sendMarketData(final SessionID id, final MarketDataMessage message)
    {
        final NativeSession s = byId.get(id);
        if (s == null)
        {
            return false;
        }
        written(s.send(message));
        return true;
    }

    @Override
    public boolean sendReport(final SessionID id, final OrderReport report)
    {
        final NativeSession s = byId.get(id);
        if (s == null)
        {
            return false;
        }
        written(s.send(report));
        return true;
    }

    /** {@code c} (null: none) has new output: flushed at the end of the batch, or now outside one. */
    private void written(final NativeConnection c)
    {
        if (c != null)
        {
            if (Thread.currentThread() == batchThread)
            {
                if (!c.inBatch)
                {
                    c.inBatch = true;
                    dirty.add(c);
                }
            }
            else
            {
                c.flush();
            }
        }
    }

    @Override
    public int[] sequenceNumbers(final SessionID id)
    {
        final NativeSession s = byId.get(id);
        return s == null ? null : new int[] {s.nextSenderSeq(), s.protocol.nextTargetSeq()};
    }

    @Override
    public void beginBatch()
    {
        batchThread = Thread.currentThread();
    }

    @Override
    public void endBatch()
    {
        batchThread = null;
        for (int i = 0; i < dirty.size(); i++)
        {
            final NativeConnection c = dirty.get(i);
            c.inBatch = false;
            c.flush();
        }
        dirty.clear();
    }
}
