package by.butb.engine.book;

import by.butb.engine.core.Command;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;

/**
 * A live order. Pooled and reused by {@link OrderPool}; linked into its {@link PriceLevel} (intrusive list in
 * time priority) while it rests in a book. Owned by the engine thread; the fields are the engine's working state,
 * not an API: outside the engine, orders are seen through events and the engine's visitors.
 */
public final class Order
{
    /** This order's place in its {@link OrderPool}, for life. */
    public final int poolIndex;

    public long orderId;
    public long clientOrderId;
    public int owner;
    public int submitter;
    public int instrument;
    public Side side;
    public OrderType type;
    public TimeInForce timeInForce;
    public long price;
    /** Price the guarantee is computed at: the limit price, or the band edge for a market order. */
    public long guaranteePrice;
    public long quantity;
    public long leaves;
    public long filled;
    /**
     * The sum of price x quantity over this order's fills, both scaled (the raw product, not money), for its
     * average price; {@link #VALUE_UNKNOWN} once that no longer fits in a long, or when a snapshot without it
     * restored the order.
     */
    public long filledValue;
    /** Deposit blocked for the open quantity, money minor units. */
    public long blocked;
    /** Trading day (UTC epoch day) of entry, for DAY expiry. */
    public long day;
    /** Named counterparty of an address order (or of the order that took one); NONE for anonymous orders. */
    public int counterparty = Command.NONE;

    /** {@link #filledValue} when it is not known. */
    public static final long VALUE_UNKNOWN = -1;

    /** In the id indexes of {@link LiveOrders}. */
    boolean indexed;

    PriceLevel level;
    Order prev;
    Order next;

    Order(final int poolIndex)
    {
        this.poolIndex = poolIndex;
    }

    /** Adds a fill of {@code quantity} at {@code price} (both scaled) to {@link #filled} and {@link #filledValue}. */
    public void addFill(final long price, final long quantity)
    {
        filled += quantity;
        if (filledValue != VALUE_UNKNOWN)
        {
            final long product = price * quantity;
            final long sum = filledValue + product;
            final boolean fits = Math.multiplyHigh(price, quantity) == 0 && product >= 0 && sum >= 0;
            filledValue = fits ? sum : VALUE_UNKNOWN;
        }
    }

    /** Whether this is a DAY order entered before {@code tradingDay} (UTC epoch day), so expired on it. */
    public boolean isDayOrderBefore(final long tradingDay)
    {
        return timeInForce == TimeInForce.DAY && day < tradingDay;
    }

    /** Whether the order rests in a book (an address order, or one still being matched, does not). */
    public boolean isResting()
    {
        return level != null;
    }

    /** The next order of its price level in time priority, or null. */
    public Order next()
    {
        return next;
    }

    void reset()
    {
        indexed = false;
        level = null;
        prev = null;
        next = null;
    }
}
