package by.butb.engine.book;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A free list of {@link Order}s; allocates only when more orders are live than ever before. Every order it made
 * keeps its {@link Order#poolIndex} for life, so an index can name an order ({@link #byIndex}). Single-threaded.
 */
public final class OrderPool
{
    private Order[] all;
    private int created;
    private Order[] free;
    private int size;

    public OrderPool(final int preallocate)
    {
        all = new Order[Math.max(16, preallocate)];
        free = new Order[all.length];
        for (int i = 0; i < preallocate; i++)
        {
            free[size++] = create();
        }
    }

    public Order acquire()
    {
        return size == 0 ? create() : free[--size];
    }

    public void release(final Order order)
    {
        order.reset();
        if (size == free.length)
        {
            growFree();
        }
        free[size++] = order;
    }

    /** Cold path, kept out of line so that {@link #release} stays small for the JIT. */
    private void growFree()
    {
        free = Arrays.copyOf(free, free.length * 2);
    }

    Order byIndex(final int index)
    {
        return all[index];
    }

    /** Every order this pool made, live or free, in pool-index order. */
    void forEachCreated(final Consumer<Order> action)
    {
        for (int i = 0; i < created; i++)
        {
            action.accept(all[i]);
        }
    }

    private Order create()
    {
        if (created == all.length)
        {
            all = Arrays.copyOf(all, all.length * 2);
        }
        final Order order = new Order(created);
        all[created++] = order;
        return order;
    }
}
