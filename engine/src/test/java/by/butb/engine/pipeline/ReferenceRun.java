package by.butb.engine.pipeline;

import by.butb.engine.CommandStream;
import by.butb.engine.TestMarket;
import by.butb.engine.core.Command;
import by.butb.engine.core.EventList;
import by.butb.engine.core.MarketRules;
import by.butb.engine.core.MatchingEngine;

/** The state an uninterrupted run reaches: the first {@code n} commands of a stream applied straight to an engine. */
final class ReferenceRun
{
    private ReferenceRun()
    {
    }

    static long stateHashAfter(final long seed, final long n)
    {
        final MatchingEngine engine = new MatchingEngine(TestMarket.catalog(), MarketRules.DEFAULT);
        final CommandStream stream = new CommandStream(TestMarket.catalog(), seed);
        final Command command = new Command();
        final EventList events = new EventList();
        for (long i = 0; i < n; i++)
        {
            stream.next(command.clear());
            command.sequence = i;
            events.clear();
            engine.process(command, events);
        }
        return engine.stateHash();
    }
}
