package by.butb.engine.journal;

import by.butb.engine.core.Command;
import by.butb.engine.core.EngineEvent;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The engine's data directory: an input journal ({@code commands/}, every command before it takes effect) and an
 * output journal ({@code events/}, every event after it is produced), both Chronicle Queues.
 *
 * <p>Batching: entries are encoded into a staging array and a Chronicle document holds a batch of them (up to
 * {@link #MAX_BATCH} entries), written with one copy. A command batch becomes durable (visible to a reader after a
 * crash) when {@link #appendCommand}'s {@code endOfBatch} (or a full batch) writes it; the pipeline lets the logic
 * see a command only after that. Events are written by {@link #endEvents} after the last event of a command, so a
 * document never holds part of a command's events: recovery republishes the events of every command after the
 * last one in the output journal.
 *
 * <p>Format: a document starts with its format version. Version 3 (written): the compact entries of
 * {@link CompactCommandCodec} and {@link CompactEventCodec}, coded against the previous entry of the same document
 * (on the benchmark's mixed workload about 11 bytes per command and 23 per event, against 111 and 108/189 in
 * version 2). Version 2 (the fixed layouts of
 * {@link CommandCodec} and {@link EventCodec}) is still read, so a data directory written before stays usable.
 * A Chronicle document is either whole or absent after a crash; a document that does not decode (unknown version,
 * an entry cut short, a bad code) stops the read with a {@link JournalFormatException} naming the journal, the
 * document's index and the byte.
 *
 * <p>Threading: command appends from one thread, event appends from one thread (each creates its appender on first
 * use); the read methods are for recovery, before the pipeline starts.
 */
public final class Journal implements AutoCloseable
{
    /** Largest number of entries in one Chronicle document. */
    public static final int MAX_BATCH = 256;

    private final ChronicleQueue commands;
    private final ChronicleQueue events;
    private ExcerptAppender commandAppender;
    private ExcerptAppender eventAppender;
    private final CompactCommandCodec commandWriter = new CompactCommandCodec();
    private final CompactEventCodec eventWriter = new CompactEventCodec();
    private final byte[] commandStage = new byte[1 + MAX_BATCH * CompactCommandCodec.MAX_LENGTH];
    private byte[] eventStage = new byte[1 + MAX_BATCH * CompactEventCodec.MAX_LENGTH];
    private ByteBuffer readStage = stage(MAX_BATCH * EventCodec.MAX_LENGTH);
    private int commandBytes;
    private int commandsInDocument;
    private int eventBytes;
    private int eventsInDocument;

    public Journal(final Path dataDirectory)
    {
        commands = ChronicleQueue.singleBuilder(dataDirectory.resolve("commands")).build();
        events = ChronicleQueue.singleBuilder(dataDirectory.resolve("events")).build();
    }

    /**
     * Appends a command to the open batch; {@code endOfBatch} (or a full batch) closes the document, which makes
     * the batch durable.
     *
     * @return true when this call closed the document.
     */
    public boolean appendCommand(final Command command, final boolean endOfBatch)
    {
        if (commandsInDocument == 0)
        {
            commandStage[0] = CompactCommandCodec.VERSION;
            commandBytes = 1;
            commandWriter.reset();
        }
        commandBytes = commandWriter.encode(command, commandStage, commandBytes);
        if (endOfBatch || ++commandsInDocument >= MAX_BATCH)
        {
            writeCommands();
            return true;
        }
        return false;
    }

    private void writeCommands()
    {
        if (commandAppender == null)
        {
            commandAppender = commands.createAppender();
        }
        write(commandAppender, commandStage, commandBytes);
        commandBytes = 0;
        commandsInDocument = 0;
    }

    /** Appends an event to the open event batch; call {@link #endEvents} after the last event of a command. */
    public void appendEvent(final EngineEvent event)
    {
        if (eventsInDocument == 0)
        {
            eventStage[0] = CompactEventCodec.VERSION;
            eventBytes = 1;
            eventWriter.reset();
        }
        if (eventBytes + CompactEventCodec.MAX_LENGTH > eventStage.length)
        {
            eventStage = java.util.Arrays.copyOf(eventStage, eventStage.length * 2);
        }
        eventBytes = eventWriter.encode(event, eventStage, eventBytes);
        eventsInDocument++;
    }

    /** A command's events are complete: writes the event document when {@code endOfBatch} or when it is full. */
    public void endEvents(final boolean endOfBatch)
    {
        if (eventsInDocument > 0 && (endOfBatch || eventsInDocument >= MAX_BATCH))
        {
            if (eventAppender == null)
            {
                eventAppender = events.createAppender();
            }
            write(eventAppender, eventStage, eventBytes);
            eventBytes = 0;
            eventsInDocument = 0;
        }
    }

    /** One Chronicle document per batch, written with a single copy (per-field writes cost far more). */
    private static void write(final ExcerptAppender appender, final byte[] stage, final int length)
    {
        try (DocumentContext dc = appender.writingDocument())
        {
            dc.wire().bytes().write(stage, 0, length);
        }
    }

    private static ByteBuffer stage(final int capacity)
    {
        return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Drops what is staged and not yet written, after a pipeline failure (part of a batch, part of a command's
     * events), so that {@link #close} writes none of it: the commands were not durable, and the events are made again
     * at the next start.
     */
    public void discardStaged()
    {
        commandsInDocument = 0;
        eventsInDocument = 0;
    }

    /**
     * Writes what is staged and closes the appenders made so far, so that the next append, on whichever thread,
     * makes its own (recovery appends on the starting thread; the pipeline then appends on its own threads).
     */
    public void releaseAppenders()
    {
        if (commandsInDocument > 0)
        {
            writeCommands();
        }
        endEvents(true);
        if (commandAppender != null)
        {
            commandAppender.close();
            commandAppender = null;
        }
        if (eventAppender != null)
        {
            eventAppender.close();
            eventAppender = null;
        }
    }

    /** Copies the rest of the document into the read stage; returns its length. */
    private int stage(final DocumentContext dc)
    {
        final Bytes<?> bytes = dc.wire().bytes();
        final int length = (int)bytes.readRemaining();
        if (length > readStage.capacity())
        {
            readStage = stage(length);
        }
        bytes.read(readStage.array(), 0, length);
        return length;
    }

    /** Reads every journaled command in order into {@code into} and hands it to {@code sink}; returns the count. */
    public long readCommands(final Command into, final Consumer<Command> sink)
    {
        return read(commands, new CommandFormat(), into, sink);
    }

    /** Reads every journaled event in order. */
    public long readEvents(final EngineEvent into, final Consumer<EngineEvent> sink)
    {
        return read(events, new EventFormat(), into, sink);
    }

    private <T> long read(final ChronicleQueue queue, final Format<T> format, final T into, final Consumer<T> sink)
    {
        long count = 0;
        try (ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        return count;
                    }
                    count += decodeDocument(format, stage(dc), dc.index(), into, sink);
                }
            }
        }
    }

    /** Decodes the staged document (of Chronicle index {@code index}) entry by entry; returns the entry count. */
    private <T> long decodeDocument(final Format<T> format, final int length, final long index, final T into,
        final Consumer<T> sink)
    {
        final EntryReader in = format.reader;
        in.start(readStage.array(), length, index);
        final int version = in.readByte();
        long count = 0;
        if (version == CompactCommandCodec.VERSION)
        {
            format.reset();
            while (in.hasMore())
            {
                format.decode(in, into);
                sink.accept(into);
                count++;
            }
            return count;
        }
        if (version != CommandCodec.VERSION)
        {
            throw in.error("unknown journal format version " + version + " (this engine reads versions 2 and 3)");
        }
        for (int offset = 0; offset < length; count++)
        {
            if (length - offset < format.legacyMinimumLength())
            {
                throw new JournalFormatException(format.name + " journal, document at index " + index + ", byte " +
                    offset + " of " + length + ": entry cut short by the end of the document");
            }
            final int next = offset + format.decodeLegacy(readStage, offset, into);
            if (next > length)
            {
                throw new JournalFormatException(format.name + " journal, document at index " + index + ", byte " +
                    offset + " of " + length + ": entry cut short by the end of the document");
            }
            offset = next;
            sink.accept(into);
        }
        return count;
    }

    /** How one journal's entries decode: the compact format and the legacy fixed layout. */
    private abstract static class Format<T>
    {
        final String name;
        final EntryReader reader;

        Format(final String name)
        {
            this.name = name;
            this.reader = new EntryReader(name + " journal, document at index ");
        }

        abstract void reset();

        abstract void decode(EntryReader in, T into);

        abstract int legacyMinimumLength();

        abstract int decodeLegacy(ByteBuffer buffer, int offset, T into);
    }

    private static final class CommandFormat extends Format<Command>
    {
        private final CompactCommandCodec codec = new CompactCommandCodec();

        CommandFormat()
        {
            super("commands");
        }

        @Override
        void reset()
        {
            codec.reset();
        }

        @Override
        void decode(final EntryReader in, final Command into)
        {
            codec.decode(in, into);
        }

        @Override
        int legacyMinimumLength()
        {
            return CommandCodec.LENGTH;
        }

        @Override
        int decodeLegacy(final ByteBuffer buffer, final int offset, final Command into)
        {
            return CommandCodec.decode(buffer, offset, into);
        }
    }

    private static final class EventFormat extends Format<EngineEvent>
    {
        private final CompactEventCodec codec = new CompactEventCodec();

        EventFormat()
        {
            super("events");
        }

        @Override
        void reset()
        {
            codec.reset();
        }

        @Override
        void decode(final EntryReader in, final EngineEvent into)
        {
            codec.decode(in, into);
        }

        @Override
        int legacyMinimumLength()
        {
            return EventCodec.ORDER_LENGTH;
        }

        @Override
        int decodeLegacy(final ByteBuffer buffer, final int offset, final EngineEvent into)
        {
            return EventCodec.decode(buffer, offset, into);
        }
    }

    /**
     * Command sequence of the last event in the output journal, or -1 when it is empty. Documents hold whole
     * commands, so every event of that command is there.
     */
    public long lastPublishedCommand()
    {
        try (ExcerptTailer tailer = events.createTailer())
        {
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    return -1;
                }
                final long[] sequence = {-1};
                decodeDocument(new EventFormat(), stage(dc), dc.index(), new EngineEvent(),
                    e -> sequence[0] = e.commandSequence);
                return sequence[0];
            }
        }
    }

    @Override
    public void close()
    {
        releaseAppenders();
        commands.close();
        events.close();
    }
}
