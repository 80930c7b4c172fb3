package by.butb.engine.pipeline;

import by.butb.engine.core.Command;

/** A pre-allocated ring entry: the command, filled in place by the producer. */
final class CommandSlot
{
    final Command command = new Command();
}
