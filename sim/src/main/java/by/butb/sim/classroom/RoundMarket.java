package by.butb.sim.classroom;

import by.butb.engine.core.Command;
import by.butb.engine.core.CommandType;
import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.EventList;
import by.butb.engine.core.EventType;
import by.butb.engine.core.MarketRules;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.CatalogLoader;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.SessionSchedule;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import by.butb.sim.agents.Equilibrium;
import by.butb.sim.agents.LiveMarket;
import by.butb.sim.agents.Measures;
import by.butb.sim.agents.MetricRow;
import by.butb.sim.agents.Units;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One round of the classroom's market: a fresh {@link MatchingEngine} with one instrument ({@link #SYMBOL}, one
 * unit per order, prices with 2 decimals, no fee, no guarantee) and one participant per student and robot, each
 * with private values (buyers) or costs (sellers) to trade, best unit first. The robots are the agents package's
 * traders (ZI-C, ZI-U or ZIP, {@link RoundSetup.RobotKind}) in a {@link LiveMarket} on that engine; a student's
 * order enters the same market from outside: it replaces the student's resting order (cancel, then a DAY limit
 * order for one unit). Simulated time runs from {@link #BASE_NANOS} at the round's start, {@code simSeconds /
 * seconds} times as fast as real time (with it by default); the robots wake about every {@link #ROBOT_WAKE_SECONDS}
 * of real time whatever the speed, a pace a class can watch. The round follows from its setup and the students'
 * orders and their times alone. Keeps every order and trade, each trader's profit (value minus price, or price
 * minus cost, per traded unit) and the round's equilibrium. Not thread-safe: {@link Rounds} serialises the calls.
 */
final class RoundMarket
{
    static final String SYMBOL = "UNIT";
    /** Simulated time of a round's start (epoch nanoseconds, 2026-01-05 10:00 UTC). */
    static final long BASE_NANOS = 1_767_607_200L * 1_000_000_000L;
    /** Mean time between a robot's wakes, real seconds (simulated: times the round's speed). */
    static final double ROBOT_WAKE_SECONDS = 0.7;

    /** Who trades in a round: a student (participant id and name) or a robot, its side and its limits. */
    record Spec(String id, String name, boolean robot, Side side, long[] limits)
    {
    }

    /** A trader's part in the round: limits best first, the next unit to trade, profit (scaled price). */
    static final class Trader
    {
        final Spec spec;
        final int participant;
        int next;
        long profit;
        /** The client order id of the trader's resting order, 0 when none rests. */
        long liveOrder;
        /** The resting order's price (scaled), meaningful while {@code liveOrder != 0}. */
        long livePrice;
        /** A student's next client order id (a robot numbers its own). */
        long nextOrderId = 1;

        Trader(final Spec spec, final int participant)
        {
            this.spec = spec;
            this.participant = participant;
        }

        boolean hasUnit()
        {
            return next < spec.limits().length;
        }

        /** The value or cost of the unit the trader trades next (of its last unit once all have traded). */
        long limit()
        {
            return spec.limits()[Math.min(next, spec.limits().length - 1)];
        }
    }

    /**
     * An order, replace or cancel of a trader; {@code limit} is the value or cost of the unit it was for;
     * {@code millis} the round's start plus the simulated milliseconds since (as in {@link TradeRow}).
     */
    record OrderRow(long millis, String trader, String action, long orderId, Side side, long price, long limit,
                    String result)
    {
    }

    /** A trade: one unit from {@code seller} (its cost) to {@code buyer} (its value) at {@code price}. */
    record TradeRow(long millis, long tradeId, String buyer, String seller, long price, long value, long cost)
    {
    }

