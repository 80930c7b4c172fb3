package by.butb.engine.core;

import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;

/**
 * A live order. Pooled and reused by {@link OrderPool}; linked into its {@link PriceLevel} (intrusive list in
 * time priority). Owned by the engine thread.
 */
final class Order
{
    /** This order's place in its {@link OrderPool}, for life. */
    final int poolIndex;

    long orderId;
    long clientOrderId;
    int owner;
    int submitter;
    int instrument;
    Side side;
    OrderType type;
    TimeInForce timeInForce;
    long price;
    /** Price the guarantee is computed at: the limit price, or the band edge for a market order. */
    long guaranteePrice;
    long quantity;
    long leaves;
    long filled;
    /** Deposit blocked for the open quantity, money minor units. */
    long blocked;
    /** Trading day (UTC epoch day) of entry, for DAY expiry. */
    long day;
    /** Named counterparty of an address order (or of the order that took one); NONE for anonymous orders. */
    int counterparty = Command.NONE;

    /** In the engine's id indexes (see {@code MatchingEngine.index}). */
    boolean indexed;

    PriceLevel level;
    Order prev;
    Order next;

    Order(final int poolIndex)
    {
        this.poolIndex = poolIndex;
    }

    void reset()
    {
        indexed = false;
        level = null;
        prev = null;
        next = null;
    }
}
