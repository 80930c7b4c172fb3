package by.butb.gateway;

import by.butb.engine.core.Command;
import by.butb.engine.core.CommandType;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.model.Catalog;
import by.butb.engine.pipeline.CommandTranslator;
import by.butb.engine.pipeline.EngineListener;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The engine on a cluster ({@code serve --cluster}), or on a cluster per section ({@code serve --section-cluster}),
 * mirrored in the gateway. Each command goes to its cluster ({@link SectionRouter}; a clock to every cluster) through
 * that cluster's {@link ClusterLink}; once the cluster has answered it (so it is committed in the replicated log),
 * the gateway applies the same command (as the nodes decode it) to its mirror of that cluster's
 * {@link MatchingEngine}, which started from the cluster's state ({@link ClusterState}), and hands the mirror's
 * events to the listeners, as the pipeline's logic thread does. The engine is deterministic and the gateway is each
 * cluster's only writer, so a mirror's events equal its cluster's: they are compared, byte for byte as the nodes
 * encode them, for every request answered with its events, and a difference stops the gateway ({@code onFailure}).
 * A request answered "already applied" (its first answer was lost with a leader) is applied to the mirror all the
 * same, so no event is lost to the FIX clients. Each cluster's commands are applied in request order, which is its
 * log's order.
 *
 * <p>Threading: any thread submits and drains; one thread ({@code butb-gateway-cluster}) owns the clients, the
 * mirror engines and the router, and calls the listeners, so they see one command at a time, as from one engine.
 */
final class ClusterMirror implements EngineHost
{
    private static final Logger LOG = LoggerFactory.getLogger(ClusterMirror.class);
    /** Commands waiting for the cluster thread; {@link #submit} waits beyond. */
    private static final int QUEUE_CAPACITY = 16_384;
    private static final long CLOSE_DRAIN_NS = TimeUnit.SECONDS.toNanos(5);

    private final List<ClusterLink> links = new ArrayList<>();
    private final List<MatchingEngine> engines = new ArrayList<>();
    private final EngineListener[] listeners;
    private final Consumer<String> onFailure;
    private final String description;
    private final ArrayBlockingQueue<Command> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private volatile boolean running = true;
    private volatile String failure;
    private final Thread thread;
    /** Null with one cluster (every command goes to it). The cluster thread's. */
    private final SectionRouter router;
    private final BooleanSupplier isRunning = () -> running;
    /** Guards {@link #clocksQueued}: clocks queued so far, numbered 1, 2, ... in the queue's order. */
    private final Object clockLock = new Object();
    private long clocksQueued;
    /** Clocks taken from the queue so far (the cluster thread's). */
    private long clocksDequeued;
    /** A command taken from the queue for a {@link ClusterLink#full} cluster, and that cluster (the thread's). */
    private Command held;
    private int heldCluster;

    /**
     * Starts the cluster thread with {@code state}'s client and engine (which the thread owns from now on).
     *
     * @param onFailure told once, on the cluster thread, when the gateway can no longer take orders (the mirror
     *                  diverged, the cluster could not read a command, a listener failed); {@link #submit} and
     *                  {@link #drain} then throw {@link IllegalStateException}.
     */
    ClusterMirror(final ClusterState state, final EngineListener[] listeners, final Consumer<String> onFailure)
    {
        this(List.of(state), null, listeners, onFailure);
    }

    /**
     * A mirror of a cluster per section: {@code states}, one per section of {@code catalog}, each of an engine of
     * one section; as above otherwise.
     */
    ClusterMirror(final List<ClusterState> states, final Catalog catalog, final EngineListener[] listeners,
        final Consumer<String> onFailure)
    {
        this.listeners = listeners;
        this.onFailure = onFailure;
        final StringJoiner described = new StringJoiner("; ");
        for (final ClusterState state : states)
        {
            final String name = catalog == null ? "" : state.engine().scope().name(catalog) + " ";
            links.add(new ClusterLink(state, name, this::fail));
            engines.add(state.engine());
            described.add(state.describe());
        }
        this.description = described.toString();
        this.router = catalog == null ? null : new SectionRouter(catalog, engines);
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
        if (command.type == CommandType.CLOCK)
        {
            synchronized (clockLock) // clocks are numbered in the queue's order
            {
                enqueue(command);
                clocksQueued++;
            }
        }
        else
        {
            enqueue(command);
        }
        submitted.incrementAndGet();
    }

