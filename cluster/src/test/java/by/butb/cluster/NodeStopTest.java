package by.butb.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node stops cleanly on SIGTERM and exits 0, also when the signal comes twice at once (Ctrl-C reaches a node of
 * {@code cluster start} directly, and {@code cluster start} then sends it SIGTERM): Aeron's cluster contexts load
 * Agrona's signal handler, which must not leave the node deaf.
 */
class NodeStopTest
{
    @TempDir
    Path dir;

    @Test
    void aNodeStopsCleanlyOnSigtermEvenTwiceAtOnce() throws Exception
    {
        final String members = "localhost:" + NodeProcess.freePorts(ClusterMembers.PORTS_PER_MEMBER);
        try (NodeProcess node = NodeProcess.start(0, members, dir.resolve("node-0")))
        {
            assertTrue(NodeProcess.await(60, () -> node.printed("role LEADER")), node.output());
            node.process().toHandle().destroy(); // SIGTERM, leaving its output to read
            node.process().toHandle().destroy();
            assertTrue(node.process().waitFor(30, TimeUnit.SECONDS), "stopped: " + node.output());
            assertEquals(0, node.process().exitValue(), node.output());
            assertTrue(NodeProcess.await(5, () -> node.printed("node 0: stopping")), node.output());
        }
    }
}
