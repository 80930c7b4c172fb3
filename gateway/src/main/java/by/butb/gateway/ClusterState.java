package by.butb.gateway;

import by.butb.cluster.ClusterMembers;
import by.butb.cluster.ClusterSecret;
import by.butb.cluster.ClusterNode;
import by.butb.cluster.ExchangeClient;
import by.butb.cluster.NodeConfig;
import by.butb.engine.core.EngineSnapshot;
import by.butb.engine.core.EventList;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.core.SectionScope;
import io.aeron.exceptions.AeronException;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The start of {@code serve --cluster}: connects an {@link ExchangeClient} to the cluster, asks its leader for the
 * engine's state ({@link ExchangeClient#requestState}) and loads it into a fresh engine of the gateway's catalog,
 * rules and schedule, after checking that the cluster's are the same. {@link ClusterMirror} then takes over the
 * client and the engine ({@link #redirect} hands it the client's replies). Threading: the starting thread, until the
 * mirror's thread takes over.
 */
final class ClusterState implements ExchangeClient.Listener
{
    /** A state request not answered within this long is asked again (its answer may have been dropped). */
    private static final long ASK_AGAIN_NS = TimeUnit.SECONDS.toNanos(3);

    private final ExchangeClient client;
    private final MatchingEngine engine;
    private final String where;
    private ExchangeClient.Listener target;
    private byte[] state;
    private int leader = -1;

    private ClusterState(final GatewayOptions o, final ClusterMembers members, final SectionScope scope)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(o.clusterStartTimeoutMillis);
        final long seconds = TimeUnit.MILLISECONDS.toSeconds(o.clusterStartTimeoutMillis);
        client = connect(members, o.clusterSecret, o.clusterHost, deadline, seconds);
        try
        {
            engine = new MatchingEngine(o.catalog, o.rules, o.schedule, o.expectedOrders > 0 ? o.expectedOrders :
                NodeConfig.EXPECTED_ORDERS, scope);
            load(awaitState(deadline, seconds), o, scope);
        }
        catch (final RuntimeException ex)
        {
            client.close();
            throw ex;
        }
        where = (scope.isAll() ? "engine" : "section " + scope.name(o.catalog)) + " on the cluster " + members +
            " (leader: member " + leader + "), its state at sequence " + engine.lastSequence() + " with " +
            engine.liveOrderCount() + " live orders";
    }

    /** Connects and loads the cluster's state; throws {@link IllegalStateException} naming what went wrong. */
    static ClusterState fetch(final GatewayOptions o)
    {
        return new ClusterState(o, o.cluster, SectionScope.ALL);
    }

    /**
     * Connects to the cluster of each section ({@link GatewayOptions#sectionClusters}) and loads its state, in the
     * catalog's section order; on a failure closes the clients it opened and throws as {@link #fetch(GatewayOptions)}.
     */
    static List<ClusterState> fetchSections(final GatewayOptions o)
    {
        final List<ClusterState> states = new ArrayList<>();
        try
        {
            for (int s = 0; s < o.catalog.sections().size(); s++)
            {
                final SectionScope scope = new SectionScope(s, o.catalog.sections().size());
                states.add(new ClusterState(o, o.sectionClusters.get(o.catalog.sections().get(s)), scope));
            }
            return states;
        }
        catch (final RuntimeException ex)
        {
            states.forEach(state -> state.client().close());
            throw ex;
        }
    }

    private ExchangeClient connect(final ClusterMembers members, final ClusterSecret secret, final String host,
        final long deadline, final long seconds)
    {
        // A client id of its own for every run: the cluster applies each (client id, request id) once.
        final long clientId = System.currentTimeMillis();
        while (true)
        {
            try
            {
                return new ExchangeClient(members, secret, host, clientId, this);
            }
            catch (final AeronException ex)
            {
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("no leader of the cluster " + members + " answered within " +
                        seconds + " s (are the nodes running, and do they reach this machine as " + host +
                        "? --cluster-host): " + String.valueOf(ex.getMessage()).split(":")[0], ex);
                }
                sleep();
            }
        }
    }

    private byte[] awaitState(final long deadline, final long seconds)
    {
        if (!client.awaitState(() -> state != null, deadline, ASK_AGAIN_NS, ClusterState::sleep))
        {
            throw new IllegalStateException("the cluster's leader did not send its state within " + seconds + " s");
        }
        return state;
    }

    private static void sleep()
    {
        try
        {
            Thread.sleep(1);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the cluster's state", ex);
        }
    }

    /** Checks the cluster's rules and catalog against the gateway's, then loads its snapshot into the engine. */
    private void load(final byte[] bytes, final GatewayOptions o, final SectionScope scope)
    {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes)))
        {
            final String clusterRules = in.readUTF();
            final String ours = ClusterNode.rules(o.rules, o.schedule, o.catalog, scope);
            final String section = ClusterNode.sectionOf(clusterRules);
            if (scope.isAll() && section != null)
            {
                throw new ClusterMismatchException(ClusterMismatchException.Kind.RULES, "the cluster trades section " +
                    section + " only (its nodes started with --section " + section + "): a gateway on one cluster " +
                    "needs a cluster of every section, whose nodes start without --section; for a cluster per " +
                    "section give --section-cluster SECTION=MEMBERS for each");
            }
            if (!clusterRules.equals(ours))
            {
                throw new ClusterMismatchException(ClusterMismatchException.Kind.RULES,
                    "the cluster runs with " + clusterRules + ", this gateway with " +
                    ours + (scope.isAll() ? ": give both the same rules and schedule" :
                    ": give both the same rules and schedule, and each section the cluster started with its" +
                    " --section"));
            }
            // The snapshot starts with its magic and version (ints), then the catalog's fingerprint.
            final int snapshotAt = bytes.length - in.available();
            if (ByteBuffer.wrap(bytes, snapshotAt + 2 * Integer.BYTES, Long.BYTES).getLong() !=
                EngineSnapshot.fingerprint(o.catalog))
            {
                throw new ClusterMismatchException(ClusterMismatchException.Kind.CATALOG,
                    "the cluster's engine has another instrument catalog or participants" +
                    " file than this gateway: give both the same --instruments and --participants");
            }
            EngineSnapshot.read(in, "the cluster's state", engine);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the cluster's state", ex);
        }
    }

    ExchangeClient client()
    {
        return client;
    }

    MatchingEngine engine()
    {
        return engine;
    }

    String describe()
    {
        return where;
    }

    /** From now on the client's replies go to {@code listener}; call before the listener's thread starts. */
    void redirect(final ExchangeClient.Listener listener)
    {
        target = listener;
    }

    @Override
    public void onState(final long requestId, final byte[] bytes)
    {
        state = bytes;
    }

    @Override
    public void onEvents(final long requestId, final EventList events)
    {
        if (target != null)
        {
            target.onEvents(requestId, events);
        }
    }

    @Override
    public void onAlreadyApplied(final long requestId)
    {
        if (target != null)
        {
            target.onAlreadyApplied(requestId);
        }
    }

    @Override
    public void onMalformed(final long requestId, final String problem)
    {
        if (target != null)
        {
            target.onMalformed(requestId, problem);
        }
    }

    @Override
    public void onLeader(final int leaderMemberId)
    {
        leader = leaderMemberId;
        if (target != null)
        {
            target.onLeader(leaderMemberId);
        }
    }
}