    private void enqueue(final Command command)
    {
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

    /**
     * Waits until every cluster has applied the clocks submitted so far, except a cluster that is
     * {@link ClusterLink#stalled} (it has left a request unanswered for a second: no leader, a failover), so that the
     * exchange's timer goes on for the other sections while one section's cluster is down. Such a cluster gets no
     * more clocks while one is still on its way to it ({@link ClusterLink#takesClock}); its mirror's time moves on
     * with the clock it has, once it answers, and with the next ones. Once a cluster is {@link ClusterLink#full}, the
     * queue is held at the next command for it, so the clocks behind that command wait for that cluster after all.
     */
    @Override
    public void awaitClock()
    {
        final long target;
        synchronized (clockLock)
        {
            target = clocksQueued;
        }
        while (!clockAppliedOrStalled(target))
        {
            checkRunning();
            LockSupport.parkNanos(50_000);
        }
    }

    private boolean clockAppliedOrStalled(final long number)
    {
        for (final ClusterLink link : links)
        {
            if (!link.hasClock(number) && !link.stalled())
            {
                return false;
            }
        }
        return true;
    }

    /** The mirror of the (first) cluster's engine. */
    @Override
    public MatchingEngine engine()
    {
        return engines.get(0);
    }

    @Override
    public List<MatchingEngine> engines()
    {
        return engines;
    }

    @Override
    public String describe()
    {
        return description;
    }

    /** Requests the clusters answered "already applied" (their first answer went with a leader); for tests. */
    long alreadyApplied()
    {
        long sum = 0;
        for (final ClusterLink link : links)
        {
            sum += link.alreadyApplied();
        }
        return sum;
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

    /** Waits up to 5 s for the answers to what was submitted, then stops the thread and the clients. */
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
                for (final ClusterLink link : links)
                {
                    work += link.poll();
                }
                for (final ClusterLink link : links)
                {
                    work += link.applyAnswered(listeners, isRunning);
                }
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
            links.forEach(ClusterLink::close);
        }
    }

    /**
     * Sends the commands waiting in each cluster's link, then hands queued commands to their clusters' links, until
     * one is for a {@link ClusterLink#full} cluster: that one is {@link #held} until its cluster takes it, and the
     * queue with it, so that every cluster gets its commands and the clocks in the queue's order.
     */
    private int sendQueued()
    {
        int sent = 0;
        for (final ClusterLink link : links)
        {
            sent += link.sendWaiting();
        }
        if (held != null)
        {
            if (links.get(heldCluster).full())
            {
                return sent;
            }
            offer(held, heldCluster);
            held = null;
        }
        Command command;
        while ((command = queue.poll()) != null)
        {
            sent++;
            if (command.type == CommandType.CLOCK)
            {
                sendClock(command);
                continue;
            }
            final int cluster = router == null ? 0 : router.route(command);
            if (links.get(cluster).full())
            {
                held = command;
                heldCluster = cluster;
                break;
            }
            offer(command, cluster);
        }
        return sent;
    }

    private void offer(final Command command, final int cluster)
    {
        links.get(cluster).offer(command, new ClusterLink.Submitted(1, () ->
        {
            if (router != null)
            {
                router.applied(command);
            }
            applied.incrementAndGet();
        }, 0));
    }

    /** A CLOCK to every cluster that {@link ClusterLink#takesClock takes it}; done once those have applied it. */
    private void sendClock(final Command clock)
    {
        final long number = ++clocksDequeued;
        final boolean[] takes = new boolean[links.size()];
        int takers = 0;
        for (int k = 0; k < takes.length; k++)
        {
            takes[k] = links.get(k).takesClock(number);
            takers += takes[k] ? 1 : 0;
        }
        if (takers == 0)
        {
            applied.incrementAndGet();
            return;
        }
        final ClusterLink.Submitted done = new ClusterLink.Submitted(takers, applied::incrementAndGet, number);
        for (int k = 0; k < takes.length; k++)
        {
            if (takes[k])
            {
                links.get(k).offer(clock, done);
            }
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
}
