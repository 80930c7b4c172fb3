package by.butb.engine.core;

import by.butb.engine.book.Order;
import by.butb.engine.lots.Lot;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Phase;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;

/**
 * Writes the events of the command being processed into its {@link EventList}: every event carries the command's
 * sequence, user reference, time and type; the methods fill the rest from an order, a lot, a bid, a trade or a
 * phase change (see {@link EngineEvent} for which fields each kind uses). Lot events (the offer's, the bids', the
 * lot's trade or expiry) carry the lot's bid step and closing time. Trade ids are handed out here, in event order.
 * Engine thread only; allocation-free (the list's pooled events are reused).
 */
public final class EventWriter
{
    private long nextTradeId = 1;
    private long tradeIdStride = 1;
    private Command command;
    private EventList out;

    /** Numbers trade ids {@code first, first + stride, ...} (by default 1, 2, 3, ...); before any trade. */
    void numberIds(final long first, final long stride)
    {
        nextTradeId = first;
        tradeIdStride = stride;
    }

    /** The trade id the next TRADE will carry (see {@link #numberIds}). */
    public long peekTradeId()
    {
        return nextTradeId;
    }

    /** Restores the trade id sequence from a snapshot. */
    public void restoreTradeIds(final long next)
    {
        nextTradeId = next;
    }

    /** Starts writing the events of {@code cmd} into {@code events} (appended; the list is not cleared). */
    void begin(final Command cmd, final EventList events)
    {
        command = cmd;
        out = events;
    }

    void end()
    {
        command = null;
        out = null;
    }

    /** A new event of the current command with every field that only some kinds use cleared. */
    public EngineEvent event(final EventType type, final ResultCode code)
    {
        final EngineEvent e = out.add();
        final Command cmd = command;
        e.commandSequence = cmd.sequence;
        e.userRef = cmd.userRef;
        e.timeNanos = cmd.timeNanos;
        e.commandType = cmd.type;
        e.type = type;
        e.code = code;
        e.clearTradeAndPhaseFields();
        return e;
    }

    /** An event about a live order, from its current state. */
    public EngineEvent order(final EventType type, final ResultCode code, final Order order)
    {
        final EngineEvent e = event(type, code);
        e.instrument = order.instrument;
        e.side = order.side;
        e.orderType = order.type;
        e.timeInForce = order.timeInForce;
        e.price = order.price;
        e.quantity = order.quantity;
        e.owner = order.owner;
        e.submitter = order.submitter;
        e.clientOrderId = order.clientOrderId;
        e.exchangeOrderId = order.orderId;
        e.leaves = order.leaves;
        e.filled = order.filled;
        e.counterparty = order.counterparty;
        return e;
    }

    /** REJECTED: the current command refused with {@code code}, described by its own fields. */
    public EngineEvent reject(final ResultCode code)
    {
        final Command cmd = command;
        final EngineEvent e = event(EventType.REJECTED, code);
        e.instrument = cmd.instrument;
        e.side = cmd.side;
        e.orderType = cmd.orderType;
        e.timeInForce = cmd.timeInForce;
        e.price = cmd.price;
        e.quantity = cmd.quantity;
        e.owner = cmd.beneficialOwner();
        e.submitter = cmd.submitter;
        e.clientOrderId = cmd.clientOrderId;
        e.exchangeOrderId = cmd.exchangeOrderId;
        e.leaves = 0;
        e.filled = 0;
        e.counterparty = cmd.counterparty;
        return e;
    }

    /** REJECTED: the current command (a cancel or replace) refused on the live order it names. */
    public EngineEvent rejectOnOrder(final ResultCode code, final Order order)
    {
        final EngineEvent e = reject(code);
        e.instrument = order.instrument;
        e.side = order.side;
        e.exchangeOrderId = order.orderId;
        e.leaves = order.leaves;
        e.filled = order.filled;
        return e;
    }

    /** REJECTED: the current command (a bid) refused on the lot it names. */
    public EngineEvent rejectOnLot(final ResultCode code, final Lot lot)
    {
        final EngineEvent e = reject(code);
        e.instrument = lot.instrument;
        e.counterparty = lot.owner;
        e.exchangeOrderId = lot.lotId;
        e.bidStep = lot.bidStep;
        e.closeTimeNanos = lot.closeTime;
        return e;
    }

