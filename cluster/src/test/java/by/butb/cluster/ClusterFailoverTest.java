package by.butb.cluster;

import by.butb.engine.core.Command;
import by.butb.engine.core.EventList;
import by.butb.engine.model.Catalog;
import io.aeron.cluster.ClusterTool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three nodes, each its own JVM on the loopback: a client streams orders, the cluster takes a snapshot, the leader's
 * process is killed mid-stream, and the test checks that a new leader takes over, that every request is answered
 * exactly once, that the survivors' state equals one engine's run of the same commands, and that the killed node,
 * restarted, recovers from its snapshot and log and catches up to the same state. The nodes share a secret
 * ({@code --secret}), so every client and archive connection among them and from the client is authenticated.
 */
class ClusterFailoverTest
{
    private static final long SEED = 21;
    private static final int ORDERS = 3_000;
    private static final int SNAPSHOT_AT = 400;
    private static final int KILL_AT = 1_000;
    private static final int WINDOW = 100;
    private static final long NEW_LEADER_WITHIN_S = 15;

    private final List<NodeProcess> nodes = new ArrayList<>();
    private Path root;

    @AfterEach
    void stopNodes() throws Exception
    {
        for (final NodeProcess node : nodes)
        {
            node.close();
        }
        if (root != null)
        {
            try (Stream<Path> files = Files.walk(root))
            {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void shouldKeepEveryAnsweredOrderAndEqualStatesAcrossALeaderKill() throws Exception
    {
        root = Files.createTempDirectory(Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") :
            Path.of("target"), "cluster-failover-");
        final int base = NodeProcess.freePorts(30);
        final String members = "localhost:" + base + ",localhost:" + (base + 10) + ",localhost:" + (base + 20);
        final Path secretFile = root.resolve("cluster.secret");
        ClusterSecret.create(secretFile);
        for (int id = 0; id < 3; id++)
        {
            nodes.add(NodeProcess.start(id, members, root.resolve("node-" + id), "--secret", secretFile.toString()));
        }
        final Catalog catalog = BundledCatalog.CATALOG;
        final List<Command> commands = OrderFlow.commands(catalog, SEED, ORDERS);
        final Replies replies = new Replies();
        final ExchangeClient client = NodeProcess.connect(members, ClusterSecret.read(secretFile), 7, replies,
            this::outputs);
        try (client)
        {
            stream(client, commands, 0, SNAPSHOT_AT);
            takeSnapshot(replies.leader);
            stream(client, commands, SNAPSHOT_AT, KILL_AT);
            final int killed = replies.leader;
            final long killedAt = System.nanoTime();
            nodes.get(killed).kill();
            stream(client, commands, KILL_AT, ORDERS);
            assertTrue(replies.leaderChangedAt > killedAt, "a new leader was announced" + outputs());
            assertNotEquals(killed, replies.leader, "the new leader is another node");
            assertTrue(replies.leaderChangedAt - killedAt < TimeUnit.SECONDS.toNanos(NEW_LEADER_WITHIN_S),
                "new leader within " + NEW_LEADER_WITHIN_S + " s, took " +
                TimeUnit.NANOSECONDS.toMillis(replies.leaderChangedAt - killedAt) + " ms");
            awaitAnswers(client, replies);
            System.out.println("ClusterFailoverTest: node " + replies.leader + " led " +
                TimeUnit.NANOSECONDS.toMillis(replies.leaderChangedAt - killedAt) + " ms after node " + killed +
                " was killed; " + replies.alreadyApplied + " requests answered as already applied");
            assertEquals(ORDERS, replies.answers.size(), "every request answered");

            final long expected = OrderFlow.singleProcessHash(catalog, commands);
            final StateProbe leaderState = probe(client, replies, 1);
            assertEquals(ORDERS - 1, leaderState.sequence(), "the log holds each command once");
            assertEquals(expected, leaderState.hash(), "the leader's state equals one engine's run of the commands");
            for (final NodeProcess node : nodes)
            {
                if (node.id() != killed)
                {
                    assertEquals(leaderState, awaitProbe(node.id(), 1), "survivor " + node.id() + "'s state");
                }
            }

            nodes.set(killed, NodeProcess.start(killed, members, root.resolve("node-" + killed), "--secret",
                secretFile.toString()));
            assertTrue(NodeProcess.await(60, () -> nodes.get(killed).printed("loaded a snapshot")),
                "the restarted node loaded its snapshot" + outputs());
            final StateProbe after = probe(client, replies, 2);
            assertEquals(expected, after.hash());
            assertEquals(after, awaitProbe(killed, 2), "the restarted node caught up" + outputs());
            assertFalse(outputs().contains("the leader's secret differs"), "one secret for all" + outputs());
        }
    }


    /** Submits commands [from, to), at most {@link #WINDOW} unanswered; returns with up to that many in flight. */
    private void stream(final ExchangeClient client, final List<Command> commands, final int from, final int to)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int next = from;
        while (next < to)
        {
            if (client.pending() < WINDOW)
            {
                client.submit(commands.get(next++));
            }
            else if (client.poll() == 0)
            {
                idle(deadline, "streaming, at command " + next);
            }
        }
    }

    private void awaitAnswers(final ExchangeClient client, final Replies replies) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (client.pending() > 0)
        {
            if (client.poll() == 0)
            {
                idle(deadline, client.pending() + " requests unanswered");
            }
        }
        replies.checkEachAnsweredOnce();
    }

    private void idle(final long deadline, final String what) throws InterruptedException
    {
        if (System.nanoTime() > deadline)
        {
            throw new AssertionError("timed out " + what + outputs());
        }
        Thread.sleep(1);
    }

    private void takeSnapshot(final int leader)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final boolean done = ClusterTool.snapshot(root.resolve("node-" + leader).resolve("cluster").toFile(),
            new PrintStream(out, true, StandardCharsets.UTF_8));
        assertTrue(done, "snapshot taken: " + out.toString(StandardCharsets.UTF_8) + outputs());
    }

