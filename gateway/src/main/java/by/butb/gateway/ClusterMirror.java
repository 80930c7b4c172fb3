package by.butb.gateway;

import by.butb.cluster.ExchangeClient;
import by.butb.engine.core.Command;
import by.butb.engine.core.EventList;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.journal.MessageCodec;
import by.butb.engine.pipeline.CommandTranslator;
import by.butb.engine.pipeline.EngineListener;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The engine on a cluster ({@code serve --cluster}), mirrored in the gateway. Each command goes to the cluster
 * through an {@link ExchangeClient}; once the cluster has answered it (so it is committed in the replicated log), the
 * gateway applies the same command (as the nodes decode it) to its own {@link MatchingEngine}, which started from
 * the cluster's state ({@link ClusterState}), and hands that engine's events to the listeners, as the pipeline's
 * logic thread does. The engine is deterministic and the gateway is the cluster's only writer, so the mirror's
 * events equal the cluster's: they are compared, byte for byte as the nodes encode them, for every request answered
 * with its events, and a difference stops the gateway ({@code onFailure}). A request answered "already applied"
 * (its first answer was lost with a leader) is applied to the mirror all the same, so no event is lost to the FIX
 * clients. Commands are applied in request order, which is the log's order: the client sends them in that order and
 * resends the unanswered ones oldest first after a leader change.
 *
 * <p>Threading: any thread submits and drains; one thread ({@code butb-gateway-cluster}) owns the client and the
 * mirror engine and calls the listeners.
 */
final class ClusterMirror implements EngineHost, ExchangeClient.Listener
{
    private static final Logger LOG = LoggerFactory.getLogger(ClusterMirror.class);
    /** Commands waiting for the cluster thread; {@link #submit} waits beyond. */
    private static final int QUEUE_CAPACITY = 16_384;
    /** Requests sent to the cluster and not yet answered; the thread sends more only below this. */
    private static final int MAX_IN_FLIGHT = 4_096;
    private static final long CLOSE_DRAIN_NS = TimeUnit.SECONDS.toNanos(5);

    private final MatchingEngine engine;
    private final EngineListener[] listeners;
    private final Consumer<String> onFailure;
    private final String description;
    private final ArrayBlockingQueue<Command> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private volatile boolean running = true;
    private volatile String failure;
    /** Requests the cluster answered "already applied" (their first answer went with a leader); for tests. */
    private volatile long alreadyApplied;
    private final Thread thread;

    // The cluster thread's.
    private final ExchangeClient client;
    private final MessageCodec codec = new MessageCodec("gateway mirror");
    private final byte[] commandBytes = new byte[MessageCodec.MAX_COMMAND_LENGTH];
    private byte[] eventBytes = new byte[MessageCodec.maxEventsLength(64)];
    private final EventList events = new EventList(64);
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    private final Long2ObjectHashMap<InFlight> byRequest = new Long2ObjectHashMap<>();

