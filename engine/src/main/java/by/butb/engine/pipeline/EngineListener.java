package by.butb.engine.pipeline;

import by.butb.engine.core.EngineEvent;

/**
 * Receives every output event, in order, on the pipeline's publisher thread. The event is reused after the call
 * returns: copy what you keep. A listener must not block for long: it holds up the pipeline.
 */
@FunctionalInterface
public interface EngineListener
{
    void onEvent(EngineEvent event);
}
