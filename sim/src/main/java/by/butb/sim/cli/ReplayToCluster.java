package by.butb.sim.cli;

import by.butb.cluster.ClusterMembers;
import by.butb.cluster.ClusterNode;
import by.butb.cluster.ClusterSecret;
import by.butb.cluster.ExchangeClient;
import by.butb.engine.core.Command;
import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.EventList;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.journal.MessageCodec;
import by.butb.engine.pipeline.EngineListener;
import by.butb.sim.replay.ReplayException;
import io.aeron.exceptions.AeronException;
import org.agrona.collections.Long2ObjectHashMap;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code replay --cluster}: every command the replay applies is also submitted to the cluster through an
 * {@link ExchangeClient}, in the replay's order, and the events the cluster answers must equal the replay's (byte for
 * byte as the nodes encode them). The cluster must not have applied any command before (its state is then the
 * replay's empty engine), must trade every section (not one, as a node started with {@code --section} does), and the
 * replay must be its only writer meanwhile; a request answered "already applied"
 * (after a leader change) is not compared.
 *
 * <p>Threading: the replay's logic thread calls the listener methods, which queue each command with its events
 * (waiting while 16,384 are queued); one thread of its own ({@code butb-replay-cluster}) owns the client; any thread
 * calls {@link #finish}.
 */
final class ReplayToCluster implements EngineListener, AutoCloseable
{
    private static final int QUEUE_CAPACITY = 16_384;
    private static final int MAX_IN_FLIGHT = 4_096;
    private static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long ASK_STATE_AGAIN_NS = TimeUnit.SECONDS.toNanos(2);

    private final ExchangeClient client;
    private final ArrayBlockingQueue<Submitted> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread thread;
    private volatile boolean stopped;
    private volatile String failure;
    private volatile long answered;

    // The logic thread's.
    private final MessageCodec replayCodec = new MessageCodec("replay");
    private final EventList collected = new EventList(64);

    // The client thread's.
    private final MessageCodec clusterCodec = new MessageCodec("cluster egress");
    private final Long2ObjectHashMap<Submitted> inFlight = new Long2ObjectHashMap<>();
    private byte[] eventBytes = new byte[MessageCodec.maxEventsLength(64)];

    private ReplayToCluster(final ExchangeClient client, final Listener listener)
    {
        this.client = client;
        listener.target = this;
        thread = new Thread(this::run, "butb-replay-cluster");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Connects to the cluster (waits up to 10 s for a leader), checks with a probe that it has applied no command and
     * with its state that it trades every section. Throws {@link IllegalStateException} naming the problem.
     */
    static ReplayToCluster connect(final ClusterMembers members, final ClusterSecret secret, final String host)
    {
        final Listener listener = new Listener();
        final long deadline = System.nanoTime() + CONNECT_TIMEOUT_NS;
        ExchangeClient client = null;
        while (client == null)
        {
            try
            {
                client = new ExchangeClient(members, secret, host, System.currentTimeMillis(), listener);
            }
            catch (final AeronException ex)
            {
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("no leader of the cluster " + members + " answered within 10 s " +
                        "(are the nodes running, and do they reach this machine as " + host + "? --cluster-host)");
                }
            }
        }
        try
        {
            final long probeId = System.nanoTime();
            boolean sent = false;
            while (listener.probedSequence == null)
            {
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("the cluster " + members + " did not answer a probe within 10 s");
                }
                sent = sent || client.probe(probeId);
                if (client.poll() == 0)
                {
                    Thread.onSpinWait();
                }
            }
            if (listener.probedSequence != -1)
            {
                throw new IllegalStateException("the cluster " + members + " has applied " +
                    (listener.probedSequence + 1) + " commands already: replay --cluster needs a new cluster");
            }
            final String section = ClusterNode.sectionOf(clusterRules(client, listener, members, deadline));
            if (section != null)
            {
                throw new IllegalStateException("the cluster " + members + " trades section " + section +
                    " only (its nodes started with --section " + section + "): replay --cluster needs a cluster" +
                    " of every section, whose nodes start without --section; a cluster per section takes orders" +
                    " through serve --section-cluster");
            }
        }
        catch (final RuntimeException ex)
        {
            client.close();
            throw ex;
        }
        return new ReplayToCluster(client, listener);
    }

    /** The rules text the cluster's leader sends with its state ({@link ExchangeClient.Listener#onState}). */
    private static String clusterRules(final ExchangeClient client, final Listener listener,
        final ClusterMembers members, final long deadline)
    {
        if (!client.awaitState(() -> listener.state != null, deadline, ASK_STATE_AGAIN_NS, Thread::onSpinWait))
        {
            throw new IllegalStateException("the cluster " + members + " did not send its state within 10 s");
        }
        try
        {
            return new DataInputStream(new ByteArrayInputStream(listener.state)).readUTF();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("the cluster " + members + " sent a state this replay cannot read: " +
                ex.getMessage(), ex);
        }
    }

    /** Logic thread: keeps a copy of the event. */
    @Override
    public void onEvent(final EngineEvent event)
    {
        collected.add().copyFrom(event);
    }

    /** Logic thread: queues the command and its events for the cluster. */
    @Override
    public void onCommandComplete(final Command command, final MatchingEngine engine)
    {
        final byte[] bytes = new byte[MessageCodec.maxEventsLength(collected.size())];
        final Submitted s = new Submitted(new Command().copyFrom(command),
            Arrays.copyOf(bytes, replayCodec.encodeEvents(collected, bytes, 0)));
        collected.clear();
        try
        {
            while (failure == null && thread.isAlive() && !queue.offer(s, 10, TimeUnit.MILLISECONDS))
            {
                Thread.onSpinWait();
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until the cluster has answered the replay's {@code commands} (the replay has ended), then stops the
     * client. Throws {@link ReplayException} when the cluster's events differed from the replay's.
     */
    void finish(final long commands) throws InterruptedException
    {
        while (failure == null && answered < commands && thread.isAlive())
        {
            Thread.sleep(1);
        }
        close();
        if (failure != null)
        {
            throw new ReplayException(failure);
        }
        if (answered < commands)
        {
            throw new ReplayException("the cluster client stopped after " + answered + " of " + commands +
                " commands were answered");
        }
    }

    /** Stops the client's thread and the client, answered or not. */
    @Override
    public void close() throws InterruptedException
    {
        stopped = true;
        thread.join(10_000);
    }

    private void run()
    {
        try
        {
            while (!stopped && failure == null)
            {
                int work = 0;
                Submitted s;
                while (inFlight.size() < MAX_IN_FLIGHT && (s = queue.poll()) != null)
                {
                    inFlight.put(client.submit(s.command), s);
                    work++;
                }
                work += client.poll();
                if (work == 0)
                {
                    Thread.sleep(1);
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final RuntimeException | Error ex) // a new leader that refuses this client's secret, say
        {
            failure = "the cluster client stopped: " + (ex.getMessage() != null ? ex.getMessage() : ex);
            if (ex instanceof Error)
            {
                throw (Error)ex;
            }
        }
        finally
        {
            client.close();
        }
    }

    /** Client thread: compares the cluster's events of a request with the replay's. */
    private void onEvents(final long requestId, final EventList events)
    {
        final Submitted s = inFlight.remove(requestId);
        if (s == null)
        {
            return;
        }
        final int needed = MessageCodec.maxEventsLength(events.size());
        if (needed > eventBytes.length)
        {
            eventBytes = new byte[Math.max(needed, eventBytes.length * 2)];
        }
        final int length = clusterCodec.encodeEvents(events, eventBytes, 0);
        if (!Arrays.equals(eventBytes, 0, length, s.events, 0, s.events.length))
        {
            failure = "the cluster's events differ from the replay's at sequence " + s.command.sequence +
                " (is another client writing to the cluster, or do its nodes have other rules or catalog files?)";
        }
        answered++;
    }

    private void onAnswered(final long requestId)
    {
        if (inFlight.remove(requestId) != null)
        {
            answered++;
        }
    }

    /** A replayed command and its events as the replay's engine produced them, encoded as the nodes encode them. */
    private record Submitted(Command command, byte[] events)
    {
    }

    /** The client's listener: a probe's answer while connecting, then the replies, on the client's thread. */
    private static final class Listener implements ExchangeClient.Listener
    {
        ReplayToCluster target;
        Long probedSequence;
        byte[] state;

        @Override
        public void onProbe(final long probeId, final long sequence, final long stateHash, final int liveOrders)
        {
            probedSequence = sequence;
        }

        @Override
        public void onState(final long requestId, final byte[] clusterState)
        {
            state = clusterState;
        }

        @Override
        public void onEvents(final long requestId, final EventList events)
        {
            target.onEvents(requestId, events);
        }

        @Override
        public void onAlreadyApplied(final long requestId)
        {
            target.onAnswered(requestId);
        }

        @Override
        public void onMalformed(final long requestId, final String problem)
        {
            target.failure = "the cluster could not read a replayed command: " + problem;
            target.onAnswered(requestId);
        }
    }
}
