package by.butb.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A cluster node run as its own JVM ({@code ClusterCommand node}, this test's classpath), with its output lines
 * collected for the test to wait on. Public for the gateway's cluster tests (this module's test jar).
 */
public final class NodeProcess implements AutoCloseable
{
    private static final int FIRST_PORT = 20_000;
    private static final int LAST_PORT = 31_999;

    private final int id;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private NodeProcess(final int id, final Process process)
    {
        this.id = id;
        this.process = process;
        NodeJvm.collectOutput(process, lines, "node-" + id + "-output");
    }

    /** A node of the bundled catalog ({@code ../config}), 2 s heartbeat timeout, low CPU, then {@code extra}. */
    public static NodeProcess start(final int id, final String members, final Path dir, final String... extra)
        throws IOException
    {
        return start(id, members, dir, Path.of("../config/instruments.csv"), Path.of("../config/participants.csv"),
            extra);
    }

    /** As above, with the catalog of these files. */
    public static NodeProcess start(final int id, final String members, final Path dir, final Path instruments,
        final Path participants, final String... extra) throws IOException
    {
        final List<String> options = new ArrayList<>(List.of("--instruments", instruments.toString(),
            "--participants", participants.toString(), "--heartbeat-timeout-ms", "2000", "--low-cpu"));
        options.addAll(List.of(extra));
        final List<String> jvm = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        return new NodeProcess(id, new ProcessBuilder(NodeJvm.command(jvm, id, members, dir, options))
            .redirectErrorStream(true).start());
    }

    public int id()
    {
        return id;
    }

    public Process process()
    {
        return process;
    }

    public boolean printed(final String fragment)
    {
        return lines.stream().anyMatch(l -> l.contains(fragment));
    }

    public String output()
    {
        return "node " + id + " output:\n  " + String.join("\n  ", lines);
    }

    public void kill() throws InterruptedException
    {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException
    {
        if (process.isAlive())
        {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS))
            {
                kill();
            }
        }
    }

    /**
     * A client of the cluster of {@code members} on the loopback, connected once a leader answers (tries for 60 s);
     * {@code outputs} (the nodes' output) goes into the failure message.
     */
    public static ExchangeClient connect(final String members, final long clientId,
        final ExchangeClient.Listener listener, final Supplier<String> outputs) throws InterruptedException
    {
        return connect(members, ClusterSecret.NONE, clientId, listener, outputs);
    }

    /** As above, for nodes started with {@code --secret}: the client holds {@code secret}. */
    public static ExchangeClient connect(final String members, final ClusterSecret secret, final long clientId,
        final ExchangeClient.Listener listener, final Supplier<String> outputs) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true)
        {
            try
            {
                return new ExchangeClient(ClusterMembers.parse(members), secret, "localhost", clientId, listener);
            }
            catch (final io.aeron.exceptions.AeronException ex)
            {
                if (System.nanoTime() > deadline)
                {
                    throw new AssertionError("no leader within 60 s" + outputs.get(), ex);
                }
                Thread.sleep(200);
            }
        }
    }

    /** Polls {@code condition} every 10 ms until it holds or {@code seconds} pass; returns whether it held. */
    public static boolean await(final long seconds, final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** The probe the node of {@code dir} wrote for {@code probeId} (waits up to 60 s for it), or its last probe. */
    public static StateProbe awaitProbeFile(final Path dir, final long probeId) throws InterruptedException
    {
        final StateProbe[] found = new StateProbe[1];
        await(60, () ->
        {
            try
            {
                found[0] = StateProbe.readFrom(dir);
                return found[0] != null && found[0].probeId() == probeId;
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        });
        return found[0];
    }

    /**
     * A base port with {@code count} (at most 100) free UDP ports from it on the loopback, searched from a
     * pid-dependent start among 20,000-31,999: below Linux's ephemeral range (from 32,768), so that a port another
     * process's client is given by the system cannot take one of them between this check and the node's start.
     */
    public static int freePorts(final int count)
    {
        final int slots = (LAST_PORT + 1 - FIRST_PORT) / 100;
        final int first = (int)(ProcessHandle.current().pid() % slots);
        for (int k = 0; k < slots; k++)
        {
            final int base = FIRST_PORT + (first + k) % slots * 100;
            if (allFree(base, count))
            {
                return base;
            }
        }
        throw new IllegalStateException("no " + count + " free UDP ports between " + FIRST_PORT + " and " + LAST_PORT);
    }

    private static boolean allFree(final int base, final int count)
    {
        for (int p = base; p < base + count; p++)
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
        return true;
    }
}
