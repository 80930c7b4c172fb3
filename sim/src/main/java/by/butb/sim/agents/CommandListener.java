package by.butb.sim.agents;

import by.butb.engine.core.Command;
import by.butb.engine.core.EventList;

/**
 * Hears each command a market applies (an agent's, a CLOCK, an outside one) with the engine's events for it, on
 * the market's thread, after the engine and before the agents see the events. Both objects are reused: read them
 * during the call, keep nothing, send no command from it.
 */
@FunctionalInterface
public interface CommandListener
{
    void applied(Command command, EventList events);
}
