package by.butb.engine.book;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class OrderIdIndexTest
{
    @Test
    void shouldFindEveryLiveOrderIncludingThoseThatOutlivedTheirCell()
    {
        findsEveryLiveOrder(1, 1);
    }

    @Test
    void shouldFindEveryLiveOrderWithTheIdsOfASectionsEngine()
    {
        findsEveryLiveOrder(2, 4);
        findsEveryLiveOrder(3, 3);
    }

    @Test
    void idsSteppingByAnEvenStrideStillTakeOneCellEach()
    {
        final OrderIdIndex index = new OrderIdIndex(16, 4);
        for (long k = 0; k < 32; k++)
        {
            final Order order = new Order(0);
            order.orderId = 2 + 4 * k;
            index.put(order);
        }
        assertEquals(0, index.overflowSize(), "32 orders in 32 cells");
    }

    private static void findsEveryLiveOrder(final long first, final long stride)
    {
        final OrderIdIndex index = new OrderIdIndex(16, stride);
        final Map<Long, Order> model = new HashMap<>();
        final SplittableRandom random = new SplittableRandom(3);
        for (long id = first; id <= 20_000 * stride; id += stride)
        {
            final Order order = new Order(0);
            order.orderId = id;
            index.put(order);
            model.put(id, order);
            if (random.nextInt(10) < 9 && !model.isEmpty())
            {
                final long victim = id - stride * random.nextInt((int)Math.min(id / stride + 1, 100));
                final Order removed = model.remove(victim);
                if (removed != null)
                {
                    index.remove(removed);
                }
            }
            if (id % 997 == 0)
            {
                for (final Map.Entry<Long, Order> e : model.entrySet())
                {
                    assertSame(e.getValue(), index.get(e.getKey()));
                }
                assertEquals(model.size(), index.size());
            }
        }
        assertNull(index.get(20_001 * stride));
        assertNull(index.get(0));
    }
}