    private StateProbe probe(final ExchangeClient client, final Replies replies, final long probeId)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        boolean sent = false;
        while (!replies.probes.containsKey(probeId))
        {
            sent = sent || client.probe(probeId);
            if (client.poll() == 0)
            {
                idle(deadline, "waiting for probe " + probeId);
            }
        }
        return replies.probes.get(probeId);
    }

    private StateProbe awaitProbe(final int node, final long probeId) throws InterruptedException
    {
        return NodeProcess.awaitProbeFile(root.resolve("node-" + node), probeId);
    }

    private String outputs()
    {
        final StringBuilder all = new StringBuilder();
        nodes.forEach(n -> all.append('\n').append(n.output()));
        return all.toString();
    }

    /** What the client heard (on the test's thread, which polls the client). */
    private static final class Replies implements ExchangeClient.Listener
    {
        final Map<Long, Integer> answers = new HashMap<>();
        final Map<Long, StateProbe> probes = new HashMap<>();
        int leader = -1;
        long leaderChangedAt;
        int alreadyApplied;

        @Override
        public void onEvents(final long requestId, final EventList events)
        {
            answers.merge(requestId, 1, Integer::sum);
        }

        @Override
        public void onAlreadyApplied(final long requestId)
        {
            alreadyApplied++;
            answers.merge(requestId, 1, Integer::sum);
        }

        @Override
        public void onMalformed(final long requestId, final String problem)
        {
            throw new AssertionError("request " + requestId + " malformed: " + problem);
        }

        @Override
        public void onProbe(final long probeId, final long sequence, final long stateHash, final int liveOrders)
        {
            probes.put(probeId, new StateProbe(probeId, sequence, stateHash, liveOrders));
        }

        @Override
        public void onLeader(final int leaderMemberId)
        {
            if (leaderMemberId != leader)
            {
                leader = leaderMemberId;
                leaderChangedAt = System.nanoTime();
            }
        }

        void checkEachAnsweredOnce()
        {
            answers.forEach((id, count) -> assertEquals(1, count, "request " + id + " answered once"));
        }
    }
}