    /**
     * Starts the cluster thread with {@code state}'s client and engine (which the thread owns from now on).
     *
     * @param onFailure told once, on the cluster thread, when the gateway can no longer take orders (the mirror
     *                  diverged, the cluster could not read a command, a listener failed); {@link #submit} and
     *                  {@link #drain} then throw {@link IllegalStateException}.
     */
    ClusterMirror(final ClusterState state, final EngineListener[] listeners, final Consumer<String> onFailure)
    {
        this.client = state.client();
        this.engine = state.engine();
        this.listeners = listeners;
        this.onFailure = onFailure;
        this.description = state.describe();
        state.redirect(this);
        thread = new Thread(this::run, "butb-gateway-cluster");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public <A> void submit(final CommandTranslator<A> translator, final A arg)
    {
        checkRunning();
        final Command command = new Command();
        translator.translateTo(command, arg);
        try
        {
            while (!queue.offer(command, 10, TimeUnit.MILLISECONDS))
            {
                checkRunning();
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to submit a command", ex);
        }
        submitted.incrementAndGet();
    }

    @Override
    public void drain()
    {
        final long target = submitted.get();
        while (applied.get() < target)
        {
            checkRunning();
            LockSupport.parkNanos(50_000);
        }
    }

    @Override
    public MatchingEngine engine()
    {
        return engine;
    }

    @Override
    public String describe()
    {
        return description;
    }

    long alreadyApplied()
    {
        return alreadyApplied;
    }

    private void checkRunning()
    {
        final String failed = failure;
        if (failed != null)
        {
            throw new IllegalStateException(failed);
        }
        if (!running)
        {
            throw new IllegalStateException("the gateway's link to the cluster is closed");
        }
    }

    /** Waits up to 5 s for the answers to what was submitted, then stops the thread and the client. */
    @Override
    public void close()
    {
        final long deadline = System.nanoTime() + CLOSE_DRAIN_NS;
        final long target = submitted.get();
        while (running && applied.get() < target && System.nanoTime() < deadline)
        {
            LockSupport.parkNanos(1_000_000);
        }
        running = false;
        try
        {
            thread.join(10_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- the cluster thread

    private void run()
    {
        final IdleStrategy idle = new BackoffIdleStrategy(100, 10, 1_000, 1_000_000);
        try
        {
            while (running)
            {
                int work = sendQueued();
                work += client.poll();
                work += applyAnswered();
                idle.idle(work);
            }
        }
        catch (final RuntimeException ex)
        {
            LOG.error("the gateway's cluster thread failed", ex);
            fail("the gateway's cluster thread failed: " + ex);
        }
        finally
        {
            client.close();
        }
    }

    /** Sends queued commands while fewer than {@link #MAX_IN_FLIGHT} are unanswered. */
    private int sendQueued()
    {
        int sent = 0;
        Command command;
        while (inFlight.size() < MAX_IN_FLIGHT && (command = queue.poll()) != null)
        {
            // The mirror applies the command exactly as the nodes decode it.
            final Command mirrored = new Command();
            codec.decodeCommand(commandBytes, codec.encodeCommand(command, commandBytes, 0), mirrored);
            final InFlight request = new InFlight(client.submit(command), mirrored);
            inFlight.addLast(request);
            byRequest.put(request.requestId, request);
            sent++;
        }
        return sent;
    }

    @Override
    public void onEvents(final long requestId, final EventList clusterEvents)
    {
        final InFlight request = byRequest.get(requestId);
        if (request == null)
        {
            return;
        }
        ensureEventBytes(clusterEvents.size());
        request.clusterEvents = Arrays.copyOf(eventBytes, codec.encodeEvents(clusterEvents, eventBytes, 0));
        request.clusterEventCount = clusterEvents.size();
        request.answered = true;
    }

    @Override
    public void onAlreadyApplied(final long requestId)
    {
        final InFlight request = byRequest.get(requestId);
        if (request != null)
        {
            request.answered = true;
            alreadyApplied++;
        }
    }

    @Override
    public void onMalformed(final long requestId, final String problem)
    {
        fail("the cluster could not read command " + requestId + " of this gateway (" + problem +
            "): do the nodes run the same version of the exchange?");
    }

    @Override
    public void onLeader(final int leaderMemberId)
    {
        LOG.info("cluster leader: member {}; resending {} unanswered commands", leaderMemberId, inFlight.size());
    }

    /** Applies the answered commands at the head of the request order to the mirror and publishes their events. */
    private int applyAnswered()
    {
        int count = 0;
        while (running && !inFlight.isEmpty() && inFlight.peekFirst().answered)
        {
            final InFlight request = inFlight.pollFirst();
            byRequest.remove(request.requestId);
            final Command command = request.command;
            command.sequence = engine.lastSequence() + 1;
            events.clear();
            engine.process(command, events);
            if (request.clusterEvents != null && !sameAsCluster(request))
            {
                fail("the gateway's engine and the cluster's differ at sequence " + command.sequence + " (" +
                    events.size() + " events here, " + request.clusterEventCount + " in the cluster): is another" +
                    " client writing to the cluster? The gateway must be its only writer");
                return count;
            }
            for (int i = 0, n = events.size(); i < n; i++)
            {
                for (final EngineListener listener : listeners)
                {
                    listener.onEvent(events.get(i));
                }
            }
            for (final EngineListener listener : listeners)
            {
                listener.onCommandComplete(command, engine);
            }
            applied.incrementAndGet();
            count++;
        }
        return count;
    }

    private boolean sameAsCluster(final InFlight request)
    {
        ensureEventBytes(events.size());
        final int length = codec.encodeEvents(events, eventBytes, 0);
        return Arrays.equals(eventBytes, 0, length, request.clusterEvents, 0, request.clusterEvents.length);
    }

    private void ensureEventBytes(final int count)
    {
        final int needed = MessageCodec.maxEventsLength(count);
        if (needed > eventBytes.length)
        {
            eventBytes = new byte[Math.max(needed, eventBytes.length * 2)];
        }
    }

    private void fail(final String problem)
    {
        if (failure != null)
        {
            return;
        }
        failure = problem;
        running = false;
        LOG.error(problem);
        onFailure.accept(problem);
    }

    /** A command sent to the cluster and not yet applied to the mirror. */
    private static final class InFlight
    {
        final long requestId;
        final Command command;
        boolean answered;
        /** The cluster's events as the nodes encoded them; null when answered "already applied". */
        byte[] clusterEvents;
        int clusterEventCount;

        InFlight(final long requestId, final Command command)
        {
            this.requestId = requestId;
            this.command = command;
        }
    }
}
