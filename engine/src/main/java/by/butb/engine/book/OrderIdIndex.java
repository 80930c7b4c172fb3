package by.butb.engine.book;

import org.agrona.collections.Long2ObjectHashMap;

/**
 * Live orders by exchange order id. Ids are handed out in sequence (by a stride, see {@link LiveOrders#numberIds}),
 * so a direct-mapped array indexed by the id's low bits (above those every id shares) finds almost every order with
 * one read; an order still live when a newer id needs its cell (it outlived {@code capacity} later orders) moves to
 * an overflow map. Allocates only while the overflow map grows. Engine thread only.
 */
final class OrderIdIndex
{
    private final Order[] cells;
    private final int mask;
    /** Low bits every id handed out shares (ids that step by 2^shift times an odd number), left out of the cell. */
    private final int shift;
    private final Long2ObjectHashMap<Order> overflow = new Long2ObjectHashMap<>(64, 0.65f);
    private int size;

    /**
     * @param capacity cells, rounded up to a power of two.
     * @param idStride the step between ids handed out ({@link LiveOrders#numberIds}), so that consecutive ids take
     *                 consecutive cells.
     */
    OrderIdIndex(final int capacity, final long idStride)
    {
        shift = Long.numberOfTrailingZeros(idStride);
        final int cellCount = Integer.highestOneBit(Math.max(16, capacity - 1)) << 1;
        cells = new Order[cellCount];
        mask = cellCount - 1;
    }

    void put(final Order order)
    {
        final int cell = (int)((order.orderId >>> shift) & mask);
        final Order previous = cells[cell];
        if (previous != null)
        {
            overflow.put(previous.orderId, previous);
        }
        cells[cell] = order;
        size++;
    }

    Order get(final long orderId)
    {
        final Order order = cells[(int)((orderId >>> shift) & mask)];
        if (order != null && order.orderId == orderId)
        {
            return order;
        }
        return overflow.isEmpty() ? null : overflow.get(orderId);
    }

    void remove(final Order order)
    {
        final int cell = (int)((order.orderId >>> shift) & mask);
        if (cells[cell] == order)
        {
            cells[cell] = null;
        }
        else
        {
            overflow.remove(order.orderId);
        }
        size--;
    }

    /** Orders kept in the overflow map (for tests). */
    int overflowSize()
    {
        return overflow.size();
    }

    int size()
    {
        return size;
    }
}
