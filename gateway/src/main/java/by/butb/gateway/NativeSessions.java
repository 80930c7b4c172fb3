package by.butb.gateway;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.Participant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Message;
import quickfix.SessionID;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The native engine's sessions, one per participant that logged on since the server started (kept across its
 * connections) or, with a store directory, that has a {@link NativeSessionStore} there, as the gateway's sending
 * thread sees them ({@link FixSessions}): what that thread sends during a batch is flushed to each connection once,
 * at {@link #endBatch}; with several I/O threads, it is handed to the I/O thread of the session's connection, which
 * encodes and writes it ({@link NativeLoopEncoder}), so that the encoding is spread over the I/O threads too.
 * What other threads send is encoded by them and flushed at once.
 */
final class NativeSessions implements FixSessions
{
    private static final Logger LOG = LoggerFactory.getLogger(NativeSessions.class);
    /**
     * Bytes queued on a connection since its socket was last offered them, from which a batch (or an I/O thread's
     * encoding pass) offers them at once rather than at its end.
     */
    static final int FLUSH_IN_BATCH_BYTES = 64 * 1024;

    private final String exchangeCompId;
    private final int storedMessages;
    /** {@code --fix-store}, or null: sessions in memory. */
    private final Path storeDirectory;
    /** The stores found in {@link #storeDirectory} at start, by participant id, until their sessions exist. */
    private final Map<String, NativeSessionStore> found = new HashMap<>();
    private final ConcurrentHashMap<SessionID, NativeSession> byId = new ConcurrentHashMap<>();
    private NativeSessionProtocol.Settings settings;
    /** The thread with an open batch, or null. */
    private volatile Thread batchThread;
    /** Told of each loop's queue a batch hands messages to; null when no record is kept. Batch thread only. */
    private StoredReports storedReports;
    /** Batch thread only. */
    private final List<NativeConnection> dirty = new ArrayList<>();
    /** Batch thread only: loops given messages to encode in this batch. */
    private final List<NativeIoLoop> toWake = new ArrayList<>();

    /**
     * {@code storeDirectory}: where each session's sequence numbers and sent messages are kept across restarts, or
     * null to keep the last {@code storedMessages} in memory. The stores there are opened (and checked) now: an
     * IllegalArgumentException names a file that is not one ({@link ForeignFixStore} checks for QuickFIX/J's).
     */
    NativeSessions(final String exchangeCompId, final int storedMessages, final Path storeDirectory,
        final Catalog catalog)
    {
        this.exchangeCompId = exchangeCompId;
        this.storedMessages = storedMessages;
        this.storeDirectory = storeDirectory;
        if (storeDirectory != null && Files.isDirectory(storeDirectory))
        {
            openStores(storeDirectory, catalog);
        }
    }

    private void openStores(final Path directory, final Catalog catalog)
    {
        final String prefix = exchangeCompId + "-";
        try (Stream<Path> files = Files.list(directory))
        {
            for (final Path file : (Iterable<Path>)files.sorted()::iterator)
            {
                final String name = file.getFileName().toString();
                if (StoreFiles.isCompactingCopy(name))
                {
                    StoreFiles.deleteQuietly(file); // left by a kill -9 during a compaction; the store itself is whole
                    continue;
                }
                final String participant = name.startsWith(prefix) && name.endsWith(NativeSessionStore.SUFFIX) ?
                    name.substring(prefix.length(), name.length() - NativeSessionStore.SUFFIX.length()) : null;
                if (participant != null && catalog.participant(participant) != null)
                {
                    found.put(participant, NativeSessionStore.open(directory, exchangeCompId, participant));
                }
            }
        }
        catch (final IOException ex)
        {
            close();
            throw new IllegalArgumentException("cannot read the FIX store " + directory + ": " + ex.getMessage(), ex);
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
    }

    /** Before the sending thread starts: it tells {@code stored} of each loop's queue a batch hands messages to. */
    void recordStoresIn(final StoredReports stored)
    {
        this.storedReports = stored;
    }

    /**
     * Set once, before the first session is created; creates the sessions whose stores were found, so that what is
     * sent to them before they log on is kept for them.
     */
    void settings(final NativeSessionProtocol.Settings protocolSettings, final Catalog catalog)
    {
        this.settings = protocolSettings;
        for (final String participant : List.copyOf(found.keySet()))
        {
            session(catalog.participant(participant));
        }
    }

    /**
     * The session of {@code p}, created at its first logon (or at start when its store was found); an
     * IllegalArgumentException, one line, when its store cannot be opened.
     */
    NativeSession session(final Participant p)
    {
        return byId.computeIfAbsent(Outbound.sessionId(exchangeCompId, p.id()), id -> new NativeSession(p,
            exchangeCompId, storedMessages, store(p), settings));
    }

    private NativeSessionStore store(final Participant p)
    {
        final NativeSessionStore store = found.remove(p.id());
        if (store != null || storeDirectory == null)
        {
            return store;
        }
        return NativeSessionStore.open(storeDirectory, exchangeCompId, p.id());
    }

    /** Closes the sessions' stores; after the gateway's sending thread stopped. */
    void close()
    {
        found.values().forEach(NativeSessionStore::close);
        found.clear();
        byId.values().forEach(NativeSession::close);
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
    public boolean connected(final SessionID id)
    {
        final NativeSession s = byId.get(id);
        return s != null && s.connection() != null;
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
        return s != null && (queued(s, null, message) || written(s.send(message)));
    }

    @Override
    public boolean sendMarketData(final SessionID id, final MarketDataMessage message)
    {
        final NativeSession s = byId.get(id);
        return s != null && (queued(s, null, message) || written(s.send(message)));
    }

    @Override
    public boolean sendReport(final SessionID id, final OrderReport report)
    {
        final NativeSession s = byId.get(id);
        return s != null && (queued(s, report, null) || written(s.send(report)));
    }

    /**
     * In a batch, with several I/O threads: hands the message ({@code message}, or when null a copy of {@code report})
     * to the I/O thread of {@code s}'s connection to encode and write ({@link NativeLoopEncoder}); false when
     * the caller is to encode it itself.
     */
    private boolean queued(final NativeSession s, final OrderReport report, final Object message)
    {
        if (Thread.currentThread() != batchThread)
        {
            return false;
        }
        final int bytes = NativeSession.sizeEstimate(message);
        final NativeIoLoop loop = s.queueOn(bytes);
        if (loop == null)
        {
            return false;
        }
        final NativeLoopEncoder encoder = loop.encoder();
        boolean handed = false;
        try
        {
            handed = encoder.encodeSoon(s, report, message); // false: that loop stopped, the server is closing
        }
        finally
        {
            if (!handed)
            {
                s.unqueue(bytes);
            }
        }
        if (!handed)
        {
            return false;
        }
        if (!encoder.wakeQueued)
        {
            encoder.wakeQueued = true;
            toWake.add(loop);
            if (storedReports != null)
            {
                storedReports.queuedTo(encoder.queue());
            }
        }
        return true;
    }

    /** {@code c} (null: none) has new output: flushed at the end of the batch, or now outside one. Returns true. */
    private boolean written(final NativeConnection c)
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
                else if (c.queuedSinceLastWrite() >= FLUSH_IN_BATCH_BYTES)
                {
                    c.flush(); // a reader that keeps up never sees a whole batch waiting (market data conflation)
                }
            }
            else
            {
                c.flush();
            }
        }
        return true;
    }

    @Override
    public long unwrittenBytes(final SessionID id)
    {
        final NativeSession s = byId.get(id);
        final NativeConnection c = s == null ? null : s.connection();
        return c == null ? 0 : c.unwrittenBytes();
    }

    @Override
    public long queuedBytes(final SessionID id)
    {
        final NativeSession s = byId.get(id);
        return s == null ? 0 : s.queuedBytes();
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

    /** Writes (or has written) what the batch encoded, for each connection in turn: one failing stops no other. */
    @Override
    public void endBatch()
    {
        batchThread = null;
        for (int i = 0; i < dirty.size(); i++)
        {
            final NativeConnection c = dirty.get(i);
            c.inBatch = false;
            try
            {
                c.loop().writeSoon(c);
            }
            catch (final RuntimeException ex)
            {
                LOG.error("writing to {}", c.address, ex);
            }
        }
        dirty.clear();
        for (int i = 0; i < toWake.size(); i++)
        {
            final NativeIoLoop loop = toWake.get(i);
            loop.encoder().wakeQueued = false;
            loop.wakeForReports();
        }
        toWake.clear();
    }
}
