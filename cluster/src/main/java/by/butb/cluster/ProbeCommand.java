package by.butb.cluster;

import io.aeron.exceptions.AeronException;
import io.aeron.exceptions.TimeoutException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
        description = "How long to wait for the cluster to connect and answer, 1 or more (default: " +
            "${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Override
    public Integer call()
    {
        if (timeoutSeconds < 1)
        {
            throw new ParameterException(spec.commandLine(), "--timeout-s must be 1 or more, got " + timeoutSeconds);
        }
        final PrintWriter out = spec.commandLine().getOut();
        final long probeId = System.currentTimeMillis();
        final ClusterMembers cluster;
        final StateProbe answer;
        try
        {
            cluster = members.members();
            resolve(host, "--host '" + host + "'");
            for (final ClusterMembers.Member m : cluster.members())
            {
                resolve(m.host(), "member " + m.id() + " '" + m.endpoint(0) + "'");
            }
            answer = LeaderProbe.ask(cluster, ClusterSecret.readOrNone(secret), host, probeId,
                TimeUnit.SECONDS.toNanos(timeoutSeconds));
        }
        catch (final ClusterConfigException ex)
        {
            return error(ex.getMessage());
        }
        catch (final TimeoutException ex)
        {
            return error("no cluster answered at " + given() + " within " + timeoutSeconds + " s");
        }
        catch (final AeronException ex)
        {
            return error(ex.getMessage());
        }
        if (answer == null)
        {
            return error("the cluster at " + given() + " connected but did not answer the probe within " +
                timeoutSeconds + " s");
        }
        out.println("sequence " + answer.sequence() + ", state hash " + answer.hash() + ", live orders " +
            answer.liveOrders());
        out.flush();
        return 0;
    }

    /** The members as given, for messages. */
    private String given()
    {
        return members.list != null ? members.list : "the members in " + members.file;
    }

    private static void resolve(final String name, final String what)
    {
        try
        {
            InetAddress.getByName(name);
        }
        catch (final UnknownHostException ex)
        {
            throw new ClusterConfigException(what + ": unknown host");
        }
    }

    private int error(final String message)
    {
        spec.commandLine().getErr().println("butb cluster probe: error: " + message);
        spec.commandLine().getErr().flush();
        return 1;
    }
}
