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
        final OrderIdIndex index = new OrderIdIndex(16);
        final Map<Long, Order> model = new HashMap<>();
        final SplittableRandom random = new SplittableRandom(3);
        for (long id = 1; id <= 20_000; id++)
        {
            final Order order = new Order(0);
            order.orderId = id;
            index.put(order);
            model.put(id, order);
            if (random.nextInt(10) < 9 && !model.isEmpty())
            {
                final long victim = id - random.nextInt((int)Math.min(id, 100));
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
        assertNull(index.get(20_001));
        assertNull(index.get(0));
    }
}
