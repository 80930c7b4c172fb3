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
}
