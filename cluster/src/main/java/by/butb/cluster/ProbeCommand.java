package by.butb.cluster;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code butb cluster probe}: connects as a client and asks every node to record its state at the same point of the
 * log; prints the leader's answer. Each node also writes it to its {@code probe.txt}, so replicas can be compared.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
    description = "Prints the leader's sequence, state hash and live orders; every node writes its own to " +
        "DIR/probe.txt at the same point of the log.",
    footer = {"", "Exit codes: 0 answered, 1 bad members or no answer, 2 usage error."})
final class ProbeCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private MembersOption members;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "localhost",
        description = "This machine's address as the nodes reach it (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--secret", paramLabel = "FILE",
        description = "The file the nodes were started with --secret (default: none, for nodes without one).")
    private Path secret;

    @Option(names = "--timeout-s", paramLabel = "S", defaultValue = "10",
        description = "How long to wait for the answer (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final long probeId = System.currentTimeMillis();
        final StateProbe answer;
        try
        {
            answer = LeaderProbe.ask(members.members(), ClusterSecret.readOrNone(secret), host, probeId,
                TimeUnit.SECONDS.toNanos(timeoutSeconds));
        }
        catch (final ClusterConfigException | io.aeron.exceptions.AeronException ex)
        {
            err.println("butb cluster probe: error: " + ex.getMessage());
            err.flush();
            return 1;
        }
        if (answer == null)
        {
            err.println("butb cluster probe: error: no answer within " + timeoutSeconds + " s");
            err.flush();
            return 1;
        }
        out.println("sequence " + answer.sequence() + ", state hash " + answer.hash() + ", live orders " +
            answer.liveOrders());
        out.flush();
        return 0;
    }
}
