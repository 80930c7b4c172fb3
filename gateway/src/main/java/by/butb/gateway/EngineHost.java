package by.butb.gateway;

import by.butb.engine.core.MatchingEngine;
import by.butb.engine.pipeline.CommandTranslator;

import java.util.List;

/**
 * Where the gateway's engine runs: {@link PipelineHost} in this process (the default), or {@link ClusterMirror} on a
 * cluster, mirrored here. Either way the gateway's listeners get every command's events, in order, on one thread,
 * with the engine they came from.
 */
interface EngineHost extends AutoCloseable
{
    /**
     * Lets {@code translator} fill a cleared command and queues it; blocks while the queue is full. Any thread.
     * Throws {@link IllegalStateException} when the engine has stopped.
     */
    <A> void submit(CommandTranslator<A> translator, A arg);

    /** Waits until every command submitted before the call has been applied and its events published. */
    void drain();

    /**
     * After a CLOCK command was submitted: waits until the clocks submitted so far have been applied and their events
     * published. {@link ClusterMirror} waits only for the clusters that answer (see there), so that one section's
     * failover does not stop the others' clocks; in this process it is {@link #drain}.
     */
    default void awaitClock()
    {
        drain();
    }

    /** The engine the listeners read; query it only from the starting thread before any session, or after a drain. */
    MatchingEngine engine();

    /** Every engine the listeners read: {@link #engine()}, or with a cluster per section, one per section. */
    default List<MatchingEngine> engines()
    {
        return List.of(engine());
    }

    /** One line for the operator: where the engine's state is kept and what was recovered at start. */
    String describe();

    /** Drains what it can, then stops; idempotent. */
    @Override
    void close();
}
