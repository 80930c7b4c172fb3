package by.butb.engine.pipeline;

import by.butb.engine.core.Command;
import by.butb.engine.core.EventList;

/** A pre-allocated ring entry: the command and the events the logic produced for it. */
final class CommandSlot
{
    final Command command = new Command();
    final EventList events = new EventList(8);
}
