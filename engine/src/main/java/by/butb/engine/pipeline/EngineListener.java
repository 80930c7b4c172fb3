package by.butb.engine.pipeline;

import by.butb.engine.core.Command;
import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.MatchingEngine;

/**
 * Receives every output event, in order, on the pipeline's logic thread (also during recovery, on the starting
 * thread, for events that had not been published before). The event is reused after the call returns: copy what
 * you keep. A listener must not block for long: it holds up the pipeline.
 */
@FunctionalInterface
public interface EngineListener
{
    void onEvent(EngineEvent event);

    /**
     * Called after the events of each command. Runs on the logic thread, so it may query {@code engine} (book
     * depth, deposits), e.g. to publish market data; it must not keep {@code command} or change anything.
     */
    default void onCommandComplete(final Command command, final MatchingEngine engine)
    {
    }

    /**
     * During recovery, on the starting thread, before each command replayed from the journal is applied (those up to
     * a loaded snapshot are not replayed): {@code engine} holds the state after the command before it. For a
     * listener that takes up the stream from a command it recorded; it must not keep {@code command} or change
     * anything.
     */
    default void beforeReplayed(final Command command, final MatchingEngine engine)
    {
    }

    /**
     * During recovery, the listener gets the events of the replayed commands after this sequence again, even those
     * that the output journal shows were published before (by default only those it does not).
     */
    default long republishAfter()
    {
        return Long.MAX_VALUE;
    }
}