    final int number;
    final RoundSetup setup;
    final long startMillis;
    private final MatchingEngine engine;
    private final Instrument instrument;
    private final LiveMarket market;
    private final Map<String, Trader> traders = new LinkedHashMap<>();
    private final Trader[] byParticipant;
    private final long[] demand;
    private final long[] supply;
    private final Equilibrium equilibrium;
    private final List<OrderRow> orders = new ArrayList<>();
    private final List<TradeRow> trades = new ArrayList<>();
    private final Command cmd = new Command();
    private long nowMillis;
    private boolean running = true;
    /** What became of the latest command of a trader: ACCEPTED, TRADED, REPLACED, CANCELLED or REJECTED code. */
    private String result;

    /** @param specs the traders, students first; ids must be distinct participant ids. */
    RoundMarket(final int number, final RoundSetup setup, final List<Spec> specs, final long startMillis)
    {
        this.number = number;
        this.setup = setup;
        this.startMillis = startMillis;
        this.nowMillis = startMillis;
        final Catalog catalog = CatalogLoader.fromText(instrumentsCsv(), participantsCsv(specs));
        engine = new MatchingEngine(catalog, new MarketRules(0, 0), SessionSchedule.NONE, 1024);
        instrument = catalog.instrument(SYMBOL);
        byParticipant = new Trader[catalog.participants().size()];
        final List<Long> values = new ArrayList<>();
        final List<Long> costs = new ArrayList<>();
        final List<LiveMarket.Robot> robots = new ArrayList<>();
        for (final Spec s : specs)
        {
            final Trader t = new Trader(s, catalog.participant(s.id()).index());
            traders.put(s.id(), t);
            byParticipant[t.participant] = t;
            for (final long limit : s.limits())
            {
                (s.side() == Side.BUY ? values : costs).add(limit);
            }
            if (s.robot())
            {
                robots.add(new LiveMarket.Robot(s.id(), SYMBOL, setup.robots().type(), s.side(), s.limits(),
                    robotWakeSeconds(setup)));
            }
        }
        demand = Units.bestFirst(values.stream().mapToLong(Long::longValue).toArray(), true);
        supply = Units.bestFirst(costs.stream().mapToLong(Long::longValue).toArray(), false);
        equilibrium = Equilibrium.of(demand, supply);
        market = new LiveMarket(engine, robots, RoundValues.robotSeed(setup.seed(), number));
        market.listen(this::applied);
        market.open(BASE_NANOS, BASE_NANOS + setup.simSeconds() * 1_000_000_000L);
    }

    /** A robot's mean time between wakes in simulated seconds: {@link #ROBOT_WAKE_SECONDS} of real time. */
    static double robotWakeSeconds(final RoundSetup setup)
    {
        return ROBOT_WAKE_SECONDS * setup.simSeconds() / setup.seconds();
    }

    /**
     * The traders of a round: each student with the role of their seat, then {@code robotsPerSide} robot buyers and
     * sellers; each one's limits drawn by {@link RoundValues} from the setup's seed, the round and its place.
     */
    static List<Spec> draw(final int number, final RoundSetup setup, final List<ClassRoster.Seat> students)
    {
        final List<Spec> specs = new ArrayList<>();
        for (final ClassRoster.Seat s : students)
        {
            final Side side = "SELLER".equals(s.role()) ? Side.SELL : Side.BUY;
            specs.add(new Spec(s.participant(), s.name(), false, side, RoundValues.draw(setup.seed(), number,
                specs.size(), side == Side.BUY, setup.units())));
        }
        for (int i = 1; i <= setup.robotsPerSide(); i++)
        {
            for (final Side side : new Side[] {Side.BUY, Side.SELL})
            {
                final String id = "ROBOT-" + (side == Side.BUY ? "B" : "S") + i;
                specs.add(new Spec(id, setup.robots().name() + " robot", true, side, RoundValues.draw(setup.seed(),
                    number, specs.size(), side == Side.BUY, setup.units())));
            }
        }
        return specs;
    }

    // ------------------------------------------------------------------------------------------ trading

