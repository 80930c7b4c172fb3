package by.butb.cluster;

import by.butb.engine.csv.CsvException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code butb cluster start}: runs N nodes on this machine, each as its own process ({@code cluster node}, the same
 * Java and classpath as this one), so that one can be killed to watch a failover; with {@code --sections}, a
 * cluster of N nodes per section. Stops them all on Ctrl-C, or when one stops on bad input (exit code 1); a node
 * killed otherwise leaves the others running.
 */
@Command(name = "start", mixinStandardHelpOptions = true,
    description = "Starts N nodes on this machine, one process each (for trying the cluster out).",
    footer = {"", "Node i listens on ports BASE+10*i to BASE+10*i+4 and keeps its data in DIR/node-i; with " +
        "--sections, node i of the k-th section (from 0) on ports BASE+100*k+10*i to BASE+100*k+10*i+4, its data in " +
        "DIR/SECTION/node-i.",
        "Exit codes: 0 stopped (Ctrl-C or SIGTERM stops every node; a second one, a second or more later, kills " +
            "them and ends this command, code 130), 1 bad input (a file, a section, --dir) or a node stopped on it, " +
            "2 usage error."})
final class StartCommand implements Callable<Integer>
{
    private static final int MAX_PORT = 65535;

    @Spec
    private CommandSpec spec;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "3",
        description = "How many nodes, 1 to 9; 3 or more survive the loss of one (default: ${DEFAULT-VALUE}).")
    private int nodes;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "data/cluster",
        description = "The nodes' data directories go under it (default: ${DEFAULT-VALUE}).")
    private Path dir;

    @Option(names = "--base-port", paramLabel = "PORT", defaultValue = "9100",
        description = "Node 0's first port (default: ${DEFAULT-VALUE}).")
    private int basePort;

    @Option(names = "--sections", paramLabel = "SECTION,...", split = ",",
        description = "A cluster of its own for each of these sections of the catalog (docs/cluster.md#a-cluster-" +
            "per-section); default: one cluster for every section.")
    private List<String> sections;

    @Mixin
    private NodeOptions options;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        final int clusters = sections == null ? 1 : sections.size();
        check(clusters);
        final String refused = refusal(clusters);
        if (refused != null)
        {
            spec.commandLine().getErr().println("butb cluster start: error: " + refused);
            spec.commandLine().getErr().flush();
            return 1;
        }
        options.lowCpu = options.lowCpu || nodes * clusters > Runtime.getRuntime().availableProcessors();
        final List<Process> processes = new CopyOnWriteArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(processes)));
        final AtomicBoolean stopping = new AtomicBoolean();
        try (StopSignal signal = new StopSignal("butb-cluster-start-signal", () ->
        {
            stopping.set(true);
            stop(processes);
        }, () -> processes.forEach(Process::destroyForcibly)))
        {
            return startAndWait(processes, stopping, clusters);
        }
    }

    /** Refuses, as usage errors, option values no node could start with; before anything is read or started. */
    private void check(final int clusters)
    {
        if (nodes < 1 || nodes > 9)
        {
            throw new ParameterException(spec.commandLine(), "--nodes must be between 1 and 9, got " + nodes);
        }
        if (sections != null && options.section != null)
        {
            throw new ParameterException(spec.commandLine(), "give --section or --sections, not both");
        }
        if (sections != null && (sections.isEmpty() || sections.size() > 9))
        {
            throw new ParameterException(spec.commandLine(), "--sections takes 1 to 9 sections, got " + sections);
        }
        if (sections != null && sections.stream().map(x -> x.trim().toUpperCase(Locale.ROOT)).distinct().count() <
            sections.size())
        {
            throw new ParameterException(spec.commandLine(), "--sections names a section twice: " + sections +
                " (each section's cluster keeps its data in a directory of its own)");
        }
        final int highest = MAX_PORT - 100 * (clusters - 1) - 10 * (nodes - 1) - (ClusterMembers.PORTS_PER_MEMBER - 1);
        if (basePort < 1 || basePort > highest)
        {
            throw new ParameterException(spec.commandLine(), "--base-port must be between 1 and " + highest + " for " +
                nodes + " nodes" + (sections == null ? "" : " in each of " + clusters + " sections") +
                " (their ports must end by " + MAX_PORT + "), got " + basePort);
        }
        options.check(spec);
    }

    /**
     * What the nodes would stop on before starting anything (--dir not a directory, a file that cannot be read, an
     * unknown section, a bad secret file), checked here once; null when nothing.
     */
    private String refusal(final int clusters)
    {
        final String notDirectory = NodeDirectory.notADirectory(dir);
        if (notDirectory != null)
        {
            return notDirectory;
        }
        final String section = options.section;
        try
        {
            for (int k = 0; k < clusters; k++)
            {
                options.section = sections == null ? section : sections.get(k).trim();
                options.config(0, ClusterMembers.parse(members(k)), dir);
            }
            return null;
        }
        catch (final ClusterConfigException | CsvException ex)
        {
            return ex.getMessage();
        }
        finally
        {
            options.section = section;
        }
    }

    /** The members of the k-th cluster (from 0): localhost, from port BASE+100*k, 10 ports apart. */
    private String members(final int k)
    {
        final StringJoiner members = new StringJoiner(",");
        for (int i = 0; i < nodes; i++)
        {
            members.add("localhost:" + (basePort + 100 * k + 10 * i));
        }
        return members.toString();
    }

    /** Starts every node, then waits for them; 1 as soon as one stopped on bad input (the others are stopped). */
    private int startAndWait(final List<Process> processes, final AtomicBoolean stopping, final int clusters)
        throws IOException
    {
        final StringJoiner started = new StringJoiner("; ");
        for (int k = 0; k < clusters; k++)
        {
            final String members = members(k);
            Path clusterDir = dir;
            if (sections != null)
            {
                options.section = sections.get(k).trim();
                clusterDir = dir.resolve(options.section);
                started.add("--section-cluster " + options.section + "=" + members);
            }
            else
            {
                started.add("members " + members);
            }
            for (int i = 0; i < nodes && !stopping.get(); i++)
            {
                processes.add(new ProcessBuilder(nodeCommand(i, members, clusterDir)).inheritIO().start());
            }
        }
        if (stopping.get())
        {
            stop(processes); // a node started as the signal came
        }
        spec.commandLine().getOut().println("cluster start: " + nodes + " nodes" +
            (sections == null ? "" : " per section") + ", " + started + ", data under " + dir +
            (options.secret == null ? "" : ", clients need --cluster-secret " + options.secret) +
            " (stop with Ctrl-C)");
        spec.commandLine().getOut().flush();
        final List<Process> running = new ArrayList<>(processes);
        while (!running.isEmpty())
        {
            final Process exited = (Process)CompletableFuture.anyOf(
                running.stream().map(Process::onExit).toArray(CompletableFuture[]::new)).join();
            running.remove(exited);
            if (exited.exitValue() == 1)
            {
                stop(processes);
                return 1;
            }
        }
        return 0;
    }

    /** Asks every node to stop (SIGTERM: a node closes cleanly) and waits up to 10 s for each. */
    private static void stop(final List<Process> processes)
    {
        processes.forEach(Process::destroy);
        for (final Process p : processes)
        {
            try
            {
                p.waitFor(10, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private List<String> nodeCommand(final int id, final String members, final Path clusterDir)
    {
        return NodeJvm.command(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("-Xmx")).toList(), id, members,
            clusterDir.resolve("node-" + id).toAbsolutePath(), options.arguments());
    }
}
