package by.butb.cluster;

import by.butb.engine.core.Command;
import by.butb.engine.core.EventList;
import by.butb.engine.core.MarketRules;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Participant;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded stream of orders and cancels on the bundled catalog, by participants admitted to the instrument's
 * section, at prices around the reference so that many trade; and the state a single engine reaches on it.
 */
final class OrderFlow
{
    private static final long START_NANOS = 1_710_000_000_000_000_000L;

    private OrderFlow()
    {
    }

    static List<Command> commands(final Catalog catalog, final long seed, final int count)
    {
        final Random random = new Random(seed);
        final List<Command> commands = new ArrayList<>(count);
        final long[] nextClientOrderId = new long[catalog.participants().size()];
        for (int i = 0; i < count; i++)
        {
            final Instrument instrument = catalog.instrument(random.nextInt(catalog.instruments().size()));
            final Participant p = admitted(catalog, instrument, random);
            final long time = START_NANOS + i * 1_000_000L;
            if (random.nextInt(10) == 0 && nextClientOrderId[p.index()] > 0)
            {
                commands.add(new Command().cancel(time, p.index(), 1 + random.nextInt(
                    (int)nextClientOrderId[p.index()])));
                continue;
            }
            final long price = instrument.referencePrice() + (random.nextInt(21) - 10) * instrument.priceStep();
            final long quantity = instrument.lotSize() * (1 + random.nextInt(5));
            commands.add(new Command().newOrder(time, p.index(), ++nextClientOrderId[p.index()], instrument.index(),
                random.nextBoolean() ? Side.BUY : Side.SELL, OrderType.LIMIT, TimeInForce.GTC, price, quantity));
        }
        return commands;
    }

    private static Participant admitted(final Catalog catalog, final Instrument instrument, final Random random)
    {
        while (true)
        {
            final Participant p = catalog.participant(random.nextInt(catalog.participants().size()));
            if (p.isAdmittedTo(instrument.sectionIndex()))
            {
                return p;
            }
        }
    }

    /** The state hash of one engine that applied {@code commands} in order, sequenced from 0 as the cluster does. */
    static long singleProcessHash(final Catalog catalog, final List<Command> commands)
    {
        final MatchingEngine engine = new MatchingEngine(catalog, MarketRules.DEFAULT);
        final EventList events = new EventList();
        final Command copy = new Command();
        for (final Command c : commands)
        {
            copy.copyFrom(c).sequence = engine.lastSequence() + 1;
            events.clear();
            engine.process(copy, events);
        }
        return engine.stateHash();
    }
}
