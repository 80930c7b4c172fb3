package by.butb.bench.cluster;

import by.butb.cluster.NodeJvm;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Nodes on this machine, each a JVM of its own ({@code butb cluster node}, with this JVM's class path and
 * {@code --add-} flags, and {@link #NODE_HEAP}), on free UDP ports from {@link #FIRST_PORT}, with their data under
 * one directory; their output is kept for error messages.
 */
final class LocalCluster implements AutoCloseable
{
    static final String NODE_HEAP = "-Xmx512m";
    private static final int FIRST_PORT = 19_100;
    private static final long LEADER_TIMEOUT_SECONDS = 60;

    private final List<Process> processes = new ArrayList<>();
    private final String members;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    /**
     * Starts {@code nodes} nodes with data in {@code dir}/node-N; {@code lowCpu}: they sleep 1 ms when idle;
     * {@code options}: more options of {@code cluster node}.
     */
    LocalCluster(final int nodes, final Path dir, final boolean lowCpu, final List<String> options) throws IOException
    {
        final int base = freePorts(nodes);
        final StringJoiner joiner = new StringJoiner(",");
        for (int i = 0; i < nodes; i++)
        {
            joiner.add("localhost:" + (base + 10 * i));
        }
        members = joiner.toString();
        try
        {
            for (int id = 0; id < nodes; id++)
            {
                final List<String> nodeOptions = new ArrayList<>(options);
                if (lowCpu)
                {
                    nodeOptions.add("--low-cpu");
                }
                final Process process = new ProcessBuilder(NodeJvm.command(List.of(NODE_HEAP), id, members,
                    dir.resolve("node-" + id), nodeOptions)).redirectErrorStream(true).start();
                processes.add(process);
                NodeJvm.collectOutput(process, lines, "node-" + id + "-output");
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            close();
            throw ex;
        }
    }

    String members()
    {
        return members;
    }

    /** Waits until a node has printed that it leads; throws with the nodes' output otherwise. */
    void awaitLeader() throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LEADER_TIMEOUT_SECONDS);
        while (lines.stream().noneMatch(l -> l.contains("role LEADER")))
        {
            if (processes.stream().anyMatch(p -> !p.isAlive()) || System.nanoTime() > deadline)
            {
                throw new IllegalStateException("no node became leader within " + LEADER_TIMEOUT_SECONDS +
                    " s, or a node stopped; output:\n  " + String.join("\n  ", lines));
            }
            Thread.sleep(20);
        }
    }

    /** Stops the nodes (SIGTERM: each closes cleanly), killing any still running after 10 s. */
    @Override
    public void close()
    {
        processes.forEach(Process::destroy);
        for (final Process p : processes)
        {
            try
            {
                if (!p.waitFor(10, TimeUnit.SECONDS))
                {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }

    /** A base port with the {@code nodes} members' ports free on the loopback (5 of every 10 from it). */
    private static int freePorts(final int nodes)
    {
        for (int base = FIRST_PORT; base < 60_000; base += 10 * nodes)
        {
            if (free(base, nodes))
            {
                return base;
            }
        }
        throw new IllegalStateException("no free UDP ports for " + nodes + " nodes from " + FIRST_PORT);
    }

    private static boolean free(final int base, final int nodes)
    {
        for (int i = 0; i < nodes; i++)
        {
            for (int p = base + 10 * i; p < base + 10 * i + 5; p++)
            {
                try (DatagramSocket socket = new DatagramSocket(p, InetAddress.getLoopbackAddress()))
                {
                    socket.setReuseAddress(false);
                }
                catch (final SocketException ex)
                {
                    return false;
                }
            }
        }
        return true;
    }
}
