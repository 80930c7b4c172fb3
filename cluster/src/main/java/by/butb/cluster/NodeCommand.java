package by.butb.cluster;

import by.butb.engine.csv.CsvException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code butb cluster node}: runs one node until it is stopped (Ctrl-C, SIGTERM, or the cluster shut down with
 * Aeron's ClusterTool). Prints one line when it starts and one per role change.
 */
@Command(name = "node", mixinStandardHelpOptions = true,
    description = "Runs one node of the replicated exchange (docs/cluster.md).",
    footer = {"", "Exit codes: 0 stopped, 1 bad input (members, id, data directory, files), 2 usage error."})
final class NodeCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--id", paramLabel = "N", required = true, description = "This node's member id.")
    private int id;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private MembersOption members;

    @Option(names = "--dir", paramLabel = "DIR", required = true,
        description = "This node's data directory (new or empty at the first start): its copy of the log, " +
            "snapshots and archive. Never deleted; a directory of another node or cluster is refused.")
    private Path dir;

    @Mixin
    private NodeOptions options;

    @Override
    public Integer call()
    {
        options.check(spec);
        final PrintWriter out = spec.commandLine().getOut();
        final String name = "node " + id + (options.section == null ? "" :
            " (" + options.section.toUpperCase(Locale.ROOT) + ")");
        final CountDownLatch stop = new CountDownLatch(1);
        final NodeConfig config;
        try
        {
            config = options.config(id, members.members(), dir);
        }
        catch (final ClusterConfigException | CsvException ex)
        {
            return refused(ex);
        }
        try (StopSignal signal = new StopSignal("butb-node-signal", stop::countDown);
             ClusterNode node = ClusterNode.launch(config, line ->
             {
                 out.println(name + ": " + line);
                 out.flush();
             }, stop::countDown))
        {
            out.println(name + ": started, data in " + dir + " (stop with Ctrl-C)");
            if (config.secret().isNone())
            {
                out.println(name + ": no --secret: any host that reaches this node's ports can submit commands; " +
                    "keep them on a private network (docs/cluster.md#the-secret)");
            }
            out.flush();
            awaitUninterruptibly(stop);
            out.println(name + ": stopping");
            out.flush();
        }
        catch (final ClusterConfigException | CsvException ex)
        {
            return refused(ex);
        }
        return 0;
    }

    private static void awaitUninterruptibly(final CountDownLatch latch)
    {
        try
        {
            latch.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private int refused(final RuntimeException ex)
    {
        spec.commandLine().getErr().println("butb cluster node: error: " + ex.getMessage());
        spec.commandLine().getErr().flush();
        return 1;
    }
}
