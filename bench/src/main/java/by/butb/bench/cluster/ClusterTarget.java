package by.butb.bench.cluster;

import by.butb.cluster.ClusterMembers;
import by.butb.cluster.ClusterSecret;
import by.butb.cluster.ExchangeClient;
import by.butb.engine.core.Command;
import by.butb.engine.core.EventList;
import by.butb.harness.CompletionRecorder;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Three nodes ({@link LocalCluster}) and one {@link ExchangeClient} on this thread: a command is answered when its
 * reply (the command's events) reaches the client. The client's media driver sleeps 1 ms when idle with
 * {@code lowCpu}, as {@code butb cluster probe} runs it; otherwise it backs off from spinning to parking, as the
 * nodes do.
 */
final class ClusterTarget implements RoundTripTarget, ExchangeClient.Listener
{
    static final int NODES = 3;

    private final CompletionRecorder recorder;
    private final LocalCluster cluster;
    private final ExchangeClient client;
    /** Request id to intended send time. */
    private final Long2LongHashMap intended = new Long2LongHashMap(Long.MIN_VALUE);
    private final String description;
    private long problems;

    ClusterTarget(final Path dir, final boolean lowCpu, final boolean withSecret, final CompletionRecorder recorder)
        throws IOException, InterruptedException
    {
        this.recorder = recorder;
        final Path secretFile = dir.resolve("cluster.secret");
        if (withSecret)
        {
            Files.createDirectories(dir);
            ClusterSecret.create(secretFile);
        }
        cluster = new LocalCluster(NODES, dir, lowCpu, withSecret ? List.of("--secret", secretFile.toString()) :
            List.of());
        try
        {
            cluster.awaitLeader();
            client = new ExchangeClient(ClusterMembers.parse(cluster.members()),
                withSecret ? ClusterSecret.read(secretFile) : ClusterSecret.NONE, "localhost",
                System.currentTimeMillis(), this, lowCpu ? new SleepingMillisIdleStrategy(1) :
                new BackoffIdleStrategy());
        }
        catch (final RuntimeException | InterruptedException ex)
        {
            cluster.close();
            throw ex;
        }
        description = "cluster: " + NODES + " nodes on this machine, one JVM each (" + LocalCluster.NODE_HEAP +
            "), members " + cluster.members() + ", data in " + dir + ", " +
            (lowCpu ? "low-cpu (nodes and client driver sleep 1 ms when idle)" : "nodes and client driver back off") +
            (withSecret ? ", a secret (sessions challenged, every message sealed)" : ", no secret") +
            "; client: ExchangeClient with an embedded media driver";
    }

    @Override
    public void submit(final Command command, final long intendedNanos)
    {
        intended.put(client.submit(command), intendedNanos);
    }

    @Override
    public int poll()
    {
        return client.poll();
    }

    @Override
    public void onEvents(final long requestId, final EventList events)
    {
        recorder.complete(intended.remove(requestId));
    }

    @Override
    public void onAlreadyApplied(final long requestId)
    {
        recorder.complete(intended.remove(requestId));
    }

    @Override
    public void onMalformed(final long requestId, final String problem)
    {
        problems++;
        recorder.complete(intended.remove(requestId));
    }

    /** Requests the cluster could not read (none expected). */
    long problems()
    {
        return problems;
    }

    @Override
    public String describe()
    {
        return description;
    }

    @Override
    public void close()
    {
        try
        {
            client.close();
        }
        finally
        {
            cluster.close();
        }
    }
}
