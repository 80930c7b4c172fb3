package by.butb.engine.pipeline;

import by.butb.engine.core.EngineEvent;

/**
 * A pre-allocated entry of the output ring ({@link PipelineLayout#STAGED}): one event of a command, copied by the
 * logic thread, or only the end of a command that had no event; {@code lastOfCommand} marks a command's last entry.
 */
final class EventSlot
{
    final EngineEvent event = new EngineEvent();
    boolean hasEvent;
    boolean lastOfCommand;
}
