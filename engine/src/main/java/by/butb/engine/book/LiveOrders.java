package by.butb.engine.book;

/**
 * The live orders: their pool, their exchange order ids (shared with lots and bids), and the indexes that find the
 * orders that outlive their command (resting in a book,
 * or open address orders) by their owner's client order id and, on demand, by exchange order id.
 *
 * <p>The exchange-id index is null until the first lookup by exchange id: most flows name orders by their own
 * client order ids, and keeping that index cost 4-9 % of the logic's time. The first lookup builds it from the
 * indexed live orders (allocating it once, on the engine thread); it is kept up to date from then on.
 * Engine thread only.
 */
public final class LiveOrders
{
    private final OrderPool pool;
    private final ClientOrderIndex byClientKey;
    private final int idIndexCapacity;
    private OrderIdIndex byId;
    private long nextOrderId = 1;

    /**
     * @param expectedOrders live orders to pre-allocate room for.
     * @param participants   participant count (the owners of client order ids).
     */
    public LiveOrders(final int expectedOrders, final int participants)
    {
        pool = new OrderPool(expectedOrders);
        byClientKey = new ClientOrderIndex(pool, Math.max(32, expectedOrders), participants);
        idIndexCapacity = (int)Math.min(1 << 22, Math.max(1 << 16, expectedOrders * 16L));
    }

    /** The next exchange order id: orders, lots and lot bids share one sequence, from 1. */
    public long nextOrderId()
    {
        return nextOrderId++;
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

    /** A cleared order from the pool; it is not findable until {@link #index}. */
    public Order acquire()
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

    /** Takes an ended order out of the indexes and returns it to the pool (its deposit must be released). */
    public void release(final Order order)
    {
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

    public boolean containsClientOrderId(final int owner, final long clientOrderId)
    {
        return byClientKey.contains(owner, clientOrderId);
    }

    /** The indexed order with this exchange order id, or null; the first call builds the exchange-id index. */
    public Order byExchangeId(final long orderId)
    {
        if (byId == null)
        {
            final OrderIdIndex index = new OrderIdIndex(idIndexCapacity);
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
