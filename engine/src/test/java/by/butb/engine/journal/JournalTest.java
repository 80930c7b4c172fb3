package by.butb.engine.journal;

import by.butb.engine.CommandStream;
import by.butb.engine.TestMarket;
import by.butb.engine.core.Command;
import by.butb.engine.core.EngineEvent;
import by.butb.engine.pipeline.EngineContext;
import by.butb.engine.pipeline.EnginePipeline;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalTest
{
    @Test
    void shouldReadBackEveryCommandAndEventAppendedAcrossBatches(@TempDir final Path data)
    {
        final List<Command> written = new ArrayList<>();
        final List<EngineEvent> events = CompactEventCodecTest.engineEvents(3_000);
        final CommandStream stream = new CommandStream(TestMarket.catalog(), 3);
        try (Journal journal = new Journal(data))
        {
            for (int i = 0; i < 3_000; i++)
            {
                final Command c = stream.next(new Command());
                c.sequence = i;
                written.add(c);
                journal.appendCommand(c, i % 97 == 0);
            }
            for (int i = 0; i < events.size(); i++)
            {
                journal.appendEvent(events.get(i));
                journal.endEvents(i % 50 == 0);
            }
        }
        final List<List<String>> commandsRead = new ArrayList<>();
        final List<List<String>> eventsRead = new ArrayList<>();
        try (Journal journal = new Journal(data))
        {
            assertEquals(3_000, journal.readCommands(new Command(), c -> commandsRead.add(Fields.of(c))));
            assertEquals(events.size(), journal.readEvents(new EngineEvent(), e -> eventsRead.add(Fields.of(e))));
            assertEquals(events.get(events.size() - 1).commandSequence, journal.lastPublishedCommand());
        }
        assertEquals(written.stream().map(Fields::of).toList(), commandsRead);
        assertEquals(events.stream().map(Fields::of).toList(), eventsRead);
    }

    @Test
    void shouldStillReadAJournalWrittenInTheFixedVersion2Layout(@TempDir final Path data)
    {
        final CommandStream stream = new CommandStream(TestMarket.catalog(), 5);
        final List<List<String>> written = new ArrayList<>();
        final ByteBuffer stage = ByteBuffer.allocate(10 * CommandCodec.LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        int length = 0;
        for (int i = 0; i < 10; i++)
        {
            final Command c = stream.next(new Command());
            c.sequence = i;
            written.add(Fields.of(c));
            length += CommandCodec.encode(c, stage, length);
        }
        appendRaw(data.resolve("commands"), stage.array(), length);
        final List<List<String>> read = new ArrayList<>();
        try (Journal journal = new Journal(data))
        {
            journal.appendCommand(new Command().clock(99), true);
            journal.readCommands(new Command(), c -> read.add(Fields.of(c)));
        }
        assertEquals(written, read.subList(0, 10));
        assertEquals(11, read.size(), "a version 3 document after the version 2 one");
    }

    @Test
    void shouldRefuseADocumentOfAnUnknownVersionNamingIt(@TempDir final Path data)
    {
        appendRaw(data.resolve("commands"), new byte[] {9, 0, 0, 0}, 4);
        try (Journal journal = new Journal(data))
        {
            final JournalFormatException error = assertThrows(JournalFormatException.class,
                () -> journal.readCommands(new Command(), c -> { }));
            assertTrue(error.getMessage().startsWith("commands journal, document at index "), error.getMessage());
            assertTrue(error.getMessage().contains("unknown journal format version 9"), error.getMessage());
        }
    }

    @Test
    void shouldStopRecoveryWithAClearErrorOnADocumentCutShort(@TempDir final Path data)
    {
        try (EnginePipeline pipeline = EnginePipeline.start(new EngineContext().catalog(TestMarket.catalog())
            .dataDirectory(data)))
        {
            final CommandStream stream = new CommandStream(TestMarket.catalog(), 9);
            final Command c = new Command();
            for (int i = 0; i < 500; i++)
            {
                pipeline.submit(stream.next(c.clear()));
            }
        }
        final byte[] good = new byte[CompactCommandCodec.MAX_LENGTH];
        good[0] = CompactCommandCodec.VERSION;
        final CompactCommandCodec writer = new CompactCommandCodec();
        writer.reset();
        final int end = writer.encode(new Command().clock(1_704_099_600_000_000_000L), good, 1);
        appendRaw(data.resolve("commands"), good, end - 2);
        final JournalFormatException error = assertThrows(JournalFormatException.class,
            () -> EnginePipeline.start(new EngineContext().catalog(TestMarket.catalog()).dataDirectory(data)));
        assertTrue(error.getMessage().contains("entry cut short by the end of the document"), error.getMessage());
    }

    private static void appendRaw(final Path queueDirectory, final byte[] bytes, final int length)
    {
        try (ChronicleQueue queue = ChronicleQueue.singleBuilder(queueDirectory).build();
            ExcerptAppender appender = queue.createAppender();
            DocumentContext dc = appender.writingDocument())
        {
            dc.wire().bytes().write(bytes, 0, length);
        }
    }
}
