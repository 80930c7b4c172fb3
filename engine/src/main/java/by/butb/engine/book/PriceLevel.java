package by.butb.engine.book;

/** All resting orders of one side at one price, oldest first (intrusive doubly linked list). Pooled. */
public final class PriceLevel
{
    long price;
    long totalLeaves;
    int orderCount;
    Order head;
    Order tail;

    public long price()
    {
        return price;
    }

    /** Open quantity of the level's orders. */
    public long totalLeaves()
    {
        return totalLeaves;
    }

    public int orderCount()
    {
        return orderCount;
    }

    /** The oldest order of the level (first in time priority). */
    public Order head()
    {
        return head;
    }

    void init(final long price)
    {
        this.price = price;
        totalLeaves = 0;
        orderCount = 0;
        head = null;
        tail = null;
    }

    void append(final Order order)
    {
        order.level = this;
        order.prev = tail;
        order.next = null;
        if (tail == null)
        {
            head = order;
        }
        else
        {
            tail.next = order;
        }
        tail = order;
        totalLeaves += order.leaves;
        orderCount++;
    }

    void unlink(final Order order)
    {
        if (order.prev == null)
        {
            head = order.next;
        }
        else
        {
            order.prev.next = order.next;
        }
        if (order.next == null)
        {
            tail = order.prev;
        }
        else
        {
            order.next.prev = order.prev;
        }
        totalLeaves -= order.leaves;
        orderCount--;
        order.level = null;
        order.prev = null;
        order.next = null;
    }

    boolean isEmpty()
    {
        return head == null;
    }
}
