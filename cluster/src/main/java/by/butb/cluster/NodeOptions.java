package by.butb.cluster;

import by.butb.engine.core.MarketRules;
import by.butb.engine.core.SectionScope;
import by.butb.engine.model.Catalog;
import io.aeron.cluster.ConsensusModule;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The options every node of a cluster shares (a picocli mixin of {@code cluster node} and {@code cluster start}). */
final class NodeOptions
{
    /**
     * The shortest {@code --heartbeat-timeout-ms}: five of the leader's heartbeats (Aeron sends one every 200 ms), so
     * that a follower does not call an election between two of them.
     */
    static final long MIN_HEARTBEAT_TIMEOUT_MS = 1000;
    /** The longest: Aeron needs its startup canvass (60 s) to last at least two heartbeat timeouts. */
    static final long MAX_HEARTBEAT_TIMEOUT_MS =
        TimeUnit.NANOSECONDS.toMillis(ConsensusModule.Configuration.startupCanvassTimeoutNs()) / 2;
    private static final int MAX_BPS = 10_000;

    @Option(names = "--cluster-name", paramLabel = "NAME", defaultValue = "butb",
        description = "The cluster's name, recorded in each node's data directory (default: ${DEFAULT-VALUE}).")
    String clusterName;

    @Option(names = "--instruments", paramLabel = "FILE",
        description = "Instrument catalog CSV, the same on every node (default: the bundled config/instruments.csv).")
    Path instruments;

    @Option(names = "--participants", paramLabel = "FILE",
        description = "Participants CSV, the same on every node (default: the bundled config/participants.csv).")
    Path participants;

    @Option(names = "--schedule", paramLabel = "FILE",
        description = "Session schedule CSV, the same on every node (default: none, continuous trading).")
    Path schedule;

    @Option(names = "--guarantee-bps", paramLabel = "BPS", defaultValue = "1000",
        description = "Guarantee blocked per order, in basis points of its value (default: ${DEFAULT-VALUE}).")
    int guaranteeBps;

    @Option(names = "--fee-bps", paramLabel = "BPS", defaultValue = "10",
        description = "Fee per deal side, in basis points of the deal amount (default: ${DEFAULT-VALUE}).")
    int feeBps;

    @Option(names = "--section", paramLabel = "SECTION",
        description = "Trade only this section of the catalog, on a cluster of its own " +
            "(docs/cluster.md#a-cluster-per-section); default: every section.")
    String section;

    @Option(names = "--heartbeat-timeout-ms", paramLabel = "MS", defaultValue = "5000",
        description = "Followers elect a new leader after this long without its heartbeat, 1000 to 30000 " +
            "(default: ${DEFAULT-VALUE}).")
    long heartbeatTimeoutMs;

    @Option(names = "--secret", paramLabel = "FILE",
        description = "Admit to this node's ingress and archive only clients and nodes that hold the secret in FILE " +
            "(make one with 'butb cluster secret FILE'; the same file on every node, --cluster-secret FILE on " +
            "clients). Default: every connection is admitted.")
    Path secret;

    @Option(names = "--low-cpu",
        description = "Sleep 1 ms when idle instead of spinning: for several nodes on a machine with few cores.")
    boolean lowCpu;

    /**
     * Refuses, as a usage error of the command {@code spec}, a value out of its range: basis points outside 0 to
     * 10,000, a heartbeat timeout Aeron cannot run with. Checked before anything is read or created.
     */
    void check(final CommandSpec spec)
    {
        checkBps(spec, "--guarantee-bps", guaranteeBps);
        checkBps(spec, "--fee-bps", feeBps);
        if (heartbeatTimeoutMs < MIN_HEARTBEAT_TIMEOUT_MS || heartbeatTimeoutMs > MAX_HEARTBEAT_TIMEOUT_MS)
        {
            throw new ParameterException(spec.commandLine(), "--heartbeat-timeout-ms must be between " +
                MIN_HEARTBEAT_TIMEOUT_MS + " and " + MAX_HEARTBEAT_TIMEOUT_MS + ", got " + heartbeatTimeoutMs);
        }
    }

    private static void checkBps(final CommandSpec spec, final String option, final int bps)
    {
        if (bps < 0 || bps > MAX_BPS)
        {
            throw new ParameterException(spec.commandLine(), option + " must be between 0 and " + MAX_BPS +
                " (100 %), got " + bps);
        }
    }

    NodeConfig config(final int id, final ClusterMembers members, final Path dataDirectory)
    {
        final Catalog catalog = CatalogFiles.catalog(instruments, participants);
        final MarketRules rules;
        try
        {
            rules = new MarketRules(guaranteeBps, feeBps);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ClusterConfigException("--guarantee-bps / --fee-bps: " + ex.getMessage());
        }
        return new NodeConfig(clusterName, id, members, dataDirectory, catalog, rules,
            CatalogFiles.schedule(schedule, catalog), scope(catalog), heartbeatTimeoutMs, lowCpu,
            ClusterSecret.readOrNone(secret));
    }

    private SectionScope scope(final Catalog catalog)
    {
        try
        {
            return section == null ? SectionScope.ALL : SectionScope.of(catalog, section);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ClusterConfigException("--section: " + ex.getMessage());
        }
    }

    /** These options as arguments of {@code cluster node}. */
    List<String> arguments()
    {
        final List<String> args = new ArrayList<>(List.of("--cluster-name", clusterName,
            "--guarantee-bps", String.valueOf(guaranteeBps), "--fee-bps", String.valueOf(feeBps),
            "--heartbeat-timeout-ms", String.valueOf(heartbeatTimeoutMs)));
        add(args, "--instruments", instruments);
        add(args, "--participants", participants);
        add(args, "--schedule", schedule);
        add(args, "--secret", secret);
        if (section != null)
        {
            args.add("--section");
            args.add(section);
        }
        if (lowCpu)
        {
            args.add("--low-cpu");
        }
        return args;
    }

    private static void add(final List<String> args, final String option, final Path file)
    {
        if (file != null)
        {
            args.add(option);
            args.add(file.toAbsolutePath().toString());
        }
    }
}
