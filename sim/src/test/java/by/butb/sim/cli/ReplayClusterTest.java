package by.butb.sim.cli;

import by.butb.cluster.ClusterMembers;
import by.butb.cluster.ClusterSecret;
import by.butb.cluster.LeaderProbe;
import by.butb.cluster.NodeProcess;
import by.butb.cluster.StateProbe;
import by.butb.engine.core.MarketRules;
import by.butb.sim.Butb;
import by.butb.sim.replay.Replay;
import by.butb.sim.replay.Source;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code replay --cluster}: three nodes, each its own JVM on the loopback; the bundled sample replayed into them
 * leaves the cluster in the replay's state, and a second replay into the same (no longer new) cluster is refused; a
 * cluster of one section is refused before the replay sends it anything.
 */
class ReplayClusterTest
{
    @Test
    void shouldReplayIntoANewClusterWithTheSameEventsAndRefuseAClusterInUse() throws Exception
    {
        final Path root = Files.createTempDirectory(Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") :
            Path.of("target"), "replay-cluster-");
        final List<NodeProcess> nodes = new ArrayList<>();
        try
        {
            final int base = NodeProcess.freePorts(30);
            final String members = "localhost:" + base + ",localhost:" + (base + 10) + ",localhost:" + (base + 20);
            for (int id = 0; id < 3; id++)
            {
                nodes.add(NodeProcess.start(id, members, root.resolve("node-" + id)));
            }
            assertTrue(NodeProcess.await(60, () -> nodes.stream().anyMatch(n -> n.printed("role LEADER"))),
                "a leader");

            final Butb.Run run = Butb.run("replay", "--cluster", members, "--out", root.resolve("out").toString());
            assertEquals(0, run.exitCode(), run.err());
            final Replay.Result alone = Replay.run(new Replay.Options(Source.SAMPLE_ORDERS,
                Source.DEFAULT_INSTRUMENTS, Source.DEFAULT_PARTICIPANTS, null, root.resolve("alone"), null,
                new MarketRules(1000, 10)), line -> { });
            assertTrue(run.out().startsWith("the cluster " + members + " applied the " + alone.commands() +
                " commands with the same events"), run.out());
            final StateProbe probe = probe(members);
            assertEquals(alone.commands() - 1, probe.sequence());
            assertEquals(alone.stateHash(), probe.hash(), "the cluster's state is the replay's");

            final Butb.Run again = Butb.run("replay", "--cluster", members, "--out", root.resolve("out2").toString());
            assertEquals(1, again.exitCode());
            assertEquals("butb replay: error: the cluster " + ClusterMembers.parse(members) + " has applied " +
                alone.commands() + " commands already: replay --cluster needs a new cluster" + System.lineSeparator(),
                again.err());
        }
        finally
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

    @Test
    void shouldRefuseAClusterOfOneSectionNamingItAndSendItNothing() throws Exception
    {
        final Path root = Files.createTempDirectory(Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") :
            Path.of("target"), "replay-section-");
        final String members = "localhost:" + NodeProcess.freePorts(10);
        try (NodeProcess node = NodeProcess.start(0, members, root.resolve("n"), "--section", "AGRI"))
        {
            assertTrue(NodeProcess.await(60, () -> node.printed("role LEADER")), "a leader: " + node.output());
            final Butb.Run run = Butb.run("replay", "--cluster", members, "--out", root.resolve("out").toString());
            assertEquals(1, run.exitCode(), run.out());
            assertEquals("butb replay: error: the cluster " + ClusterMembers.parse(members) + " trades section AGRI " +
                "only (its nodes started with --section AGRI): replay --cluster needs a cluster of every section, " +
                "whose nodes start without --section; a cluster per section takes orders through serve " +
                "--section-cluster" + System.lineSeparator(), run.err());
            assertEquals(-1, probe(members).sequence(), "the cluster applied nothing");
        }
        finally
        {
            try (Stream<Path> files = Files.walk(root))
            {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The cluster's state, as {@code butb cluster probe} asks the leader for it (null after 60 s without answer). */
    static StateProbe probe(final String members)
    {
        return LeaderProbe.ask(ClusterMembers.parse(members), ClusterSecret.NONE, "localhost", 1,
            TimeUnit.SECONDS.toNanos(60));
    }
}
