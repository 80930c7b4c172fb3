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
    /** Deposit blocked for the open quantity, money minor units. */
    public long blocked;
    /** Trading day (UTC epoch day) of entry, for DAY expiry. */
    public long day;
    /** Named counterparty of an address order (or of the order that took one); NONE for anonymous orders. */
    public int counterparty = Command.NONE;

    /** In the id indexes of {@link LiveOrders}. */
    boolean indexed;

    PriceLevel level;
    Order prev;
    Order next;

    Order(final int poolIndex)
    {
        this.poolIndex = poolIndex;
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
