package by.butb.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cluster start} refuses, before it creates or starts anything, option values its nodes cannot run with (a
 * usage error, exit code 2) and files, sections or a --dir they would refuse (one line, exit code 1).
 */
class StartCommandTest
{
    private static final String PARTICIPANTS = "../config/participants.csv";

    @TempDir
    Path temp;

    private final StringWriter err = new StringWriter();

    private int start(final String... args)
    {
        final CommandLine cli = new CommandLine(new ClusterCommand());
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        final String[] all = new String[args.length + 1];
        all[0] = "start";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    @Test
    void shouldAnswerTenNodesAsAUsageError()
    {
        assertEquals(2, start("--nodes", "10", "--dir", temp.toString()));
        assertTrue(err.toString().contains("--nodes must be between 1 and 9, got 10"), err.toString());
    }

    @Test
    void aHeartbeatTimeoutAeronCannotRunWithIsAUsageErrorAndCreatesNothing()
    {
        for (final String timeout : new String[] {"0", "-1", "999", "30001"})
        {
            err.getBuffer().setLength(0);
            assertEquals(2, start("--heartbeat-timeout-ms", timeout, "--dir", temp.resolve("c").toString()),
                err.toString());
            assertTrue(err.toString().contains("--heartbeat-timeout-ms must be between 1000 and 30000, got " +
                timeout), err.toString());
            assertTrue(Files.notExists(temp.resolve("c")), "nothing created");
        }
    }

    @Test
    void aBasePortWhoseNodesPortsPassPort65535IsAUsageErrorBeforeAnyNodeStarts()
    {
        assertEquals(2, start("--base-port", "70000", "--dir", temp.resolve("c").toString()));
        assertTrue(err.toString().contains("--base-port must be between 1 and 65511 for 3 nodes (their ports must " +
            "end by 65535), got 70000"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, start("--base-port", "65500", "--sections", "TIMBER,AGRI", "--dir",
            temp.resolve("c").toString()));
        assertTrue(err.toString().contains("--base-port must be between 1 and 65411 for 3 nodes in each of 2 " +
            "sections"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, start("--base-port", "0", "--dir", temp.resolve("c").toString()));
        assertTrue(Files.notExists(temp.resolve("c")), "nothing created");
    }

    @Test
    void aSectionNamedTwiceIsAUsageErrorBeforeAnyNodeStarts()
    {
        assertEquals(2, start("--sections", "AGRI,timber,agri", "--dir", temp.resolve("c").toString()));
        assertTrue(err.toString().contains("--sections names a section twice: [AGRI, timber, agri]"), err.toString());
        assertTrue(Files.notExists(temp.resolve("c")), "nothing created");
    }

    @Test
    void basisPointsOutsideZeroToTenThousandAreAUsageErrorBeforeAnyNodeStarts()
    {
        assertEquals(2, start("--fee-bps", "-5", "--dir", temp.resolve("c").toString()));
        assertTrue(err.toString().contains("--fee-bps must be between 0 and 10000 (100 %), got -5"), err.toString());
        assertFalse(err.toString().contains("butb cluster node"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, start("--guarantee-bps", "10001", "--dir", temp.resolve("c").toString()));
        assertTrue(err.toString().contains("--guarantee-bps must be between 0 and 10000 (100 %), got 10001"),
            err.toString());
        assertTrue(Files.notExists(temp.resolve("c")), "nothing created");
    }

    @Test
    void aDirThatIsAFileIsRefusedInOneLineBeforeAnyNodeStarts() throws IOException
    {
        final Path file = Files.writeString(temp.resolve("file"), "keep me");
        assertRefused(start("--dir", file.toString()), "--dir " + file + " is a file, not a directory");
        err.getBuffer().setLength(0);
        assertRefused(start("--dir", file.resolve("c").toString()), "--dir " + file.resolve("c") + ": " + file +
            " is a file, not a directory");
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void aMissingFileOrUnknownSectionIsRefusedInOneLineBeforeAnyNodeStarts()
    {
        assertRefused(start("--nodes", "2", "--dir", temp.resolve("c").toString(), "--base-port", "1000",
            "--instruments", temp.resolve("missing.csv").toString(), "--participants", PARTICIPANTS),
            "missing.csv");
        err.getBuffer().setLength(0);
        assertRefused(start("--sections", "TIMBER,WOOD", "--dir", temp.resolve("c").toString(), "--instruments",
            "../config/instruments.csv", "--participants", PARTICIPANTS),
            "--section: 'WOOD' is not a section of the instrument catalog [TIMBER, AGRI]");
        assertTrue(Files.notExists(temp.resolve("c")), "nothing created");
    }

    @Test
    void shouldStopWithExitCodeOneWhenItsNodeRefusesItsDirectory() throws IOException
    {
        Files.createDirectories(temp.resolve("c").resolve("node-0"));
        Files.writeString(temp.resolve("c").resolve("node-0").resolve("precious.txt"), "keep me");
        assertEquals(1, start("--nodes", "1", "--dir", temp.resolve("c").toString(), "--base-port", "1000"));
        assertEquals("keep me", Files.readString(temp.resolve("c").resolve("node-0").resolve("precious.txt")));
    }

    private void assertRefused(final int exit, final String fragment)
    {
        assertEquals(1, exit, err.toString());
        final String message = err.toString().trim();
        assertTrue(message.startsWith("butb cluster start: error: ") && message.contains(fragment), message);
        assertEquals(1, message.lines().count(), message);
    }
}
