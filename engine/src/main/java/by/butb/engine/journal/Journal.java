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
 * <p>Batching: entries are encoded into a staging buffer and a Chronicle document holds a batch of them (up to
 * {@link #MAX_BATCH} entries), written with one copy. A command batch becomes durable (visible to a reader after a
 * crash) when {@link #appendCommand}'s {@code endOfBatch} (or a full batch) writes it; the pipeline lets the logic
 * see a command only after that. Events are written by {@link #endEvents} after the last event of a command, so a
 * document never holds part of a command's events: recovery republishes the events of every command after the
 * last one in the output journal.
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
    private final ByteBuffer commandStage = stage(MAX_BATCH * CommandCodec.LENGTH);
    private ByteBuffer eventStage = stage(MAX_BATCH * EventCodec.MAX_LENGTH);
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
        commandBytes += CommandCodec.encode(command, commandStage, commandBytes);
        if (endOfBatch || ++commandsInDocument >= MAX_BATCH)
        {
            if (commandAppender == null)
            {
                commandAppender = commands.createAppender();
            }
            write(commandAppender, commandStage, commandBytes);
            commandBytes = 0;
            commandsInDocument = 0;
            return true;
        }
        return false;
    }

    /** Appends an event to the open event batch; call {@link #endEvents} after the last event of a command. */
    public void appendEvent(final EngineEvent event)
    {
        if (eventBytes + EventCodec.MAX_LENGTH > eventStage.capacity())
        {
            eventStage = grow(eventStage, eventBytes + EventCodec.MAX_LENGTH);
        }
        eventBytes += EventCodec.encode(event, eventStage, eventBytes);
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
    private static void write(final ExcerptAppender appender, final ByteBuffer stage, final int length)
    {
        try (DocumentContext dc = appender.writingDocument())
        {
            dc.wire().bytes().write(stage.array(), 0, length);
        }
    }

    private static ByteBuffer stage(final int capacity)
    {
        return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A bigger stage with the content copied (allocates: only while batches grow). */
    private static ByteBuffer grow(final ByteBuffer stage, final int needed)
    {
        final ByteBuffer bigger = stage(Math.max(needed, stage.capacity() * 2));
        System.arraycopy(stage.array(), 0, bigger.array(), 0, stage.capacity());
        return bigger;
    }

    /**
     * Writes what is staged and closes the appenders made so far, so that the next append, on whichever thread,
     * makes its own (recovery appends on the starting thread; the pipeline then appends on its own threads).
     */
    public void releaseAppenders()
    {
        if (commandsInDocument > 0)
        {
            if (commandAppender == null)
            {
                commandAppender = commands.createAppender();
            }
            write(commandAppender, commandStage, commandBytes);
            commandBytes = 0;
            commandsInDocument = 0;
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
        return read(commands, into, CommandCodec::decode, sink);
    }

    /** Reads every journaled event in order. */
    public long readEvents(final EngineEvent into, final Consumer<EngineEvent> sink)
    {
        return read(events, into, EventCodec::decode, sink);
    }

    private <T> long read(final ChronicleQueue queue, final T into, final Decoder<T> decoder, final Consumer<T> sink)
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
                    final int length = stage(dc);
                    for (int offset = 0; offset < length; count++)
                    {
                        offset += decoder.decode(readStage, offset, into);
                        sink.accept(into);
                    }
                }
            }
        }
    }

    /** Decodes one entry at an offset into a reusable object; returns the entry's length. */
    @FunctionalInterface
    private interface Decoder<T>
    {
        int decode(ByteBuffer buffer, int offset, T into);
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
                final int length = stage(dc);
                final EngineEvent event = new EngineEvent();
                long sequence = -1;
                for (int offset = 0; offset < length; )
                {
                    offset += EventCodec.decode(readStage, offset, event);
                    sequence = event.commandSequence;
                }
                return sequence;
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
