package by.butb.sim.study;

import by.butb.engine.core.Command;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import by.butb.sim.replay.OrderIds;
import by.butb.sim.replay.OrderNames;
import by.butb.sim.replay.RowInfo;

/**
 * The commands of a planned study, in the order they are submitted: every planned step, then one final CLOCK at
 * the end of the last flow's period (lots still open close, the day changes). The in-process run fills engine
 * commands from it ({@link #fill}); the FIX driver and the classroom read each command as a {@link Planned}.
 *
 * <p>The commands are unpacked from the plan as they are asked for ({@link StepCursor}): reading them in index
 * order (each index any number of times, then the next) costs nothing extra; going back to an earlier index
 * unpacks the plan again from its start.
 *
 * <p>Client order ids: by default the rule of {@link StudyOrderIds} (no table, nothing kept per order); with a
 * table ({@link #StudyCommands(StudyPlan, OrderIds)}) each owner's names are numbered 1, 2, ... in the order first
 * used, in the table other order sources share (the classroom's students).
 *
 * <p>Threading: not thread-safe; use it from the submitting thread only ({@link #names()} may be read by the
 * engine's thread, see {@link OrderIds} and {@link StudyOrderIds}).
 */
public final class StudyCommands
{
    /** What a command does. */
    public enum Kind
    {
        NEW, REPLACE, LOT_OFFER, LOT_BID, CLOCK
    }

    /**
     * One command with names instead of indexes. Prices and quantities are the engine's fixed-point longs of the
     * instrument (its price and quantity scales); times are nanoseconds since the epoch, UTC.
     *
     * @param owner               the broker's client the order is for, or null.
     * @param orderId             the owner's order id (ClOrdID): S12, B12, LOT12, L12-3; null for CLOCK.
     * @param counterparty        address order: the only participant that may take it; address take or lot bid:
     *                            whose address order or lot it takes or bids on; else null.
     * @param counterpartyOrderId the counterparty's order id for the address order or lot taken, or null.
     */
    public record Planned(Kind kind, long timeNanos, String submitter, String owner, String orderId, int instrument,
        Side side, TimeInForce tif, long price, long quantity, String counterparty, String counterpartyOrderId,
        long bidStep, long closeTimeNanos)
    {
    }

    private final StudyPlan plan;
    private final Catalog catalog;
    private final int steps;
    /** The table the client order ids are numbered in, or null for {@link StudyOrderIds}' rule. */
    private final OrderIds table;
    private StepCursor cursor;
    /** The step of command {@link #at}, or null before the first is read. */
    private Step current;
    private int at = -1;
    private String currentName;

    /** The commands of {@code plan}, their client order ids by {@link StudyOrderIds}' rule. */
    public StudyCommands(final StudyPlan plan)
    {
        this(plan, null);
    }

    /** The commands of {@code plan}, their client order ids numbered in {@code table} (see {@link OrderIds}). */
    public StudyCommands(final StudyPlan plan, final OrderIds table)
    {
        this.plan = plan;
        this.table = table;
        this.catalog = plan.catalog();
        if (plan.stepCount() >= Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("the plan has " + plan.stepCount() + " steps, more than " +
                (Integer.MAX_VALUE - 1) + " commands can be numbered; use a smaller --scale");
        }
        this.steps = (int)plan.stepCount();
    }

    /** Number of commands: the planned steps and the final CLOCK. */
    public int size()
    {
        return steps + 1;
    }

    /** The time of command {@code i}, in nanoseconds since the epoch (UTC). */
    public long timeNanos(final int i)
    {
        return i == steps ? plan.endNanos() : step(i).time;
    }

    /** The step of command {@code i} (below {@link #steps}). */
    private Step step(final int i)
    {
        if (i < 0 || i >= steps)
        {
            throw new IndexOutOfBoundsException("command " + i + " of " + steps + " steps");
        }
        if (i < at || cursor == null)
        {
            cursor = plan.steps();
            at = -1;
        }
        while (at < i)
        {
            current = cursor.next();
            currentName = null;
            at++;
        }
        return current;
    }

    /** The owner's order id of the current step {@code s} (made once per step). */
    private String name(final Step s)
    {
        if (currentName == null)
        {
            currentName = Step.orderName(s.role, s.deal, s.index);
        }
        return currentName;
    }

    /** The names behind the client order ids the engine commands use. */
    public OrderNames names()
    {
        return table != null ? table::nameOf : StudyOrderIds.NAMES;
    }

    /** The client order id of command {@code i}'s order (its owner's), or 0 for a CLOCK. */
    public long clientOrderId(final int i)
    {
        if (i == steps)
        {
            return 0;
        }
        final Step s = step(i);
        return s.kind == Step.CLOCK ? 0 : clientOrderId(s.owner >= 0 ? s.owner : s.submitter, s.role, s.deal,
            s.index);
    }

    /** The client order id of {@code owner}'s order named {@code role}, {@code deal}, {@code index}. */
    private long clientOrderId(final int owner, final byte role, final int deal, final int index)
    {
        return table == null ? StudyOrderIds.idOf(role, deal, index) :
            table.idOf(id(owner), Step.orderName(role, deal, index));
    }

