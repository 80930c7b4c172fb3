package by.butb.gateway;

import by.butb.cluster.ExchangeClient;
import by.butb.engine.core.Command;
import by.butb.engine.core.CommandType;
import by.butb.engine.core.EventList;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.journal.MessageCodec;
import by.butb.engine.pipeline.EngineListener;
import org.agrona.collections.Long2ObjectHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One cluster of {@link ClusterMirror}: its {@link ExchangeClient}, the mirror of its engine, the commands routed to
 * it and not yet sent (at most {@link #MAX_WAITING} besides clocks, while {@link #MAX_IN_FLIGHT} are unanswered), and
 * the requests sent to it and not yet applied to the mirror, in request order (the log's order: the client sends in
 * that order and resends the unanswered ones oldest first after a leader change). An answered request at the head is
 * applied to the mirror; when the cluster answered it with its events, the mirror's must equal them byte for byte as
 * the nodes encode them, else the link fails ({@code onFailure}).
 *
 * <p>Threading: the mirror's cluster thread only, from construction on (the client's replies arrive on it, in
 * {@link ExchangeClient#poll}).
 */
final class ClusterLink implements ExchangeClient.Listener
{
    private static final Logger LOG = LoggerFactory.getLogger(ClusterLink.class);
    /** A cluster whose oldest unanswered request has waited this long is {@link #stalled()}. */
    static final long STALLED_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Requests sent and not yet answered; more wait here until fewer are. */
    static final int MAX_IN_FLIGHT = 4_096;
    /** Commands other than clocks waiting here to be sent; beyond, {@link #full}. */
    static final int MAX_WAITING = 16_384;

    /** A command the gateway submitted, sent to one cluster or, a clock, to each that takes it; done once applied. */
    static final class Submitted
    {
        int remaining;
        /** Called once the command is applied to every mirror it was sent to. */
        final Runnable onApplied;
        /** A CLOCK: its number among the gateway's clocks (1, 2, ...); else 0. */
        final long clock;

        Submitted(final int remaining, final Runnable onApplied, final long clock)
        {
            this.remaining = remaining;
            this.onApplied = onApplied;
            this.clock = clock;
        }
    }

    private final ExchangeClient client;
    private final MatchingEngine engine;
    private final String name;
    private final Consumer<String> onFailure;
    private final MessageCodec codec = new MessageCodec("gateway mirror");
    private final byte[] commandBytes = new byte[MessageCodec.MAX_COMMAND_LENGTH];
    private byte[] eventBytes = new byte[MessageCodec.maxEventsLength(64)];
    private final EventList events = new EventList(64);
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    /** Commands routed here and not yet sent, in order. */
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    /** Commands other than clocks in {@link #waiting}. */
    private int waitingOrders;
    private final Long2ObjectHashMap<InFlight> byRequest = new Long2ObjectHashMap<>();
    /** Requests the cluster answered "already applied" (their first answer went with a leader); for tests. */
    private volatile long alreadyApplied;
    /** CLOCK commands waiting or sent, and not yet applied to the mirror. */
    private int clocksUnapplied;
    /**
     * The highest number of a clock ({@link Submitted#clock}) applied to the mirror, its events published, or not sent
     * here ({@link #takesClock}); read by any thread.
     */
    private volatile long clocksDone;
    /** Whether the oldest unanswered request has waited {@link #STALLED_NANOS}, as of the last {@link #poll}. */
    private volatile boolean stalled;

    /**
     * Takes over {@code state}'s client and engine.
     *
     * @param name      the cluster in messages: empty for the only one, else its section's name and a space.
     * @param onFailure told when this cluster can no longer be mirrored (divergence, a command it could not read).
     */
    ClusterLink(final ClusterState state, final String name, final Consumer<String> onFailure)
    {
        this.client = state.client();
        this.engine = state.engine();
        this.name = name;
        this.onFailure = onFailure;
        state.redirect(this);
    }

    MatchingEngine engine()
    {
        return engine;
    }

    int inFlight()
    {
        return inFlight.size();
    }

    /** Whether {@link #MAX_WAITING} commands other than clocks wait to be sent; {@link #offer} takes only clocks. */
    boolean full()
    {
        return waitingOrders >= MAX_WAITING;
    }

    long alreadyApplied()
    {
        return alreadyApplied;
    }

    int poll()
    {
        final int work = client.poll();
        final InFlight oldest = inFlight.peekFirst();
        stalled = oldest != null && System.nanoTime() - oldest.sentNanos > STALLED_NANOS;
        return work;
    }

    /**
     * Whether the cluster has left a request unanswered for {@link #STALLED_NANOS} (no leader, or a failover under
     * way), as of the last {@link #poll}. Any thread.
     */
    boolean stalled()
    {
        return stalled;
    }

    /** Whether clock {@code number} (and every earlier one) has been applied here, or not sent here. Any thread. */
    boolean hasClock(final long number)
    {
        return clocksDone >= number;
    }

    /**
     * Whether to send this cluster clock {@code number}: not while it is {@link #stalled} with a clock already on its
     * way, so that the timer's clocks do not pile up for a cluster with no leader (the time comes with its next clock).
     */
    boolean takesClock(final long number)
    {
        if (stalled && clocksUnapplied > 0)
        {
            clocksDone = Math.max(clocksDone, number);
            return false;
        }
        return true;
    }

    void close()
    {
        client.close();
    }

    /**
     * Sends {@code command} to the cluster, or keeps it until fewer than {@link #MAX_IN_FLIGHT} requests are
     * unanswered (after those waiting already); the mirror will apply it exactly as the nodes decode it. Not a
     * command other than a clock while {@link #full}.
     */
    void offer(final Command command, final Submitted submitted)
    {
        final boolean clock = command.type == CommandType.CLOCK;
        if (clock)
        {
            clocksUnapplied++;
        }
        if (waiting.isEmpty() && inFlight.size() < MAX_IN_FLIGHT)
        {
            send(command, submitted);
            return;
        }
        waiting.addLast(new Waiting(command, submitted));
        waitingOrders += clock ? 0 : 1;
    }

    /** Sends waiting commands while fewer than {@link #MAX_IN_FLIGHT} are unanswered; how many it sent. */
    int sendWaiting()
    {
        int sent = 0;
        while (!waiting.isEmpty() && inFlight.size() < MAX_IN_FLIGHT)
        {
            final Waiting next = waiting.pollFirst();
            waitingOrders -= next.command.type == CommandType.CLOCK ? 0 : 1;
            send(next.command, next.submitted);
            sent++;
        }
        return sent;
    }

    private void send(final Command command, final Submitted submitted)
    {
        final Command mirrored = new Command();
        codec.decodeCommand(commandBytes, codec.encodeCommand(command, commandBytes, 0), mirrored);
        final InFlight request = new InFlight(client.submit(command), mirrored, submitted, System.nanoTime());
        inFlight.addLast(request);
        byRequest.put(request.requestId, request);
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
        onFailure.accept("the " + name + "cluster could not read command " + requestId + " of this gateway (" +
            problem + "): do the nodes run the same version of the exchange?");
    }

    @Override
    public void onLeader(final int leaderMemberId)
    {
        LOG.info("{}cluster leader: member {}; resending {} unanswered commands", name, leaderMemberId,
            inFlight.size());
    }

    /**
     * Applies the answered commands at the head of the request order to the mirror and hands their events to
     * {@code listeners}, while {@code running} holds.
     *
     * @return how many it applied; stops at a divergence, after telling {@code onFailure}.
     */
    int applyAnswered(final EngineListener[] listeners, final BooleanSupplier running)
    {
        int count = 0;
        while (running.getAsBoolean() && !inFlight.isEmpty() && inFlight.peekFirst().answered)
        {
            final InFlight request = inFlight.pollFirst();
            byRequest.remove(request.requestId);
            final Command command = request.command;
            command.sequence = engine.lastSequence() + 1;
            events.clear();
            engine.process(command, events);
            if (request.clusterEvents != null && !sameAsCluster(request))
            {
                onFailure.accept("the gateway's engine and the " + name + "cluster's differ at sequence " +
                    command.sequence + " (" + events.size() + " events here, " + request.clusterEventCount +
                    " in the cluster): is another client writing to the cluster? The gateway must be its only" +
                    " writer");
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
            if (command.type == CommandType.CLOCK)
            {
                clocksUnapplied--;
                clocksDone = Math.max(clocksDone, request.submitted.clock);
            }
            if (--request.submitted.remaining == 0)
            {
                request.submitted.onApplied.run();
            }
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

    /** A command routed to the cluster and not yet sent. */
    private record Waiting(Command command, Submitted submitted)
    {
    }

    /** A command sent to the cluster and not yet applied to the mirror. */
    private static final class InFlight
    {
        final long requestId;
        final Command command;
        final Submitted submitted;
        /** When it was first sent ({@link System#nanoTime}). */
        final long sentNanos;
        boolean answered;
        /** The cluster's events as the nodes encoded them; null when answered "already applied". */
        byte[] clusterEvents;
        int clusterEventCount;

        InFlight(final long requestId, final Command command, final Submitted submitted, final long sentNanos)
        {
            this.requestId = requestId;
            this.command = command;
            this.submitted = submitted;
            this.sentNanos = sentNanos;
        }
    }
}
