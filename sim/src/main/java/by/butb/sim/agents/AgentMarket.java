package by.butb.sim.agents;

import by.butb.engine.core.Command;
import by.butb.engine.core.CommandType;
import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.EventList;
import by.butb.engine.core.EventType;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.core.ResultCode;
import by.butb.engine.core.TradeKind;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Phase;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Drives one agent-based market: a discrete-event loop over simulated time that wakes the agents in time order
 * and applies each command they send to the {@link MatchingEngine} at once, on the calling thread, then hands the
 * command's events to the agents concerned, the public {@link MarketView}s, the {@link LotBoard} and the
 * {@link Measures}. No clock and no shared random source: the run follows from the scenario and its seed.
 *
 * <p>Why not the Disruptor pipeline: an agent decides on the outcome of its previous command (is my order live,
 * did my bid win), so every command would wait for its events anyway; a pipeline adds a thread hand-off per
 * command and nothing else. {@code MatchingEngine.process} is what the pipeline's logic thread runs, with the same
 * checks and events; one engine per run also lets an experiment run one market per core.
 */
final class AgentMarket
{
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    private record Wake(long time, long seq, int agent)
    {
    }

    private final MatchingEngine engine;
    private final Catalog catalog;
    private final List<Agent> agents;
    private final Agent[] byParticipant;
    private final List<List<Agent>> listeners = new ArrayList<>();
    private final List<List<Agent>> reactors = new ArrayList<>();
    private final long[] unitQuantities;
    private final MarketView[] views;
    private final LotBoard lots = new LotBoard();
    private final Measures measures;
    private final TradeLog tradeLog;
    private final Command cmd = new Command();
    private final EventList events = new EventList(64);
    private final PriorityQueue<Wake> queue = new PriorityQueue<>((a, b) -> a.time != b.time ?
        Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
    private long seq;
    private long sequence;
    private long now;
    private long dayClose;
    private long pendingLotBid;
    private long commands;
    private CommandListener listener;

    /** @param unitQuantities per instrument index, the quantity of one trading unit (scaled). */
    AgentMarket(final MatchingEngine engine, final List<Agent> agents, final long[] unitQuantities,
        final Measures measures, final TradeLog tradeLog)
    {
        this.unitQuantities = unitQuantities.clone();
        this.engine = engine;
        this.catalog = engine.catalog();
        this.agents = agents;
        this.measures = measures;
        this.tradeLog = tradeLog;
        byParticipant = new Agent[catalog.participants().size()];
        views = new MarketView[catalog.instruments().size()];
        for (int i = 0; i < views.length; i++)
        {
            views[i] = new MarketView();
            listeners.add(new ArrayList<>());
            reactors.add(new ArrayList<>());
        }
        for (int i = 0; i < agents.size(); i++)
        {
            final Agent a = agents.get(i);
            a.slot = i;
            byParticipant[a.participant] = a;
            if (a.listens())
            {
                listeners.get(a.instrument).add(a);
            }
            if (a.reactNanos() >= 0)
            {
                reactors.get(a.instrument).add(a);
            }
        }
    }

    /**
     * One trading day from {@code open} to {@code close} (epoch nanoseconds): a CLOCK at the open (and at
     * {@code continuousFrom}, the end of the call), then the agents' wakes in time order, then a CLOCK at the close
     * (DAY orders expire, due lots close).
     */
    void runDay(final int dayNumber, final long open, final long continuousFrom, final long close)
    {
        openDay(dayNumber, open, continuousFrom, close);
        runBefore(close);
        closeDay();
    }

    /** Starts a trading day: the CLOCK at the open, each agent's first wake, a CLOCK at {@code continuousFrom}. */
    void openDay(final int dayNumber, final long open, final long continuousFrom, final long close)
    {
        final long openOffset = Math.floorMod(open, NANOS_PER_DAY);
        dayClose = close;
        measures.startDay(dayNumber);
        clock(open);
        for (int i = 0; i < agents.size(); i++)
        {
            final Agent a = agents.get(i);
            a.startDay();
            a.dayFrom = a.fromOffset < 0 ? open : open - openOffset + a.fromOffset;
            a.dayUntil = a.untilOffset < 0 ? close : open - openOffset + a.untilOffset;
            schedule(i, Math.max(open, a.dayFrom) + a.nextGap());
        }
        if (continuousFrom > open)
        {
            queue.add(new Wake(continuousFrom, seq++, -1));
        }
        now = Math.max(now, open);
    }

    /**
     * Runs every wake due before {@code time} (epoch nanoseconds, capped at the day's close) in time order; then the
     * market's time is {@code time}, unless it was already later.
     */
    void runBefore(final long time)
    {
        final long until = Math.min(time, dayClose);
        while (!queue.isEmpty() && queue.peek().time < until)
        {
            final Wake w = queue.poll();
            now = w.time;
            if (w.agent < 0)
            {
                clock(now);
                continue;
            }
            final Agent a = agents.get(w.agent);
            if (a.nextWake != w.time)
            {
                continue;
            }
            a.nextWake = Long.MAX_VALUE;
            final MarketView v = views[a.instrument];
            if (v.bestBid > 0 && v.bestAsk > 0)
            {
                measures.spread(a.instrument, v.bestAsk - v.bestBid);
            }
            a.wake(this);
            if (a.nextWake == Long.MAX_VALUE)
            {
                schedule(w.agent, now + a.nextGap());
            }
        }
        now = Math.max(now, until);
    }

    /** Ends the day: the CLOCK at the close, open lots forgotten, the day's measures taken. */
    void closeDay()
    {
        queue.clear();
        now = dayClose;
        clock(dayClose);
        lots.clear();
        measures.endDay();
    }

    /**
     * Applies a command from outside the agents (a person's order) at the market's time, which runs on to the
     * command's {@code timeNanos} first ({@link #runBefore}); its events reach the agents as their own commands'
     * do. The command's time and sequence are set here.
     */
    void submit(final Command outside)
    {
        runBefore(outside.timeNanos);
        cmd.copyFrom(outside);
        cmd.timeNanos = now;
        apply();
    }

    /** Hears every command applied (the agents', the CLOCKs, outside ones) with its events; null: none. */
    void listen(final CommandListener commandListener)
    {
        this.listener = commandListener;
    }

    private void schedule(final int agent, final long time)
    {
        if (time < dayClose && time < agents.get(agent).dayUntil)
        {
            agents.get(agent).nextWake = time;
            queue.add(new Wake(time, seq++, agent));
        }
    }

    // ---------------------------------------------------------------- what agents see

    long now()
    {
        return now;
    }

    long dayClose()
    {
        return dayClose;
    }

    MarketView view(final int instrument)
    {
        return views[instrument];
    }

    Instrument instrument(final int instrument)
    {
        return catalog.instrument(instrument);
    }

    Phase phase(final int instrument)
    {
        return engine.phase(catalog.instrument(instrument).sectionIndex());
    }

    Collection<LotBoard.Lot> openLots(final int instrument)
    {
        return lots.of(instrument);
    }

    // ---------------------------------------------------------------- what agents do

    void newOrder(final Agent a, final long clientOrderId, final Side side, final long price, final TimeInForce tif)
    {
        cmd.newOrder(now, a.participant, clientOrderId, a.instrument, side, OrderType.LIMIT, tif, price,
            unitQuantity(a));
        apply();
    }

    void replace(final Agent a, final long clientOrderId, final long price)
    {
        cmd.replace(now, a.participant, clientOrderId, price, unitQuantity(a));
        apply();
    }

    void cancel(final Agent a, final long clientOrderId)
    {
        cmd.cancel(now, a.participant, clientOrderId);
        apply();
    }

    /** Offers one trading unit as a lot closing after {@code minutes}; the lot's close is scheduled as a CLOCK. */
    void lotOffer(final Agent a, final long clientOrderId, final long startPrice, final long bidStep,
        final int minutes)
    {
        final long closeAt = now + minutes * 60_000_000_000L;
        cmd.lotOffer(now, a.participant, clientOrderId, a.instrument, Side.SELL, startPrice, unitQuantity(a), bidStep,
            closeAt);
        apply();
        if (closeAt <= dayClose)
        {
            queue.add(new Wake(closeAt, seq++, -1));
        }
    }

    void lotBid(final Agent a, final long clientOrderId, final long lotId, final long price)
    {
        cmd.lotBid(now, a.participant, clientOrderId, lotId, price);
        pendingLotBid = lotId;
        apply();
        pendingLotBid = 0;
    }

    /** Asks for a wake of {@code a} after {@code delay} nanoseconds, unless one is due sooner. */
    void wakeAfter(final Agent a, final long delay)
    {
        final long at = now + delay;
        if (at < a.nextWake && at < dayClose && at >= a.dayFrom && at < a.dayUntil)
        {
            a.nextWake = at;
            queue.add(new Wake(at, seq++, a.slot));
        }
    }

    long unitQuantity(final Agent a)
    {
        return unitQuantities[a.instrument];
    }

    long commands()
    {
        return commands;
    }

    private void clock(final long time)
    {
        cmd.clock(time);
        apply();
    }

    // ---------------------------------------------------------------- events

    private void apply()
    {
        cmd.sequence = ++sequence;
        commands++;
        events.clear();
        engine.process(cmd, events);
        if (listener != null)
        {
            listener.applied(cmd, events);
        }
        for (int i = 0; i < events.size(); i++)
        {
            final EngineEvent e = events.get(i);
            if (e.type == EventType.TRADE)
            {
                trade(e);
            }
            else if (e.type != EventType.PHASE_CHANGED)
            {
                orderEvent(e);
            }
        }
        refreshQuotes();
    }

    private void orderEvent(final EngineEvent e)
    {
        if (e.type == EventType.REJECTED && e.instrument >= 0 && e.instrument < views.length)
        {
            measures.reject(e.instrument);
        }
        if (e.type == EventType.ACCEPTED && e.commandType == CommandType.LOT_OFFER)
        {
            lots.offered(new LotBoard.Lot(e.exchangeOrderId, e.owner, e.instrument, e.price, e.bidStep,
                e.closeTimeNanos));
        }
        else if (e.type == EventType.ACCEPTED && e.commandType == CommandType.LOT_BID)
        {
            final LotBoard.Lot lot = lots.get(pendingLotBid);
            if (lot != null)
            {
                lot.bestBid = e.price;
            }
        }
        else if (e.type == EventType.EXPIRED && e.code == ResultCode.LOT_UNSOLD)
        {
            lots.closed(e.exchangeOrderId);
        }
        else if ((e.type == EventType.ACCEPTED || e.type == EventType.REPLACED) && e.leaves > 0 &&
            (e.commandType == CommandType.NEW_ORDER || e.commandType == CommandType.REPLACE))
        {
            final long tick = catalog.instrument(e.instrument).priceStep();
            for (final Agent a : listeners.get(e.instrument))
            {
                a.onShout(e.side, e.price, false, tick);
            }
        }
        if (e.owner >= 0 && e.owner < byParticipant.length && byParticipant[e.owner] != null)
        {
            byParticipant[e.owner].onOrderEvent(e, this);
        }
    }

    private void trade(final EngineEvent e)
    {
        if (e.tradeKind == TradeKind.LOT_AUCTION)
        {
            lots.closed(e.sellOrderId);
        }
        final Instrument in = catalog.instrument(e.instrument);
        final long notional = in.notional(e.price, e.quantity);
        final Agent buyer = byParticipant[e.buyOwner];
        final Agent seller = byParticipant[e.sellOwner];
        final long units = e.quantity / Math.max(1, unitQuantities[e.instrument]);
        long gains = 0;
        gains += settle(buyer, e, Side.BUY, notional, e.buyFee, units);
        gains += settle(seller, e, Side.SELL, notional, e.sellFee, units);
        views[e.instrument].trade(e.price);
        measures.trade(e.instrument, e.price, e.quantity, notional, buyer != null ? buyer.country :
            catalog.participant(e.buyOwner).country(), gains);
        tradeLog.trade(e, idOf(buyer, e.buyOwner), idOf(seller, e.sellOwner));
        if (buyer != null)
        {
            buyer.onFill(e, Side.BUY, this);
        }
        if (seller != null)
        {
            seller.onFill(e, Side.SELL, this);
        }
        for (final Agent a : listeners.get(e.instrument))
        {
            a.onShout(e.side.opposite(), e.price, true, in.priceStep());
        }
        for (final Agent a : reactors.get(e.instrument))
        {
            wakeAfter(a, a.reactNanos());
        }
    }

    private String idOf(final Agent a, final int participant)
    {
        return a != null ? a.id : catalog.participant(participant).id();
    }

    /**
     * Books a fill on one side for the agent; returns the valued unit's gains (scaled price x units), 0 for a
     * participant that is not an agent ({@code a} null).
     */
    private long settle(final Agent a, final EngineEvent e, final Side side, final long notional, final long fee,
        final long units)
    {
        if (a == null)
        {
            return 0;
        }
        a.fees += fee;
        a.inventory += side == Side.BUY ? e.quantity : -e.quantity;
        a.cash += side == Side.BUY ? -notional : notional;
        if (a.units == null)
        {
            return 0;
        }
        long gains = 0;
        final Instrument in = catalog.instrument(e.instrument);
        for (long u = 0; u < units; u++)
        {
            final long limit = a.units.consume();
            if (limit < 0)
            {
                break;
            }
            final long perUnit = side == Side.BUY ? limit - e.price : e.price - limit;
            gains += perUnit;
            final long unit = unitQuantities[e.instrument];
            final long atLimit = in.notional(limit, unit);
            final long atPrice = in.notional(e.price, unit);
            a.unitGains += side == Side.BUY ? atLimit - atPrice : atPrice - atLimit;
        }
        return gains;
    }

    /** Refreshes every instrument's best bid and ask. */
    private void refreshQuotes()
    {
        for (int i = 0; i < views.length; i++)
        {
            views[i].bestBid = engine.depth(i, Side.BUY) > 0 ? engine.levelPrice(i, Side.BUY, 0) : 0;
            views[i].bestAsk = engine.depth(i, Side.SELL) > 0 ? engine.levelPrice(i, Side.SELL, 0) : 0;
        }
    }
}
