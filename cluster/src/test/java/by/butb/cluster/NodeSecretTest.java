package by.butb.cluster;

import by.butb.engine.core.Command;
import by.butb.engine.core.EventList;
import by.butb.engine.core.EventType;
import by.butb.engine.journal.MessageCodec;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import io.aeron.Aeron;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.codecs.RecordingSignal;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.exceptions.AeronException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static by.butb.cluster.BundledCatalog.CATALOG;
import static by.butb.cluster.BundledCatalog.TIME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node started with {@code --secret FILE} (one member, its own JVM) takes orders from a client that holds the
 * secret, refuses a client with no secret or another one with a message saying which, and admits to its archive's
 * control channel (which other nodes reach over the network) only a client that holds the secret; its archive, as a
 * client of another node's archive, proves it holds the secret too. A host without the secret that writes into the
 * admitted client's session (which Aeron lets any host do that knows the session's id) has its message dropped.
 */
class NodeSecretTest
{
    @TempDir
    Path dir;

    @Test
    void aNodeWithASecretAdmitsToItsIngressAndArchiveOnlyClientsThatHoldIt() throws Exception
    {
        final Path file = dir.resolve("cluster.secret");
        ClusterSecret.create(file);
        final ClusterSecret secret = ClusterSecret.read(file);
        final Path otherFile = dir.resolve("other.secret");
        ClusterSecret.create(otherFile);
        final int base = NodeProcess.freePorts(ClusterMembers.PORTS_PER_MEMBER);
        final String members = "localhost:" + base;
        try (NodeProcess node = NodeProcess.start(0, members, dir.resolve("node-0"), "--secret", file.toString()))
        {
            final Answers answers = new Answers();
            try (ExchangeClient client = NodeProcess.connect(members, secret, 5, answers, node::output))
            {
                final long order = client.submit(new Command().newOrder(TIME, CATALOG.participant("BY-SAVUSHKIN")
                    .index(), 1, CATALOG.instrument("SMP").index(), Side.SELL, OrderType.LIMIT, TimeInForce.GTC,
                    250_000, 1_000));
                assertTrue(NodeProcess.await(30, () ->
                {
                    client.poll();
                    return answers.first.containsKey(order);
                }), "answered" + node.output());
                assertEquals(EventType.ACCEPTED, answers.first.get(order));

                // A host without the secret writes an order into this client's admitted session: it is dropped.
                try (IngressIntruder intruder = new IngressIntruder(members))
                {
                    assertTrue(intruder.learnFromARefusal(30) > 0, "refused, and told its session id");
                    assertTrue(intruder.sendIntoEarlierSessions(Protocol.command(99, 1, new Command().newOrder(TIME,
                        CATALOG.participant("BY-SAVUSHKIN").index(), 2, CATALOG.instrument("SMP").index(), Side.SELL,
                        OrderType.LIMIT, TimeInForce.GTC, 250_000, 1_000), new MessageCodec("intruder"))));
                }
                assertTrue(NodeProcess.await(30, () -> node.printed("dropped an ingress message of ")),
                    "the intruder's message reached the service and was dropped" + node.output());
                assertEquals(0, LeaderProbe.ask(ClusterMembers.parse(members), secret, "localhost", 3,
                    TimeUnit.SECONDS.toNanos(30)).sequence(), "only the client's own order");
            }
            assertRefused(members, ClusterSecret.NONE, "this client has no secret");
            assertRefused(members, ClusterSecret.read(otherFile),
                "this client's secret is not the nodes', or the nodes have none");
            assertFalse(node.printed("no --secret"), node.output());

            try (MediaDriver driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
                .threadingMode(ThreadingMode.SHARED).dirDeleteOnStart(true).dirDeleteOnShutdown(true)))
            {
                final AeronArchive.Context archive = new AeronArchive.Context()
                    .aeronDirectoryName(driver.aeronDirectoryName())
                    .controlRequestChannel("aeron:udp?endpoint=localhost:" + (base + 4))
                    .controlResponseChannel("aeron:udp?endpoint=localhost:0");
                final AeronException refused = assertThrows(AeronException.class,
                    () -> AeronArchive.connect(archive.clone()).close());
                assertTrue(String.valueOf(refused.getMessage()).contains("authentication rejected"),
                    refused.toString());
                final RecordingSignal[] signal = new RecordingSignal[1];
                try (AeronArchive admitted = AeronArchive.connect(archive.clone()
                    .credentialsSupplier(secret.credentials())
                    .recordingSignalConsumer((controlSessionId, correlationId, recordingId, subscriptionId, position,
                        recordingSignal) -> signal[0] = recordingSignal)))
                {
                    final long[] logRecording = {-1};
                    assertTrue(admitted.listRecordings(0, 10, (controlSessionId, correlationId, recordingId,
                        startTimestamp, stopTimestamp, startPosition, stopPosition, initialTermId, segmentFileLength,
                        termBufferLength, mtuLength, sessionId, streamId, strippedChannel, originalChannel,
                        sourceIdentity) -> logRecording[0] = recordingId) > 0, "the node's log is recorded");
                    // As a node catching up in an election does: the archive connects, with the node's credentials,
                    // to an archive's control channel over the network (here its own) to copy a recording.
                    final long replication = admitted.replicate(logRecording[0], Aeron.NULL_VALUE,
                        archive.controlRequestStreamId(), "aeron:udp?endpoint=localhost:" + (base + 4), null);
                    assertTrue(NodeProcess.await(30, () ->
                    {
                        admitted.pollForRecordingSignals();
                        return signal[0] == RecordingSignal.REPLICATE;
                    }), "the archive replicated a recording from a secured archive" + node.output());
                    admitted.stopReplication(replication);
                }
            }
        }
    }

    @Test
    void aNodeGivenAnotherSecretOrNoneSaysSoOnceItHearsTheLeader() throws Exception
    {
        final Path file = dir.resolve("cluster.secret");
        ClusterSecret.create(file);
        final Path otherFile = dir.resolve("other.secret");
        ClusterSecret.create(otherFile);
        final int base = NodeProcess.freePorts(30);
        final String members = "localhost:" + base + ",localhost:" + (base + 10) + ",localhost:" + (base + 20);
        final List<NodeProcess> nodes = new ArrayList<>();
        try
        {
            nodes.add(NodeProcess.start(0, members, dir.resolve("n0"), "--secret", file.toString()));
            nodes.add(NodeProcess.start(1, members, dir.resolve("n1"), "--secret", file.toString()));
            nodes.add(NodeProcess.start(2, members, dir.resolve("n2"), "--secret", otherFile.toString()));
            final Supplier<String> outputs = () -> nodes.stream().map(NodeProcess::output)
                .collect(Collectors.joining("\n"));
            assertTrue(NodeProcess.await(60, () -> nodes.stream().anyMatch(n -> n.printed("role LEADER"))),
                "a leader" + outputs.get());
            final boolean oddOneLeads = nodes.get(2).printed("role LEADER");
            assertTrue(NodeProcess.await(30, () -> oddOneLeads ?
                nodes.get(0).printed("the leader's secret differs from this node's (fingerprint ") :
                nodes.get(2).printed("the leader's secret differs from this node's (fingerprint ")),
                "the node whose secret is not the leader's says so" + outputs.get());
        }
        finally
        {
            for (final NodeProcess node : nodes)
            {
                node.close();
            }
        }
    }

    private static void assertRefused(final String members, final ClusterSecret secret, final String why)
    {
        final ClusterConfigException ex = assertThrows(ClusterConfigException.class, () -> new ExchangeClient(
            ClusterMembers.parse(members), secret, "localhost", 6, new Answers()).close());
        assertTrue(ex.getMessage().startsWith("the cluster's leader refused this client ("), ex.getMessage());
        assertTrue(ex.getMessage().contains(why + "; give it the file that the nodes were given as --secret FILE"),
            ex.getMessage());
    }

    /** The type of the first event of each answered request. */
    private static final class Answers implements ExchangeClient.Listener
    {
        final Map<Long, EventType> first = new ConcurrentHashMap<>();

        @Override
        public void onEvents(final long requestId, final EventList events)
        {
            first.put(requestId, events.get(0).type);
        }
    }
}
