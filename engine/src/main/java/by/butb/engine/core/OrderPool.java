package by.butb.engine.core;

/** A free list of {@link Order}s; allocates only when more orders are live than ever before. Single-threaded. */
final class OrderPool
{
    private Order[] free;
    private int size;

    OrderPool(final int preallocate)
    {
        free = new Order[Math.max(16, preallocate)];
        for (int i = 0; i < preallocate; i++)
        {
            free[size++] = new Order();
        }
    }

    Order acquire()
    {
        return size == 0 ? new Order() : free[--size];
    }

    void release(final Order order)
    {
        order.reset();
        if (size == free.length)
        {
            free = java.util.Arrays.copyOf(free, free.length * 2);
        }
        free[size++] = order;
    }
}
