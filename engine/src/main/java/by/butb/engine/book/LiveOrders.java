package by.butb.engine.book;

import by.butb.engine.core.Command;
import by.butb.engine.core.EventType;
import by.butb.engine.core.EventWriter;
import by.butb.engine.core.ResultCode;
import by.butb.engine.deposit.Deposits;
import by.butb.engine.model.OrderType;

/**
 * The live orders: where each starts and ends, their exchange order ids (one sequence shared with lots and bids),
 * and the indexes that find the orders that outlive their command (resting in a book, or open address orders) by
 * their owner's client order id and, on demand, by exchange order id. {@link #open} takes an order from the pool for
 * an accepted command and blocks its guarantee; {@link #rest} puts it in its book and makes it findable;
 * {@link #finish} ends it without a fill (its last event, guarantee released); {@link #release} returns an ended or
 * filled order, no longer in a book, to the pool.
 *
 * <p>The exchange-id index is null until the first lookup by exchange id: most flows name orders by their own
 * client order ids, and keeping that index cost about 4 % of the logic's time. The first lookup builds it from the
 * indexed live orders (allocating it once, on the engine thread); it is kept up to date from then on.
 * Engine thread only.
 */
public final class LiveOrders
{
    private final Deposits deposits;
    private final EventWriter events;
    /** The trading day new orders are entered on (UTC epoch day), as {@link #enterDay} last set it. */
    private long entryDay = Long.MIN_VALUE;
    private final OrderPool pool;
    private final ClientOrderIndex byClientKey;
    private final int idIndexCapacity;
    private OrderIdIndex byId;
    private long nextOrderId = 1;
    private long idStride = 1;

    /**
     * @param expectedOrders live orders to pre-allocate room for.
     * @param participants   participant count (the owners of client order ids).
     * @param deposits       where orders block and release their guarantees.
     * @param events         where {@link #finish} writes an order's last event.
     */
    public LiveOrders(final int expectedOrders, final int participants, final Deposits deposits,
        final EventWriter events)
    {
        this.deposits = deposits;
        this.events = events;
        pool = new OrderPool(expectedOrders);
        byClientKey = new ClientOrderIndex(pool, Math.max(32, expectedOrders), participants);
        idIndexCapacity = (int)Math.min(1 << 22, Math.max(1 << 16, expectedOrders * 16L));
    }

    /** Numbers exchange order ids {@code first, first + stride, ...} (by default 1, 2, 3, ...); before any order. */
    public void numberIds(final long first, final long stride)
    {
        nextOrderId = first;
        idStride = stride;
    }

    /** The next exchange order id: orders, lots and lot bids share one sequence (see {@link #numberIds}). */
    public long nextOrderId()
    {
        final long id = nextOrderId;
        nextOrderId += idStride;
        return id;
    }

    /** The exchange order id {@link #nextOrderId} will hand out next. */
    public long peekOrderId()
    {
        return nextOrderId;
    }

    /** Restores the exchange order id sequence from a snapshot. */
    public void restoreOrderIds(final long next)
    {
        nextOrderId = next;
    }

    /**
     * A new live order for an accepted NEW_ORDER, with the next exchange order id, entered on the current trading
     * day, holding {@code guarantee} (computed at {@code guaranteePrice}). Not yet in a book or an index.
     */
    public Order open(final Command cmd, final long guaranteePrice, final long guarantee)
    {
        final Order order = pool.acquire();
        order.orderId = nextOrderId();
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
        order.filledValue = 0;
        order.blocked = guarantee;
        order.day = entryDay;
        order.counterparty = Command.NONE;
        deposits.block(order.owner, guarantee);
        return order;
    }

    /** New orders are entered on {@code day} (UTC epoch day) from now on: the current trading day. */
    public void enterDay(final long day)
    {
        entryDay = day;
    }

    /** Puts a live order in its book and makes it findable by its ids. */
    public void rest(final OrderBook book, final Order order)
    {
        book.side(order.side).add(order);
        index(order);
    }

    /** Ends a live order that is no longer in a book: its guarantee released, the event, back to the pool. */
    public void finish(final Order order, final EventType type, final ResultCode reason)
    {
        order.leaves = 0;
        deposits.hold(order, 0);
        events.order(type, reason, order);
        release(order);
    }

    /** An order read from a snapshot: a cleared order from the pool, to fill and then {@link #index}. */
    public Order restore()
    {
        return pool.acquire();
    }

    /**
     * Makes a live order findable by its ids. Only orders that outlive their command are indexed: an order that
     * trades or ends within its command is never looked up by id.
     */
    public void index(final Order order)
    {
        if (!order.indexed)
        {
            order.indexed = true;
            if (byId != null)
            {
                byId.put(order);
            }
            byClientKey.put(order);
        }
    }

    /** Gives an order a new client order id, which must not be in use by its owner. */
    public void rename(final Order order, final long clientOrderId)
    {
        if (order.indexed)
        {
            byClientKey.remove(order);
            order.clientOrderId = clientOrderId;
            byClientKey.put(order);
        }
        else
        {
            order.clientOrderId = clientOrderId;
        }
    }

    /**
     * Returns an order that has ended or filled, and is no longer in a book, to the pool: what it still holds of its
     * guarantee is released and it leaves the indexes.
     */
    public void release(final Order order)
    {
        deposits.releaseAll(order);
        if (order.indexed)
        {
            if (byId != null)
            {
                byId.remove(order);
            }
            byClientKey.remove(order);
        }
        pool.release(order);
    }

    /** The indexed order of {@code owner} with this client order id, or null (also for an invalid id). */
    public Order byClientOrderId(final int owner, final long clientOrderId)
    {
        return byClientKey.get(owner, clientOrderId);
    }

    /** The client-order index entry where the lookup of this key starts: see {@code MatchingEngine.touch}. */
    public long touchIndex(final int owner, final long clientOrderId)
    {
        return byClientKey.touch(owner, clientOrderId);
    }

    /**
     * What unlinking the order of this key reads: the order and its neighbours in its price level; 0 when there is
     * no such order. See {@code MatchingEngine.touch}.
     */
    public long touchOrder(final int owner, final long clientOrderId)
    {
        final Order order = byClientKey.get(owner, clientOrderId);
        if (order == null)
        {
            return 0;
        }
        final Order prev = order.prev;
        final Order next = order.next;
        return order.leaves + (prev == null ? 0 : prev.leaves) + (next == null ? 0 : next.leaves);
    }

    public boolean containsClientOrderId(final int owner, final long clientOrderId)
    {
        return byClientKey.contains(owner, clientOrderId);
    }

    /** The indexed order with this exchange order id, or null; the first call builds the exchange-id index. */
    public Order byExchangeId(final long orderId)
    {
        if (byId == null)
        {
            final OrderIdIndex index = new OrderIdIndex(idIndexCapacity, idStride);
            pool.forEachCreated(order ->
            {
                if (order.indexed)
                {
                    index.put(order);
                }
            });
            byId = index;
        }
        return byId.get(orderId);
    }

    /** Number of indexed (resting or address) orders. */
    public int size()
    {
        return byClientKey.size();
    }
}