    /**
     * A student's order for their next unit at {@code price} (scaled), at {@code millis} (wall clock): the robots
     * run until then, then it replaces the student's resting order. Returns what became of it: "ACCEPTED",
     * "TRADED" or the engine's reject code and reason.
     *
     * @throws ClassroomException when the round is over, the trader is not in it, or has no unit left.
     */
    String order(final String traderId, final long price, final long millis)
    {
        final Trader t = traders.get(traderId);
        if (t == null || t.spec.robot())
        {
            throw new ClassroomException(403, "you are not a trader of round " + number + ": it started before " +
                "you joined; wait for the next round");
        }
        advance(millis);
        if (millis >= endsAtMillis())
        {
            end(millis);
        }
        if (!running)
        {
            throw new ClassroomException(409, "round " + number + " is over: wait for the next round");
        }
        if (!t.hasUnit())
        {
            throw new ClassroomException(409, "you have traded all your units in this round");
        }
        if (t.liveOrder != 0)
        {
            cmd.cancel(nanos(), t.participant, t.liveOrder);
            market.submit(cmd);
        }
        cmd.newOrder(nanos(), t.participant, t.nextOrderId++, instrument.index(), t.spec.side(), OrderType.LIMIT,
            TimeInForce.DAY, price, 1);
        market.submit(cmd);
        return result;
    }

    /** The robots act until {@code millis} (wall clock; simulated time runs on with it, never back). */
    void advance(final long millis)
    {
        if (running)
        {
            nowMillis = Math.max(nowMillis, millis);
            market.runUntil(nanos());
        }
    }

    /**
     * Simulated time now: BASE_NANOS plus {@code simSeconds / seconds} times the real time since the start (at most
     * the round's length).
     */
    private long nanos()
    {
        final long elapsed = Math.min(nowMillis - startMillis, setup.seconds() * 1000L);
        return BASE_NANOS + elapsed * 1_000_000L * setup.simSeconds() / setup.seconds();
    }

    /** A row's time: the round's start plus the simulated milliseconds since it. */
    private long millisOf(final long nanos)
    {
        return startMillis + (nanos - BASE_NANOS) / 1_000_000L;
    }

    /** Records each order, replace and cancel of a trader, its result, and the trades, from the engine's events. */
    private void applied(final Command c, final EventList events)
    {
        final Trader t = c.submitter >= 0 && c.submitter < byParticipant.length ? byParticipant[c.submitter] : null;
        final long limit = t == null ? 0 : t.limit();
        final long millis = millisOf(c.timeNanos);
        result = null;
        boolean traded = false;
        for (int i = 0; i < events.size(); i++)
        {
            final EngineEvent e = events.get(i);
            if (e.type == EventType.TRADE)
            {
                trade(e, millis);
                traded = true;
            }
            else if (e.type == EventType.REJECTED)
            {
                result = "REJECTED " + e.code;
            }
            else if (e.owner >= 0 && e.owner < byParticipant.length && byParticipant[e.owner] != null)
            {
                follow(byParticipant[e.owner], e);
            }
        }
        final String action = c.type == CommandType.NEW_ORDER ? "NEW" : c.type == CommandType.REPLACE ? "REPLACE" :
            c.type == CommandType.CANCEL ? "CANCEL" : null;
        if (t == null || action == null)
        {
            return;
        }
        if (result == null)
        {
            result = traded ? "TRADED" : c.type == CommandType.NEW_ORDER ? "ACCEPTED" :
                c.type == CommandType.REPLACE ? "REPLACED" : "CANCELLED";
        }
        orders.add(new OrderRow(millis, t.spec.id(), action, c.clientOrderId, t.spec.side(),
            c.type == CommandType.CANCEL ? 0 : c.price, limit, result));
    }

    /** Follows a trader's resting order from an event about it. */
    private static void follow(final Trader t, final EngineEvent e)
    {
        if ((e.type == EventType.ACCEPTED || e.type == EventType.REPLACED) && e.leaves > 0)
        {
            t.liveOrder = e.clientOrderId;
            t.livePrice = e.price;
        }
        else if ((e.type == EventType.CANCELLED || e.type == EventType.EXPIRED) && t.liveOrder == e.clientOrderId)
        {
            t.liveOrder = 0;
        }
    }

