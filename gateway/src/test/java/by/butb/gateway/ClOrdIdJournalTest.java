package by.butb.gateway;

import by.butb.engine.core.MatchingEngine;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClOrdIdJournalTest
{
    @Test
    void shouldReadBackEveryAllocationAfterReopeningWithTheLatestRecordPerId(@TempDir final Path data)
    {
        try (ClOrdIdJournal journal = new ClOrdIdJournal(data))
        {
            final ClOrdIdTable table = new ClOrdIdTable(3, journal);
            assertEquals(1, table.allocate(0, "A-1"));
            assertEquals(2, table.allocate(0, "Ä-ü/2 ordre"));
            assertEquals(1, table.allocate(2, "A-1"));
            assertEquals(0, table.allocate(0, "A-1"), "a duplicate is not recorded");
        }
        try (ClOrdIdJournal journal = new ClOrdIdJournal(data))
        {
            journal.record(0, 1, "A-1 again");
            assertEquals(Map.of(MatchingEngine.clientOrderKey(0, 1), "A-1 again", MatchingEngine.clientOrderKey(0, 2),
                "Ä-ü/2 ordre", MatchingEngine.clientOrderKey(2, 1), "A-1"), journal.read(key -> true));
            assertEquals(Map.of(MatchingEngine.clientOrderKey(2, 1), "A-1"),
                journal.read(key -> key == MatchingEngine.clientOrderKey(2, 1)), "only the keys asked for");
        }
    }

    @Test
    void shouldNameTheJournalAndTheDocumentThatDoesNotDecode(@TempDir final Path data)
    {
        try (ClOrdIdJournal journal = new ClOrdIdJournal(data))
        {
            journal.record(1, 7, "OK");
        }
        try (ChronicleQueue queue = ChronicleQueue.singleBuilder(data.resolve("clordids")).build();
             ExcerptAppender appender = queue.createAppender();
             DocumentContext dc = appender.writingDocument())
        {
            dc.wire().bytes().writeShort((short)3);
        }
        try (ClOrdIdJournal journal = new ClOrdIdJournal(data))
        {
            final IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> journal.read(key -> true));
            assertTrue(error.getMessage().startsWith("ClOrdID journal " + data.resolve("clordids") +
                ": document at index "), error.getMessage());
        }
    }
}
