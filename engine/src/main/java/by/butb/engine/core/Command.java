package by.butb.engine.core;

import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;

/**
 * A mutable input command, filled in place (ring slot, journal decode); never retained by the engine.
 *
 * <p>Indexes: {@code submitter} and {@code onBehalfOf} are participant indexes ({@link #UNKNOWN} when the edge
 * could not resolve the name; {@code onBehalfOf} is {@link #NONE} when the submitter trades for itself);
 * {@code instrument} is an instrument index or {@link #UNKNOWN}. Prices and quantities are scaled per
 * instrument; {@code timeNanos} is nanoseconds since the epoch, UTC. Order ids: {@code clientOrderId} is the
 * participant's own id (positive, below 2^40); {@code exchangeOrderId}, when not 0, names the order by the id
 * the exchange gave it and takes precedence on CANCEL and REPLACE. {@code userRef} is opaque to the engine and
 * echoed on every event of the command (the replay puts the input line there).
 *
 * <p>Address deals: a NEW_ORDER with {@code counterparty} set and {@code counterpartyOrderId} 0 posts an address
 * order for that counterparty only; with {@code counterpartyOrderId} set it takes (at the same price, for at most
 * its open quantity, on the other side) the counterparty's address order of that client order id. Lots: see
 * {@link CommandType}; {@code closeTimeNanos} is epoch nanoseconds UTC and {@code bidStep} is scaled like a price.
 */
public final class Command
{
    public static final int NONE = -1;
    public static final int UNKNOWN = -2;

    public long sequence;
    public CommandType type = CommandType.INVALID;
    public long timeNanos;
    public int submitter = UNKNOWN;
    public int onBehalfOf = NONE;
    public long clientOrderId;
    public long newClientOrderId;
    public long exchangeOrderId;
    public int instrument = UNKNOWN;
    public Side side = Side.BUY;
    public OrderType orderType = OrderType.LIMIT;
    public TimeInForce timeInForce = TimeInForce.DAY;
    public long price;
    public long quantity;
    /**
     * INVALID: the code it is rejected with. REPLACE: when not OK, the code it is refused with once its order is
     * found (a replace its sender could not read, refused on the order so that the reject tells the order's state).
     */
    public ResultCode rejectCode = ResultCode.OK;
    public long userRef;
    public int counterparty = NONE;
    public long counterpartyOrderId;
    public long bidStep;
    public long closeTimeNanos;

    public Command clear()
    {
        sequence = 0;
        type = CommandType.INVALID;
        timeNanos = 0;
        submitter = UNKNOWN;
        onBehalfOf = NONE;
        clientOrderId = 0;
        newClientOrderId = 0;
        exchangeOrderId = 0;
        instrument = UNKNOWN;
        side = Side.BUY;
        orderType = OrderType.LIMIT;
        timeInForce = TimeInForce.DAY;
        price = 0;
        quantity = 0;
        rejectCode = ResultCode.OK;
        userRef = 0;
        counterparty = NONE;
        counterpartyOrderId = 0;
        bidStep = 0;
        closeTimeNanos = 0;
        return this;
    }

    public Command copyFrom(final Command other)
    {
        sequence = other.sequence;
        type = other.type;
        timeNanos = other.timeNanos;
        submitter = other.submitter;
        onBehalfOf = other.onBehalfOf;
        clientOrderId = other.clientOrderId;
        newClientOrderId = other.newClientOrderId;
        exchangeOrderId = other.exchangeOrderId;
        instrument = other.instrument;
        side = other.side;
        orderType = other.orderType;
        timeInForce = other.timeInForce;
        price = other.price;
        quantity = other.quantity;
        rejectCode = other.rejectCode;
        userRef = other.userRef;
        counterparty = other.counterparty;
        counterpartyOrderId = other.counterpartyOrderId;
        bidStep = other.bidStep;
        closeTimeNanos = other.closeTimeNanos;
        return this;
    }

    /** The participant the order is for: the broker's client, or the submitter itself. */
    public int beneficialOwner()
    {
        return onBehalfOf == NONE ? submitter : onBehalfOf;
    }

    public Command newOrder(
        final long timeNanos, final int submitter, final long clientOrderId, final int instrument, final Side side,
        final OrderType orderType, final TimeInForce timeInForce, final long price, final long quantity)
    {
        clear();
        this.type = CommandType.NEW_ORDER;
        this.timeNanos = timeNanos;
        this.submitter = submitter;
        this.clientOrderId = clientOrderId;
        this.instrument = instrument;
        this.side = side;
        this.orderType = orderType;
        this.timeInForce = timeInForce;
        this.price = price;
        this.quantity = quantity;
        return this;
    }

    public Command cancel(final long timeNanos, final int submitter, final long clientOrderId)
    {
        clear();
        this.type = CommandType.CANCEL;
        this.timeNanos = timeNanos;
        this.submitter = submitter;
        this.clientOrderId = clientOrderId;
        return this;
    }

    public Command replace(
        final long timeNanos, final int submitter, final long clientOrderId, final long price, final long quantity)
    {
        clear();
        this.type = CommandType.REPLACE;
        this.timeNanos = timeNanos;
        this.submitter = submitter;
        this.clientOrderId = clientOrderId;
        this.price = price;
        this.quantity = quantity;
        return this;
    }

    public Command lotOffer(
        final long timeNanos, final int submitter, final long clientOrderId, final int instrument, final Side side,
        final long startPrice, final long quantity, final long bidStep, final long closeTimeNanos)
    {
        clear();
        this.type = CommandType.LOT_OFFER;
        this.timeNanos = timeNanos;
        this.submitter = submitter;
        this.clientOrderId = clientOrderId;
        this.instrument = instrument;
        this.side = side;
        this.timeInForce = TimeInForce.GTC;
        this.price = startPrice;
        this.quantity = quantity;
        this.bidStep = bidStep;
        this.closeTimeNanos = closeTimeNanos;
        return this;
    }

    /** A command that only brings the engine's time forward (see {@link CommandType#CLOCK}). */
    public Command clock(final long timeNanos)
    {
        clear();
        this.type = CommandType.CLOCK;
        this.timeNanos = timeNanos;
        return this;
    }

    public Command lotBid(
        final long timeNanos, final int submitter, final long clientOrderId, final long lotId, final long price)
    {
        clear();
        this.type = CommandType.LOT_BID;
        this.timeNanos = timeNanos;
        this.submitter = submitter;
        this.clientOrderId = clientOrderId;
        this.exchangeOrderId = lotId;
        this.price = price;
        return this;
    }

    @Override
    public String toString()
    {
        return "Command{seq=" + sequence + ", type=" + type + ", time=" + timeNanos + ", submitter=" + submitter +
            ", onBehalfOf=" + onBehalfOf + ", clOrdId=" + clientOrderId + ", newClOrdId=" + newClientOrderId +
            ", orderId=" + exchangeOrderId + ", instrument=" + instrument + ", " + side + ' ' + orderType + ' ' +
            timeInForce + ", price=" + price + ", qty=" + quantity + ", reject=" + rejectCode + ", counterparty=" +
            counterparty + '/' + counterpartyOrderId + ", bidStep=" + bidStep + ", close=" + closeTimeNanos + '}';
    }
}
