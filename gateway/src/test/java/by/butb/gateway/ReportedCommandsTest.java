package by.butb.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The record of the last command reported: kept without a close (kill -9), refused by name when foreign. */
class ReportedCommandsTest
{
    @TempDir
    Path dir;

    @Test
    void aNewRecordKnowsNoneAndKeepsWhatIsWrittenWithoutAClose() throws IOException
    {
        final ReportedCommands first = ReportedCommands.open(dir);
        assertEquals(ReportedCommands.NONE, first.through());
        first.through(-1);
        assertEquals(-1, first.through(), "none reported yet is a number like any other");
        first.through(41);
        first.through(42);
        final Path copy = dir.resolve("copy");
        Files.createDirectories(copy);
        Files.copy(dir.resolve(ReportedCommands.FILE), copy.resolve(ReportedCommands.FILE)); // as a kill -9 leaves it
        first.close();
        try (ReportedCommands again = ReportedCommands.open(copy))
        {
            assertEquals(42, again.through());
        }
    }

    @Test
    void aPageOfZerosKnowsNoneAndAForeignFileIsRefused() throws IOException
    {
        Files.write(dir.resolve(ReportedCommands.FILE), new byte[16]);
        try (ReportedCommands zeros = ReportedCommands.open(dir))
        {
            assertEquals(ReportedCommands.NONE, zeros.through(),
                "a machine crash before the page reached the disk: nothing known");
        }
        Files.writeString(dir.resolve(ReportedCommands.FILE), "not-a-record-000");
        final IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
            () -> ReportedCommands.open(dir));
        assertTrue(foreign.getMessage().endsWith("does not start with BUTB-REP"), foreign.getMessage());
        Files.writeString(dir.resolve(ReportedCommands.FILE), "short");
        assertThrows(IllegalArgumentException.class, () -> ReportedCommands.open(dir));
        ReportedCommands.remove(dir);
        assertFalse(Files.exists(dir.resolve(ReportedCommands.FILE)));
    }
}
