package by.butb.gateway;

import by.butb.cluster.ClusterMembers;
import by.butb.cluster.ClusterSecret;
import by.butb.cluster.ExchangeClient;
import by.butb.cluster.LeaderProbe;
import by.butb.cluster.NodeProcess;
import by.butb.cluster.StateProbe;
import by.butb.engine.core.Command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Three cluster nodes of the {@link TestCatalog}, each its own JVM on the loopback (the cluster module's
 * {@link NodeProcess}, 2 s heartbeat timeout), under a temporary directory that {@link #close} deletes; with a
 * secret, the nodes share one ({@code --secret}) and {@link #gatewayOptions} hold it.
 */
final class TestCluster implements AutoCloseable
{
    private final Path root;
    private final List<NodeProcess> nodes = new ArrayList<>();
    final String members;
    final ClusterSecret secret;

    TestCluster() throws IOException
    {
        this(false);
    }

    TestCluster(final boolean withSecret) throws IOException
    {
        root = Files.createTempDirectory(Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") :
            Path.of("target"), "gateway-cluster-");
        final Path instruments = root.resolve("instruments.csv");
        final Path participants = root.resolve("participants.csv");
        Files.writeString(instruments, TestCatalog.INSTRUMENTS);
        Files.writeString(participants, TestCatalog.participantsCsv());
        final int base = NodeProcess.freePorts(30);
        members = "localhost:" + base + ",localhost:" + (base + 10) + ",localhost:" + (base + 20);
        final Path secretFile = root.resolve("cluster.secret");
        if (withSecret)
        {
            ClusterSecret.create(secretFile);
        }
        secret = withSecret ? ClusterSecret.read(secretFile) : ClusterSecret.NONE;
        final String[] extra = withSecret ? new String[] {"--secret", secretFile.toString()} : new String[0];
        for (int id = 0; id < 3; id++)
        {
            nodes.add(NodeProcess.start(id, members, root.resolve("node-" + id), instruments, participants, extra));
        }
    }

    /** Gateway options of the test catalog on a free loopback port, with the engine on this cluster. */
    GatewayOptions gatewayOptions()
    {
        return TestCatalog.options().cluster(ClusterMembers.parse(members), "localhost").clusterSecret(secret)
            .clusterStartTimeoutMillis(60_000).dataDirectory(root.resolve("gateway"));
    }

    /** The node that leads now: the last one to print that it became the leader and still running. */
    int leader() throws InterruptedException
    {
        final int[] found = {-1};
        if (!NodeProcess.await(60, () ->
        {
            for (final NodeProcess node : nodes)
            {
                if (node.process().isAlive() && node.printed("role LEADER"))
                {
                    found[0] = node.id();
                }
            }
            return found[0] >= 0;
        }))
        {
            throw new AssertionError("no leader within 60 s" + outputs());
        }
        return found[0];
    }

    void kill(final int node) throws InterruptedException
    {
        nodes.get(node).kill();
    }

    /**
     * Asks every node to record its state at this point of the log ({@code butb cluster probe}) and returns the
     * leader's answer. The probe changes no state: the gateway stays the only writer.
     */
    StateProbe probe(final long probeId)
    {
        final StateProbe answer = LeaderProbe.ask(ClusterMembers.parse(members), secret, "localhost",
            probeId, TimeUnit.SECONDS.toNanos(60));
        if (answer == null)
        {
            throw new AssertionError("no answer to probe " + probeId + outputs());
        }
        return answer;
    }

    /** Applies {@code command} through a client of its own, as a second writer would; returns once it is applied. */
    void submitAsAnotherWriter(final Command command) throws InterruptedException
    {
        final boolean[] answered = new boolean[1];
        try (ExchangeClient client = new ExchangeClient(ClusterMembers.parse(members), secret, "localhost",
            System.nanoTime(), (requestId, events) -> answered[0] = true))
        {
            client.submit(command);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!answered[0])
            {
                if (System.nanoTime() > deadline)
                {
                    throw new AssertionError("the command was not answered" + outputs());
                }
                if (client.poll() == 0)
                {
                    Thread.sleep(1);
                }
            }
        }
    }

    /** What node {@code node} wrote for probe {@code probeId} (waits up to 60 s for it), or its last probe. */
    StateProbe probeOf(final int node, final long probeId) throws InterruptedException
    {
        return NodeProcess.awaitProbeFile(root.resolve("node-" + node), probeId);
    }

    String outputs()
    {
        final StringBuilder all = new StringBuilder();
        nodes.forEach(n -> all.append('\n').append(n.output()));
        return all.toString();
    }

    @Override
    public void close() throws Exception
    {
        for (final NodeProcess node : nodes)
        {
            node.close();
        }
        try (Stream<Path> files = Files.walk(root))
        {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
