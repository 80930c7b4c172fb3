package by.butb.engine.orders;

import by.butb.engine.book.LiveOrders;
import by.butb.engine.book.Order;
import by.butb.engine.book.OrderBook;
import by.butb.engine.core.Command;
import by.butb.engine.core.EventType;
import by.butb.engine.core.EventWriter;
import by.butb.engine.core.ResultCode;
import by.butb.engine.deposit.Deposits;
import by.butb.engine.model.OrderType;
import by.butb.engine.session.TradingDay;

/**
 * Where a live order starts and ends: {@link #open} takes an order from the pool for an accepted command and
 * blocks its guarantee; {@link #rest} puts it in its book and makes it findable; {@link #finish} ends it without a
 * fill (event, guarantee released); {@link #release} returns an ended or filled order to the pool. Engine thread
 * only.
 */
public final class OrderLifecycle
{
    private final LiveOrders orders;
    private final Deposits deposits;
    private final EventWriter events;
    private final TradingDay day;

    public OrderLifecycle(final LiveOrders orders, final Deposits deposits, final EventWriter events,
        final TradingDay day)
    {
        this.orders = orders;
        this.deposits = deposits;
        this.events = events;
        this.day = day;
    }

    /**
     * A new live order for an accepted NEW_ORDER, with the next exchange order id, entered on the current trading
     * day, holding {@code guarantee} (computed at {@code guaranteePrice}). Not yet in a book or an index.
     */
    public Order open(final Command cmd, final long guaranteePrice, final long guarantee)
    {
        final Order order = orders.acquire();
        order.orderId = orders.nextOrderId();
        order.clientOrderId = cmd.clientOrderId;
        order.owner = cmd.beneficialOwner();
        order.submitter = cmd.submitter;
        order.instrument = cmd.instrument;
        order.side = cmd.side;
        order.type = cmd.orderType;
        order.timeInForce = cmd.timeInForce;
        order.price = cmd.orderType == OrderType.MARKET ? 0 : cmd.price;
        order.guaranteePrice = guaranteePrice;
        order.quantity = cmd.quantity;
        order.leaves = cmd.quantity;
        order.filled = 0;
        order.blocked = guarantee;
        order.day = day.current();
        order.counterparty = Command.NONE;
        deposits.block(order.owner, guarantee);
        return order;
    }

    /** Puts a live order in its book and makes it findable by its ids. */
    public void rest(final OrderBook book, final Order order)
    {
        book.side(order.side).add(order);
        orders.index(order);
    }

    /** Makes a live order that waits outside the books (an address order) findable by its ids. */
    public void index(final Order order)
    {
        orders.index(order);
    }

    /** Ends a live order that is no longer in a book: its guarantee released, the event, back to the pool. */
    public void finish(final Order order, final EventType type, final ResultCode reason)
    {
        order.leaves = 0;
        deposits.hold(order, 0);
        events.order(type, reason, order);
        release(order);
    }

    /** Returns an order that has ended or filled, and is no longer in a book, to the pool. */
    public void release(final Order order)
    {
        deposits.releaseAll(order);
        orders.release(order);
    }
}