    /**
     * TRADE of {@code quantity} at {@code price} between two orders, after both were filled; the order fields
     * describe {@code aggressor} (the incoming order, or for a call auction the later of the two).
     */
    public EngineEvent trade(final TradeKind kind, final long price, final long quantity, final Order aggressor,
        final Order buy, final Order sell, final long fee)
    {
        final EngineEvent e = event(EventType.TRADE, ResultCode.OK);
        e.tradeKind = kind;
        e.instrument = aggressor.instrument;
        e.side = aggressor.side;
        e.orderType = aggressor.type;
        e.timeInForce = aggressor.timeInForce;
        e.price = price;
        e.quantity = quantity;
        e.owner = aggressor.owner;
        e.submitter = aggressor.submitter;
        e.clientOrderId = aggressor.clientOrderId;
        e.exchangeOrderId = aggressor.orderId;
        e.leaves = aggressor.leaves;
        e.filled = aggressor.filled;
        e.counterparty = aggressor.counterparty;
        e.tradeId = nextTradeId;
        nextTradeId += tradeIdStride;
        e.buyOwner = buy.owner;
        e.sellOwner = sell.owner;
        e.buyClientOrderId = buy.clientOrderId;
        e.sellClientOrderId = sell.clientOrderId;
        e.buyOrderId = buy.orderId;
        e.sellOrderId = sell.orderId;
        e.buyLeaves = buy.leaves;
        e.sellLeaves = sell.leaves;
        e.buyFee = fee;
        e.sellFee = fee;
        return e;
    }

    /** An event about a lot itself (its offer accepted, or its expiry unsold), from its current state. */
    public EngineEvent lot(final EventType type, final ResultCode code, final Lot lot)
    {
        final EngineEvent e = event(type, code);
        e.instrument = lot.instrument;
        e.side = lot.side;
        e.orderType = OrderType.LIMIT;
        e.timeInForce = TimeInForce.GTC;
        e.price = lot.startPrice;
        e.quantity = lot.quantity;
        e.owner = lot.owner;
        e.submitter = lot.submitter;
        e.clientOrderId = lot.clientOrderId;
        e.exchangeOrderId = lot.lotId;
        e.leaves = lot.closed ? 0 : lot.quantity;
        e.filled = 0;
        e.bidStep = lot.bidStep;
        e.closeTimeNanos = lot.closeTime;
        return e;
    }

    /** An event about a bid on {@code lot}: ACCEPTED (it is the best bid now) or CANCELLED (it was beaten). */
    public EngineEvent bid(final EventType type, final ResultCode code, final Lot lot, final int owner,
        final int submitter, final long clientOrderId, final long bidId, final long price)
    {
        final EngineEvent e = event(type, code);
        e.instrument = lot.instrument;
        e.side = lot.side.opposite();
        e.orderType = OrderType.LIMIT;
        e.timeInForce = TimeInForce.GTC;
        e.price = price;
        e.quantity = lot.quantity;
        e.owner = owner;
        e.submitter = submitter;
        e.clientOrderId = clientOrderId;
        e.exchangeOrderId = bidId;
        e.leaves = type == EventType.ACCEPTED ? lot.quantity : 0;
        e.filled = 0;
        e.counterparty = lot.owner;
        e.bidStep = lot.bidStep;
        e.closeTimeNanos = lot.closeTime;
        return e;
    }

    /** TRADE of a closed lot with its best bid; the order fields describe the winning bid. */
    public EngineEvent lotTrade(final Lot lot, final long fee)
    {
        final boolean sellerLot = lot.side == Side.SELL;
        final EngineEvent e = event(EventType.TRADE, ResultCode.OK);
        e.tradeKind = TradeKind.LOT_AUCTION;
        e.instrument = lot.instrument;
        e.side = lot.side.opposite();
        e.orderType = OrderType.LIMIT;
        e.timeInForce = TimeInForce.GTC;
        e.price = lot.bidPrice;
        e.quantity = lot.quantity;
        e.owner = lot.bidOwner;
        e.submitter = lot.bidSubmitter;
        e.clientOrderId = lot.bidClientOrderId;
        e.exchangeOrderId = lot.bidId;
        e.leaves = 0;
        e.filled = lot.quantity;
        e.counterparty = lot.owner;
        e.tradeId = nextTradeId;
        nextTradeId += tradeIdStride;
        e.buyOwner = sellerLot ? lot.bidOwner : lot.owner;
        e.sellOwner = sellerLot ? lot.owner : lot.bidOwner;
        e.buyClientOrderId = sellerLot ? lot.bidClientOrderId : lot.clientOrderId;
        e.sellClientOrderId = sellerLot ? lot.clientOrderId : lot.bidClientOrderId;
        e.buyOrderId = sellerLot ? lot.bidId : lot.lotId;
        e.sellOrderId = sellerLot ? lot.lotId : lot.bidId;
        e.buyLeaves = 0;
        e.sellLeaves = 0;
        e.buyFee = fee;
        e.sellFee = fee;
        e.bidStep = lot.bidStep;
        e.closeTimeNanos = lot.closeTime;
        return e;
    }

    /** PHASE_CHANGED: {@code section} entered {@code phase}. */
    public EngineEvent phaseChanged(final int section, final Phase phase)
    {
        final EngineEvent e = event(EventType.PHASE_CHANGED, ResultCode.OK);
        e.section = section;
        e.phase = phase;
        e.instrument = Command.NONE;
        e.owner = Command.NONE;
        e.submitter = Command.NONE;
        e.clientOrderId = 0;
        e.exchangeOrderId = 0;
        e.price = 0;
        e.quantity = 0;
        e.leaves = 0;
        e.filled = 0;
        return e;
    }
}