    public Planned get(final int i)
    {
        if (i == steps)
        {
            return new Planned(Kind.CLOCK, plan.endNanos(), null, null, null, -1, null, null, 0, 0, null, null, 0, 0);
        }
        final Step s = step(i);
        final String counterparty = s.counterparty >= 0 ? id(s.counterparty) : null;
        return switch (s.kind)
        {
            case Step.NEW -> new Planned(Kind.NEW, s.time, id(s.submitter), s.owner >= 0 ? id(s.owner) : null,
                name(s), s.instrument, side(s), tif(s), s.price, s.quantity,
                counterparty, counterparty != null && !s.sell ? Step.orderName(Step.ROLE_SELL, s.deal, 0) : null, 0, 0);
            case Step.REPLACE -> new Planned(Kind.REPLACE, s.time, id(s.submitter), s.owner >= 0 ? id(s.owner) : null,
                name(s), s.instrument, side(s), tif(s), s.price, s.quantity, null, null,
                0, 0);
            case Step.LOT_OFFER -> new Planned(Kind.LOT_OFFER, s.time, id(s.submitter),
                s.owner >= 0 ? id(s.owner) : null, name(s), s.instrument, side(s),
                TimeInForce.GTC, s.price, s.quantity, null, null, s.bidStep, s.closeTime);
            case Step.LOT_BID -> new Planned(Kind.LOT_BID, s.time, id(s.submitter), s.owner >= 0 ? id(s.owner) : null,
                name(s), s.instrument, side(s), TimeInForce.GTC, s.price, s.quantity,
                counterparty, Step.orderName(Step.ROLE_LOT, s.deal, 0), 0, 0);
            default -> new Planned(Kind.CLOCK, s.time, null, null, null, -1, null, null, 0, 0, null, null, 0, 0);
        };
    }

    /** Fills the engine command for command {@code i} (runs on the submitting thread). */
    public void fill(final Command c, final int i)
    {
        if (i == steps)
        {
            c.clock(plan.endNanos());
            return;
        }
        final Step s = step(i);
        if (s.kind == Step.CLOCK)
        {
            c.clock(s.time);
            return;
        }
        final int owner = s.owner >= 0 ? s.owner : s.submitter;
        final long orderId = clientOrderId(owner, s.role, s.deal, s.index);
        switch (s.kind)
        {
            case Step.NEW ->
            {
                c.newOrder(s.time, s.submitter, orderId, s.instrument, side(s), OrderType.LIMIT, tif(s), s.price,
                    s.quantity);
                if (s.counterparty >= 0)
                {
                    c.counterparty = s.counterparty;
                    if (!s.sell)
                    {
                        c.counterpartyOrderId = clientOrderId(s.counterparty, Step.ROLE_SELL, s.deal, 0);
                    }
                }
            }
            case Step.REPLACE -> c.replace(s.time, s.submitter, orderId, s.price, s.quantity);
            case Step.LOT_OFFER -> c.lotOffer(s.time, s.submitter, orderId, s.instrument, side(s), s.price,
                s.quantity, s.bidStep, s.closeTime);
            case Step.LOT_BID ->
            {
                c.lotBid(s.time, s.submitter, orderId, 0, s.price);
                c.counterparty = s.counterparty;
                c.counterpartyOrderId = clientOrderId(s.counterparty, Step.ROLE_LOT, s.deal, 0);
            }
            default -> throw new IllegalStateException("step kind " + s.kind);
        }
        if (s.owner >= 0)
        {
            c.onBehalfOf = s.owner;
        }
    }

    /**
     * What the event writer prints for command {@code i} (its "line" is {@code i + 1}), or null for the final
     * CLOCK (its events name no row).
     */
    public RowInfo row(final int i)
    {
        if (i == steps)
        {
            return null;
        }
        final Step s = step(i);
        final String action = switch (s.kind)
        {
            case Step.NEW -> "NEW";
            case Step.REPLACE -> "REPLACE";
            case Step.LOT_OFFER -> "LOT_OFFER";
            case Step.LOT_BID -> "LOT_BID";
            default -> "CLOCK";
        };
        final String owner = s.owner >= 0 ? id(s.owner) : id(s.submitter);
        return new RowInfo(i + 1L, id(s.submitter), s.owner >= 0 ? owner : "", action,
            s.kind == Step.CLOCK ? "" : name(s), "",
            catalog.instrument(s.instrument).symbol(), s.sell ? "SELL" : "BUY", "LIMIT", s.ioc ? "IOC" : "GTC",
            "", "", s.counterparty >= 0 ? id(s.counterparty) : "", s.kind == Step.LOT_BID ?
                Step.orderName(Step.ROLE_LOT, s.deal, 0) :
                s.counterparty >= 0 && !s.sell ? Step.orderName(Step.ROLE_SELL, s.deal, 0) : "", null);
    }

    private String id(final int participant)
    {
        return participant < 0 ? "" : catalog.participant(participant).id();
    }

    private static Side side(final Step s)
    {
        return s.sell ? Side.SELL : Side.BUY;
    }

    private static TimeInForce tif(final Step s)
    {
        final boolean address = s.counterparty >= 0;
        return s.ioc ? TimeInForce.IOC : address && !s.sell ? TimeInForce.DAY : s.sell ? TimeInForce.GTC :
            TimeInForce.DAY;
    }
}
