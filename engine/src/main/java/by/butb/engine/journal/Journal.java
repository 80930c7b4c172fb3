package by.butb.engine.journal;

import by.butb.engine.core.Command;
import by.butb.engine.core.EngineEvent;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The engine's data directory: an input journal ({@code commands/}, every command before it takes effect) and an
 * output journal ({@code events/}, every event after it is produced), both Chronicle Queues.
 *
 * <p>Threading: {@link #appendCommand} must always be called from one thread and {@link #appendEvent} from one
 * thread (each creates its appender on first use); the read methods are for recovery, before the pipeline starts.
 */
public final class Journal implements AutoCloseable
{
    private final ChronicleQueue commands;
    private final ChronicleQueue events;
    private ExcerptAppender commandAppender;
    private ExcerptAppender eventAppender;

    public Journal(final Path dataDirectory)
    {
        commands = ChronicleQueue.singleBuilder(dataDirectory.resolve("commands")).build();
        events = ChronicleQueue.singleBuilder(dataDirectory.resolve("events")).build();
    }

    public void appendCommand(final Command command)
    {
        if (commandAppender == null)
        {
            commandAppender = commands.createAppender();
        }
        try (DocumentContext dc = commandAppender.writingDocument())
        {
            CommandCodec.encode(command, dc.wire().bytes());
        }
    }

    public void appendEvent(final EngineEvent event)
    {
        if (eventAppender == null)
        {
            eventAppender = events.createAppender();
        }
        try (DocumentContext dc = eventAppender.writingDocument())
        {
            EventCodec.encode(event, dc.wire().bytes());
        }
    }

    /**
     * Closes the appenders made so far, so that the next append, on whichever thread, makes its own
     * (recovery appends on the starting thread; the pipeline then appends on its own threads).
     */
    public void releaseAppenders()
    {
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

    /** Reads every journaled command in order into {@code into} and hands it to {@code sink}; returns the count. */
    public long readCommands(final Command into, final Consumer<Command> sink)
    {
        long count = 0;
        try (ExcerptTailer tailer = commands.createTailer())
        {
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        return count;
                    }
                    CommandCodec.decode(dc.wire().bytes(), into);
                }
                sink.accept(into);
                count++;
            }
        }
    }

    /** Reads every journaled event in order. */
    public long readEvents(final EngineEvent into, final Consumer<EngineEvent> sink)
    {
        long count = 0;
        try (ExcerptTailer tailer = events.createTailer())
        {
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        return count;
                    }
                    EventCodec.decode(dc.wire().bytes(), into);
                }
                sink.accept(into);
                count++;
            }
        }
    }

    /**
     * Where the output journal stops: the command sequence of its last event (-1 when empty) and how many events
     * of that command it holds (a kill can cut a command's events short; recovery publishes the rest).
     */
    public OutputPosition outputPosition()
    {
        long sequence = -1;
        long count = 0;
        try (ExcerptTailer tailer = events.createTailer())
        {
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    final var bytes = dc.wire().bytes();
                    bytes.readByte();
                    final long eventSequence = bytes.readLong();
                    if (sequence == -1)
                    {
                        sequence = eventSequence;
                    }
                    else if (eventSequence != sequence)
                    {
                        break;
                    }
                    count++;
                }
            }
        }
        return new OutputPosition(sequence, count);
    }

    /** See {@link #outputPosition()}. */
    public record OutputPosition(long lastCommandSequence, long eventsOfLastCommand)
    {
    }

    @Override
    public void close()
    {
        if (commandAppender != null)
        {
            commandAppender.close();
        }
        if (eventAppender != null)
        {
            eventAppender.close();
        }
        commands.close();
        events.close();
    }
}
