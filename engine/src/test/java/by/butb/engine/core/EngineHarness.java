package by.butb.engine.core;

import by.butb.engine.TestMarket;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;

import java.util.ArrayList;
import java.util.List;

/** Drives a {@link MatchingEngine} directly and keeps copies of the events of the last command. */
final class EngineHarness
{
    static final long DAY1 = 1_704_099_600_000_000_000L; // 2024-01-01T09:00:00Z
    static final long NANOS_PER_DAY = 86_400_000_000_000L;

    final Catalog catalog = TestMarket.catalog();
    final MatchingEngine engine;
    final Command command = new Command();
    final EventList events = new EventList();
    long time = DAY1;
    long sequence;

    EngineHarness()
    {
        this(MarketRules.DEFAULT);
    }

    EngineHarness(final MarketRules rules)
    {
        engine = new MatchingEngine(catalog, rules);
    }

    EngineHarness(final SectionScope scope)
    {
        engine = new MatchingEngine(catalog, MarketRules.DEFAULT, by.butb.engine.model.SessionSchedule.NONE, 1024,
            scope);
    }

    EngineHarness(final by.butb.engine.model.SessionSchedule schedule)
    {
        engine = new MatchingEngine(catalog, MarketRules.DEFAULT, schedule, 1024);
    }

    List<EngineEvent> run(final Command cmd)
    {
        cmd.sequence = sequence++;
        events.clear();
        engine.process(cmd, events);
        final List<EngineEvent> copies = new ArrayList<>();
        for (int i = 0; i < events.size(); i++)
        {
            final EngineEvent copy = new EngineEvent();
            copy.copyFrom(events.get(i));
            copies.add(copy);
        }
        return copies;
    }

    List<EngineEvent> limit(final int participant, final long id, final int instrument, final Side side,
        final double price, final double quantity, final TimeInForce tif)
    {
        return run(command.newOrder(time, participant, id, instrument, side, OrderType.LIMIT, tif,
            TestMarket.px(price), TestMarket.qty(quantity)));
    }

    List<EngineEvent> buy(final int participant, final long id, final double price, final double quantity)
    {
        return limit(participant, id, TestMarket.TIMBER, Side.BUY, price, quantity, TimeInForce.GTC);
    }

    List<EngineEvent> sell(final int participant, final long id, final double price, final double quantity)
    {
        return limit(participant, id, TestMarket.TIMBER, Side.SELL, price, quantity, TimeInForce.GTC);
    }

    List<EngineEvent> market(final int participant, final long id, final Side side, final double quantity,
        final TimeInForce tif)
    {
        return run(command.newOrder(time, participant, id, TestMarket.TIMBER, side, OrderType.MARKET, tif, 0,
            TestMarket.qty(quantity)));
    }

    /** {@code buyer} takes the SMP address order {@code addressOrderId} that {@link TestMarket#SELLER} posted. */
    List<EngineEvent> takeAddressOrder(final int buyer, final long id, final long addressOrderId, final double price,
        final double quantity)
    {
        final Command c = command.newOrder(time, buyer, id, TestMarket.SMP, Side.BUY, OrderType.LIMIT,
            TimeInForce.GTC, TestMarket.px(price), TestMarket.qty(quantity));
        c.counterparty = TestMarket.SELLER;
        c.counterpartyOrderId = addressOrderId;
        return run(c);
    }

    List<EngineEvent> cancel(final int participant, final long id)
    {
        return run(command.cancel(time, participant, id));
    }

    List<EngineEvent> replace(final int participant, final long id, final double price, final double quantity)
    {
        return run(command.replace(time, participant, id, TestMarket.px(price), TestMarket.qty(quantity)));
    }

    static EngineEvent only(final List<EngineEvent> events, final EventType type)
    {
        final List<EngineEvent> matching = all(events, type);
        if (matching.size() != 1)
        {
            throw new AssertionError("expected one " + type + " in " + events);
        }
        return matching.get(0);
    }

    static List<EngineEvent> all(final List<EngineEvent> events, final EventType type)
    {
        return events.stream().filter(e -> e.type == type).toList();
    }

    static ResultCode rejection(final List<EngineEvent> events)
    {
        return only(events, EventType.REJECTED).code;
    }

    /** free + blocked + fees == deposited for everyone, and blocked equals what live commitments hold. */
    void assertDepositsConserved()
    {
        for (int p = 0; p < catalog.participants().size(); p++)
        {
            final long sum = engine.freeDeposit(p) + engine.blockedDeposit(p) + engine.feesPaid(p);
            if (sum != engine.deposited(p))
            {
                throw new AssertionError("deposit not conserved for participant " + p + ": " + sum + " != " +
                    engine.deposited(p));
            }
            if (engine.blockedByCommitments(p) != engine.blockedDeposit(p))
            {
                throw new AssertionError("participant " + p + " has " + engine.blockedDeposit(p) +
                    " blocked but its commitments hold " + engine.blockedByCommitments(p));
            }
        }
    }
}
