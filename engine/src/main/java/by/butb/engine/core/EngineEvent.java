package by.butb.engine.core;

import by.butb.engine.model.OrderType;
import by.butb.engine.model.Phase;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;

/**
 * A mutable output event; instances are pooled and reused, so a listener must copy what it keeps.
 *
 * <p>Order events (ACCEPTED, REJECTED, CANCELLED, REPLACED, EXPIRED) use the order fields: {@code owner} is the
 * beneficial participant, {@code submitter} who sent the command (a broker or the owner itself), {@code quantity}
 * the order's total quantity, {@code leaves} what is still open, {@code filled} what traded so far.
 * A TRADE uses {@code price}, {@code quantity} (traded), and the buy and sell fields; {@code side} is the
 * aggressor's side (for a call auction, which has none, the side of the order that arrived last), and
 * {@code tradeKind} says how the trade came about. PHASE_CHANGED uses {@code section} and {@code phase}.
 * {@code counterparty} is the named counterparty of an address order (or of the lot a bid is for). Events about a
 * lot or a bid on it (its offer, bids, its trade or expiry, a rejected bid on it) carry the lot's {@code bidStep}
 * (scaled like a price) and {@code closeTimeNanos} (epoch nanoseconds, UTC); other events have 0 there.
 * Indexes are participant and instrument indexes ({@link Command#UNKNOWN} when unresolved).
 */
public final class EngineEvent
{
    public long commandSequence;
    public long userRef;
    public long timeNanos;
    public EventType type = EventType.REJECTED;
    public ResultCode code = ResultCode.OK;
    public CommandType commandType = CommandType.INVALID;
    public int instrument;
    public Side side = Side.BUY;
    public OrderType orderType = OrderType.LIMIT;
    public TimeInForce timeInForce = TimeInForce.DAY;
    public long price;
    public long quantity;

    public int owner;
    public int submitter;
    public long clientOrderId;
    public long exchangeOrderId;
    public long leaves;
    public long filled;

    public long tradeId;
    public int buyOwner;
    public int sellOwner;
    public long buyClientOrderId;
    public long sellClientOrderId;
    public long buyOrderId;
    public long sellOrderId;
    public long buyLeaves;
    public long sellLeaves;
    public long buyFee;
    public long sellFee;
    public TradeKind tradeKind = TradeKind.CONTINUOUS;

    public int section = -1;
    public Phase phase = Phase.CONTINUOUS;
    public int counterparty = Command.NONE;
    public long bidStep;
    public long closeTimeNanos;

    /**
     * Resets the fields only some kinds of event set: trade, section, phase, counterparty, and the lot's bid step
     * and closing time.
     */
    public void clearTradeAndPhaseFields()
    {
        tradeId = 0;
        buyOwner = Command.NONE;
        sellOwner = Command.NONE;
        buyClientOrderId = 0;
        sellClientOrderId = 0;
        buyOrderId = 0;
        sellOrderId = 0;
        buyLeaves = 0;
        sellLeaves = 0;
        buyFee = 0;
        sellFee = 0;
        tradeKind = TradeKind.CONTINUOUS;
        section = Command.NONE;
        phase = Phase.CONTINUOUS;
        counterparty = Command.NONE;
        bidStep = 0;
        closeTimeNanos = 0;
    }

    public void copyFrom(final EngineEvent o)
    {
        commandSequence = o.commandSequence;
        userRef = o.userRef;
        timeNanos = o.timeNanos;
        type = o.type;
        code = o.code;
        commandType = o.commandType;
        instrument = o.instrument;
        side = o.side;
        orderType = o.orderType;
        timeInForce = o.timeInForce;
        price = o.price;
        quantity = o.quantity;
        owner = o.owner;
        submitter = o.submitter;
        clientOrderId = o.clientOrderId;
        exchangeOrderId = o.exchangeOrderId;
        leaves = o.leaves;
        filled = o.filled;
        tradeId = o.tradeId;
        buyOwner = o.buyOwner;
        sellOwner = o.sellOwner;
        buyClientOrderId = o.buyClientOrderId;
        sellClientOrderId = o.sellClientOrderId;
        buyOrderId = o.buyOrderId;
        sellOrderId = o.sellOrderId;
        buyLeaves = o.buyLeaves;
        sellLeaves = o.sellLeaves;
        buyFee = o.buyFee;
        sellFee = o.sellFee;
        tradeKind = o.tradeKind;
        section = o.section;
        phase = o.phase;
        counterparty = o.counterparty;
        bidStep = o.bidStep;
        closeTimeNanos = o.closeTimeNanos;
    }

    @Override
    public String toString()
    {
        if (type == EventType.PHASE_CHANGED)
        {
            return "PHASE_CHANGED{section=" + section + ", phase=" + phase + '}';
        }
        if (type == EventType.TRADE)
        {
            return "TRADE{kind=" + tradeKind + ", id=" + tradeId + ", instrument=" + instrument + ", price=" + price +
                ", qty=" + quantity + ", buyer=" + buyOwner + '/' + buyClientOrderId + ", seller=" + sellOwner + '/' +
                sellClientOrderId + ", aggressor=" + side + '}';
        }
        return type + "{code=" + code + ", owner=" + owner + ", submitter=" + submitter + ", clOrdId=" +
            clientOrderId + ", orderId=" + exchangeOrderId + ", instrument=" + instrument + ", " + side + ", price=" +
            price + ", qty=" + quantity + ", leaves=" + leaves + ", filled=" + filled + '}';
    }
}
