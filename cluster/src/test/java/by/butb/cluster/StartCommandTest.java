package by.butb.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cluster start} refuses a node count it cannot run, and stops with exit code 1 when its nodes refuse their
 * input.
 */
class StartCommandTest
{
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
    void shouldStopWithExitCodeOneWhenItsNodesRefuseTheirFiles()
    {
        assertEquals(1, start("--nodes", "2", "--dir", temp.toString(), "--base-port", "1000",
            "--instruments", temp.resolve("missing.csv").toString()));
    }
}