    private void trade(final EngineEvent e, final long millis)
    {
        final Trader buyer = byParticipant[e.buyOwner];
        final Trader seller = byParticipant[e.sellOwner];
        final long value = buyer.spec.limits()[buyer.next++];
        final long cost = seller.spec.limits()[seller.next++];
        buyer.profit += value - e.price;
        seller.profit += e.price - cost;
        if (e.buyLeaves == 0 && buyer.liveOrder == e.buyClientOrderId)
        {
            buyer.liveOrder = 0;
        }
        if (e.sellLeaves == 0 && seller.liveOrder == e.sellClientOrderId)
        {
            seller.liveOrder = 0;
        }
        trades.add(new TradeRow(millis, e.tradeId, buyer.spec.id(), seller.spec.id(), e.price, value, cost));
    }

    /** Ends the round: no more orders; the book is dropped with the round. */
    void end(final long millis)
    {
        nowMillis = Math.max(nowMillis, millis);
        running = false;
    }

    // ------------------------------------------------------------------------------------------ what it shows

    boolean running()
    {
        return running;
    }

    long endsAtMillis()
    {
        return startMillis + setup.seconds() * 1000L;
    }

    Instrument instrument()
    {
        return instrument;
    }

    Equilibrium equilibrium()
    {
        return equilibrium;
    }

    /** Every buyer's values, highest first, and every seller's costs, lowest first: the step curves. */
    long[] demand()
    {
        return demand.clone();
    }

    long[] supply()
    {
        return supply.clone();
    }

    List<OrderRow> orders()
    {
        return Collections.unmodifiableList(orders);
    }

    List<TradeRow> trades()
    {
        return Collections.unmodifiableList(trades);
    }

    Trader trader(final String id)
    {
        return traders.get(id);
    }

    List<Trader> traders()
    {
        return List.copyOf(traders.values());
    }

    /** Best bid and ask now (scaled), 0 for an empty side. */
    long best(final Side side)
    {
        return engine.depth(instrument.index(), side) > 0 ? engine.levelPrice(instrument.index(), side, 0) : 0;
    }

    /**
     * The round's measures by the agents package's {@link Measures}: equilibrium price band and units, allocative
     * efficiency (efficiency_pct: traded surplus over the equilibrium's) and Smith's alpha (smith_alpha_pct: root
     * mean square deviation of trade prices from the equilibrium's middle price, in % of it), price units.
     */
    Map<String, Double> measures()
    {
        final Measures m = new Measures(engine.catalog(), new int[] {instrument.index()},
            new Equilibrium[] {equilibrium});
        m.startDay(1);
        for (final TradeRow t : trades)
        {
            m.trade(instrument.index(), t.price(), 1, instrument.notional(t.price(), 1), "BY", t.value() - t.cost());
        }
        m.endDay();
        final Map<String, Double> out = new LinkedHashMap<>();
        for (final MetricRow r : m.finish(List.of()))
        {
            if (r.day() == 1 && r.subject().isEmpty())
            {
                out.put(r.metric(), r.value());
            }
        }
        return out;
    }

    static String instrumentsCsv()
    {
        return String.join(",", CatalogLoader.INSTRUMENT_COLUMNS) + "\n" + SYMBOL +
            ",Classroom unit,AGRI,unit,USD,2,0,1.00,1,100.00,60\n";
    }

    private static String participantsCsv(final List<Spec> specs)
    {
        final StringBuilder sb = new StringBuilder(String.join(",", CatalogLoader.PARTICIPANT_COLUMNS)).append('\n');
        for (final Spec s : specs)
        {
            sb.append(s.id()).append(',').append(s.id()).append(",BY,true,TRADER,,AGRI,ACTIVE,1000000.00,USD\n");
        }
        return sb.toString();
    }
}
