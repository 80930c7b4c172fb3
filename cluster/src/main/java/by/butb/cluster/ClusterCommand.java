package by.butb.cluster;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code butb cluster}: the exchange replicated on Aeron Cluster (docs/cluster.md). No action of its own; a
 * subcommand is required. Also the entry point of the node processes that {@code cluster start} launches.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = "The exchange replicated on Aeron Cluster: nodes that fail over (docs/cluster.md).",
    subcommands = {NodeCommand.class, StartCommand.class, ProbeCommand.class, SecretCommand.class},
    footer = {"", "Examples:",
        "  ./butb cluster start --nodes 3            (three nodes on this machine, ports 9100-9124)",
        "  ./butb cluster node --id 0 --members 10.0.0.1:9100,10.0.0.2:9100,10.0.0.3:9100 --dir data/node",
        "  ./butb cluster probe --members localhost:9100,localhost:9110,localhost:9120",
        "  ./butb cluster secret data/cluster.secret  (then --secret on every node, --cluster-secret on clients)",
        "", "Exit codes: 0 done, 1 bad input (members, id, data directory, files), 2 usage error."})
public final class ClusterCommand
{
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new ClusterCommand()).execute(args));
    }
}
