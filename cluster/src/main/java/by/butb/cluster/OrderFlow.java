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
 * A seeded stream of orders and cancels on a catalog (the tests and the cluster benchmark use the bundled one): GTC
 * limit orders by participants admitted to the instrument's section, at prices within ten steps of the reference so
 * that many trade, and one command in ten a cancel of one of the participant's earlier orders. Command {@code i}
 * carries the time {@code 2024-03-09 16:00 UTC + i} milliseconds. The same catalog and seed give the same commands.
 *
 * <p>Threading: one thread per instance.
 */
public final class OrderFlow
{
    private static final long START_NANOS = 1_710_000_000_000_000_000L;

    private final Catalog catalog;
    private final Random random;
    private final long[] nextClientOrderId;
    private long index;

    public OrderFlow(final Catalog catalog, final long seed)
    {
        this.catalog = catalog;
        this.random = new Random(seed);
        this.nextClientOrderId = new long[catalog.participants().size()];
    }

    /** The first {@code count} commands of the flow of {@code catalog} and {@code seed}. */
    public static List<Command> commands(final Catalog catalog, final long seed, final int count)
    {
        final OrderFlow flow = new OrderFlow(catalog, seed);
        final List<Command> commands = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            commands.add(flow.next(new Command()));
        }
        return commands;
    }

    /** Fills {@code into} (cleared first) with the next command of the flow and returns it. */
    public Command next(final Command into)
    {
        into.clear();
        final Instrument instrument = catalog.instrument(random.nextInt(catalog.instruments().size()));
        final Participant p = admitted(instrument);
        final long time = START_NANOS + index++ * 1_000_000L;
        if (random.nextInt(10) == 0 && nextClientOrderId[p.index()] > 0)
        {
            return into.cancel(time, p.index(), 1 + random.nextInt((int)nextClientOrderId[p.index()]));
        }
        final long price = instrument.referencePrice() + (random.nextInt(21) - 10) * instrument.priceStep();
        final long quantity = instrument.lotSize() * (1 + random.nextInt(5));
        return into.newOrder(time, p.index(), ++nextClientOrderId[p.index()], instrument.index(),
            random.nextBoolean() ? Side.BUY : Side.SELL, OrderType.LIMIT, TimeInForce.GTC, price, quantity);
    }

    private Participant admitted(final Instrument instrument)
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
    public static long singleProcessHash(final Catalog catalog, final List<Command> commands)
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
