package by.butb.gateway;

import by.butb.engine.core.MatchingEngine;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * The FIX ClOrdIDs behind the engine's client order ids, kept in the engine's data directory (a Chronicle Queue in
 * {@code clordids/}) so that after a restart the orders still live keep the ClOrdIDs their owners gave them: their
 * reports carry them and OrigClOrdID finds them. The engine journal holds only the numbers.
 *
 * <p>Each {@link ClOrdIdTable#allocate allocation} is recorded (owner, engine id, ClOrdID) before its command is
 * submitted, so whatever the engine journal holds has its record; a record whose command never reached the engine
 * (a crash in between) names no live order and is ignored. An id may be recorded again after a restart (ids of
 * orders no longer live are reused): the later record wins.
 *
 * <p>Entry layout, one per document: owner (int), engine id (long), ClOrdID (UTF-8, length-prefixed).
 * Threading: {@link #record} from any thread (serialized here); {@link #read} at start, before any session.
 */
final class ClOrdIdJournal implements AutoCloseable
{
    private final Path directory;
    private final ChronicleQueue queue;
    private ExcerptAppender appender;

    ClOrdIdJournal(final Path dataDirectory)
    {
        this.directory = dataDirectory.resolve("clordids");
        this.queue = ChronicleQueue.singleBuilder(directory).build();
    }

    /** Records that {@code owner}'s ClOrdID {@code clOrdId} is engine client order id {@code id}. */
    synchronized void record(final int owner, final long id, final String clOrdId)
    {
        if (appender == null)
        {
            appender = queue.createAppender();
            appender.singleThreadedCheckDisabled(true);
        }
        try (DocumentContext dc = appender.writingDocument())
        {
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.writeInt(owner);
            bytes.writeLong(id);
            bytes.writeUtf8(clOrdId);
        }
    }

    /**
     * The latest recorded ClOrdID of each (owner, engine id) that {@code wanted} accepts, keyed by
     * {@link MatchingEngine#clientOrderKey}: the start passes the keys of the orders still live, so only those are
     * kept.
     *
     * @throws IllegalStateException naming the file's directory and the document when a record does not decode.
     */
    Map<Long, String> read(final LongPredicate wanted)
    {
        final Map<Long, String> clOrdIds = new HashMap<>();
        try (ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        return clOrdIds;
                    }
                    final Bytes<?> bytes = dc.wire().bytes();
                    try
                    {
                        final int owner = bytes.readInt();
                        final long id = bytes.readLong();
                        final String clOrdId = bytes.readUtf8();
                        if (owner < 0 || id <= 0 || clOrdId == null)
                        {
                            throw new IllegalArgumentException("owner " + owner + ", id " + id + ", ClOrdID " +
                                clOrdId);
                        }
                        final long key = MatchingEngine.clientOrderKey(owner, id);
                        if (wanted.test(key))
                        {
                            clOrdIds.put(key, clOrdId);
                        }
                    }
                    catch (final RuntimeException ex)
                    {
                        throw new IllegalStateException("ClOrdID journal " + directory + ": document at index " +
                            dc.index() + " does not decode: " + ex.getMessage(), ex);
                    }
                }
            }
        }
    }

    @Override
    public synchronized void close()
    {
        if (appender != null)
        {
            appender.close();
            appender = null;
        }
        queue.close();
    }
}
