package by.butb.cluster;

import by.butb.engine.core.EventList;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Asks a cluster for its state at the current point of its log, as {@code butb cluster probe} does: a probe goes
 * through the log (so every node also writes its own {@link StateProbe} file at that point) and the leader answers.
 * Changes no state, so it may run beside the cluster's writer. Threading: the calling thread only.
 */
public final class LeaderProbe
{
    private LeaderProbe()
    {
    }

    /**
     * The leader's answer to probe {@code probeId}, or null when none came within {@code timeoutNanos}, which also
     * bounds the wait to connect.
     *
     * @param secret the nodes' secret, or {@link ClusterSecret#NONE}.
     * @param host   this machine's address as the nodes reach it.
     * @throws ClusterConfigException or an Aeron exception when the client cannot start ({@link
     *                                io.aeron.exceptions.TimeoutException} when no leader answered in time).
     */
    public static StateProbe ask(final ClusterMembers members, final ClusterSecret secret, final String host,
        final long probeId, final long timeoutNanos)
    {
        final StateProbe[] answer = new StateProbe[1];
        final ExchangeClient.Listener listener = new ExchangeClient.Listener()
        {
            @Override
            public void onEvents(final long requestId, final EventList events)
            {
            }

            @Override
            public void onProbe(final long id, final long sequence, final long stateHash, final int liveOrders)
            {
                if (id == probeId)
                {
                    answer[0] = new StateProbe(id, sequence, stateHash, liveOrders);
                }
            }
        };
        final long deadline = System.nanoTime() + timeoutNanos;
        try (ExchangeClient client = new ExchangeClient(members, secret, host, System.nanoTime(), listener,
            new SleepingMillisIdleStrategy(1), timeoutNanos))
        {
            boolean sent = false;
            while (answer[0] == null && System.nanoTime() < deadline)
            {
                sent = sent || client.probe(probeId);
                if (client.poll() == 0)
                {
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
                }
            }
        }
        return answer[0];
    }
}
