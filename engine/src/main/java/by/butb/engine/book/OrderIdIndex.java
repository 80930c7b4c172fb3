package by.butb.engine.book;

import org.agrona.collections.Long2ObjectHashMap;

/**
 * Live orders by exchange order id. Ids are handed out in sequence, so a direct-mapped array indexed by the id's
 * low bits finds almost every order with one read; an order still live when a newer id needs its cell (it
 * outlived {@code capacity} later orders) moves to an overflow map. Allocates only while the overflow map grows.
 * Engine thread only.
 */
final class OrderIdIndex
{
    private final Order[] cells;
    private final int mask;
    private final Long2ObjectHashMap<Order> overflow = new Long2ObjectHashMap<>(64, 0.65f);
    private int size;

    /** @param capacity cells, rounded up to a power of two. */
    OrderIdIndex(final int capacity)
    {
        final int cellCount = Integer.highestOneBit(Math.max(16, capacity - 1)) << 1;
        cells = new Order[cellCount];
        mask = cellCount - 1;
    }

    void put(final Order order)
    {
        final int cell = (int)(order.orderId & mask);
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
        final Order order = cells[(int)(orderId & mask)];
        if (order != null && order.orderId == orderId)
        {
            return order;
        }
        return overflow.isEmpty() ? null : overflow.get(orderId);
    }

    void remove(final Order order)
    {
        final int cell = (int)(order.orderId & mask);
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

    int size()
    {
        return size;
    }
}
