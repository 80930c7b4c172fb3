package by.butb.sim.classroom;

import by.butb.engine.core.Command;
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
import by.butb.sim.agents.Measures;
import by.butb.sim.agents.MetricRow;
import by.butb.sim.agents.Units;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One round of the classroom's market: a fresh {@link MatchingEngine} with one instrument ({@link #SYMBOL}, one
 * unit per order, prices with 2 decimals, no fee, no guarantee) and one participant per student and robot, each
 * with private values (buyers) or costs (sellers) to trade, best unit first. Students and robots trade through the
 * same engine: a new order of a trader replaces its resting one (cancel, then a DAY limit order for one unit).
 * Keeps every order and trade, each trader's profit (value minus price, or price minus cost, per traded unit) and
 * the round's equilibrium. Not thread-safe: {@link Rounds} serialises the calls.
 */
final class RoundMarket
{
    static final String SYMBOL = "UNIT";
    /** Simulated time of a round's start (epoch nanoseconds, 2026-01-05 10:00 UTC); real time runs on from it. */
    static final long BASE_NANOS = 1_767_607_200L * 1_000_000_000L;
    /** Chance that a robot acts at each of the classroom's ticks (200 ms): about once in 0.7 s. */
    static final double WAKE_PROBABILITY = 0.3;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** Who trades in a round: a student (participant id and name) or a robot, its side and its limits. */
    record Spec(String id, String name, boolean robot, Side side, long[] limits)
    {
    }

    /** A trader's part in the round: limits best first, the next unit to trade, profit (scaled price). */
    static final class Trader
    {
        final Spec spec;
        final int participant;
        final SplittableRandom rng;
        int next;
        long profit;
        long liveOrder;
        /** The resting order's price (scaled), meaningful while {@code liveOrder != 0}. */
        long livePrice;
        long nextOrderId = 1;

        Trader(final Spec spec, final int participant, final SplittableRandom rng)
        {
            this.spec = spec;
            this.participant = participant;
            this.rng = rng;
        }

        boolean hasUnit()
        {
            return next < spec.limits().length;
        }
    }

    /** An order, cancel or refusal of a trader; {@code limit} is the value or cost of the unit it was for. */
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
    private final Map<String, Trader> traders = new LinkedHashMap<>();
    private final Trader[] byParticipant;
    private final long[] demand;
    private final long[] supply;
    private final Equilibrium equilibrium;
    private final List<OrderRow> orders = new ArrayList<>();
    private final List<TradeRow> trades = new ArrayList<>();
    private final Command cmd = new Command();
    private final EventList events = new EventList(64);
    private long sequence;
    private long nowMillis;
    private boolean running = true;
    private String rejection;

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
        for (int i = 0; i < specs.size(); i++)
        {
            final Spec s = specs.get(i);
            final int p = catalog.participant(s.id()).index();
            final Trader t = new Trader(s, p, new SplittableRandom(setup.seed() * GOLDEN + number * 31L + i));
            traders.put(s.id(), t);
            byParticipant[p] = t;
            for (final long limit : s.limits())
            {
                (s.side() == Side.BUY ? values : costs).add(limit);
            }
        }
        demand = Units.bestFirst(values.stream().mapToLong(Long::longValue).toArray(), true);
        supply = Units.bestFirst(costs.stream().mapToLong(Long::longValue).toArray(), false);
        equilibrium = Equilibrium.of(demand, supply);
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
     * A student's order for their next unit at {@code price} (scaled): replaces their resting order. Returns what
     * became of it: "ACCEPTED", "TRADED" or the engine's reject code and reason.
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
        if (!running)
        {
            throw new ClassroomException(409, "round " + number + " is over: wait for the next round");
        }
        if (!t.hasUnit())
        {
            throw new ClassroomException(409, "you have traded all your units in this round");
        }
        return quote(t, price, millis);
    }

    /** Each robot acts with {@link #WAKE_PROBABILITY}: a zero-intelligence quote for its next unit. */
    void robotsAct(final long millis)
    {
        for (final Trader t : traders.values())
        {
            if (running && t.spec.robot() && t.hasUnit() && t.rng.nextDouble() < WAKE_PROBABILITY)
            {
                quote(t, robotPrice(t), millis);
            }
        }
    }

    /** ZI-C: a buyer bids from the band's low to its value, a seller asks from its cost to the band's high. */
    private long robotPrice(final Trader t)
    {
        long low = instrument.lowPrice();
        long high = instrument.highPrice();
        final long limit = t.spec.limits()[t.next];
        if (setup.robots() == RoundSetup.RobotKind.ZIC)
        {
            high = t.spec.side() == Side.BUY ? Math.min(high, limit) : high;
            low = t.spec.side() == Side.SELL ? Math.max(low, limit) : low;
        }
        final long step = instrument.priceStep();
        low = (low + step - 1) / step * step;
        high = high / step * step;
        return high <= low ? low : low + t.rng.nextLong((high - low) / step + 1) * step;
    }

    private String quote(final Trader t, final long price, final long millis)
    {
        nowMillis = Math.max(nowMillis, millis);
        final long limit = t.spec.limits()[t.next];
        if (t.liveOrder != 0)
        {
            final long id = t.liveOrder;
            cmd.cancel(nanos(), t.participant, id);
            apply();
            orders.add(new OrderRow(nowMillis, t.spec.id(), "CANCEL", id, t.spec.side(), 0, limit,
                rejection == null ? "CANCELLED" : rejection));
            t.liveOrder = 0;
        }
        final long id = t.nextOrderId++;
        final int traded = trades.size();
        t.liveOrder = id;
        cmd.newOrder(nanos(), t.participant, id, instrument.index(), t.spec.side(), OrderType.LIMIT, TimeInForce.DAY,
            price, 1);
        apply();
        final String result = rejection != null ? rejection : trades.size() > traded ? "TRADED" : "ACCEPTED";
        if (rejection != null)
        {
            t.liveOrder = 0;
        }
        t.livePrice = price;
        orders.add(new OrderRow(nowMillis, t.spec.id(), "NEW", id, t.spec.side(), price, limit, result));
        return result;
    }

    private long nanos()
    {
        return BASE_NANOS + (nowMillis - startMillis) * 1_000_000L;
    }

    private void apply()
    {
        cmd.sequence = ++sequence;
        events.clear();
        rejection = null;
        engine.process(cmd, events);
        for (int i = 0; i < events.size(); i++)
        {
            final EngineEvent e = events.get(i);
            if (e.type == EventType.TRADE)
            {
                trade(e);
            }
            else if (e.type == EventType.REJECTED)
            {
                rejection = "REJECTED " + e.code;
            }
        }
    }

    private void trade(final EngineEvent e)
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
        trades.add(new TradeRow(nowMillis, e.tradeId, buyer.spec.id(), seller.spec.id(), e.price, value, cost));
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

    private static String instrumentsCsv()
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
