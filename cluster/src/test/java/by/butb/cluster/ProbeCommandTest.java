package by.butb.cluster;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cluster probe} refuses a timeout under 1 s as a usage error, waits no longer than its timeout for a cluster
 * that is not there, and says what is wrong in one line (exit code 1), without Aeron's internals.
 */
class ProbeCommandTest
{
    private final StringWriter err = new StringWriter();

    private int probe(final String... args)
    {
        final CommandLine cli = new CommandLine(new ClusterCommand());
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        final String[] all = new String[args.length + 1];
        all[0] = "probe";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    @Test
    void aTimeoutUnderOneSecondIsAUsageError()
    {
        for (final String timeout : new String[] {"0", "-3"})
        {
            err.getBuffer().setLength(0);
            assertEquals(2, probe("--members", "localhost:9100", "--timeout-s", timeout));
            assertTrue(err.toString().contains("--timeout-s must be 1 or more, got " + timeout), err.toString());
        }
    }

    @Test
    void noClusterIsReportedInOneLine()
    {
        final String members = "localhost:" + NodeProcess.freePorts(ClusterMembers.PORTS_PER_MEMBER);
        assertEquals(1, probe("--members", members, "--timeout-s", "1"));
        assertEquals("butb cluster probe: error: no cluster answered at " + members + " within 1 s",
            err.toString().trim());
    }

    @Test
    void anUnknownHostIsNamedInWords()
    {
        assertEquals(1, probe("--members", "localhost:9100", "--host", "bad host"));
        assertEquals("butb cluster probe: error: --host 'bad host': unknown host", err.toString().trim());
        err.getBuffer().setLength(0);
        assertEquals(1, probe("--members", "localhost:9100,bad host:9110"));
        assertEquals("butb cluster probe: error: member 1 'bad host:9110': unknown host", err.toString().trim());
    }
}
