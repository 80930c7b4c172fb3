package by.butb.engine.book;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientOrderIndexTest
{
    @Test
    void shouldFindExactlyTheLiveOrdersThroughRandomPutsAndRemoves()
    {
        final long seed = 20_261_127L;
        final SplittableRandom random = new SplittableRandom(seed);
        final OrderPool pool = new OrderPool(16);
        // A small start: it grows several times, and removals shift entries back across the table's end.
        final ClientOrderIndex index = new ClientOrderIndex(pool, 16, 8);
        final Map<Long, Order> reference = new HashMap<>();
        final List<Order> live = new ArrayList<>();
        for (int step = 0; step < 200_000; step++)
        {
            if (live.isEmpty() || random.nextInt(100) < (live.size() < 3_000 ? 60 : 40))
            {
                final Order order = order(pool, random.nextInt(50), 1 + random.nextLong(1L << 20));
                if (reference.containsKey(OrderKey.of(order.owner, order.clientOrderId)))
                {
                    assertTrue(index.contains(order.owner, order.clientOrderId), "seed " + seed + " step " + step);
                    pool.release(order);
                    continue;
                }
                assertFalse(index.contains(order.owner, order.clientOrderId), "seed " + seed + " step " + step);
                index.put(order);
                reference.put(OrderKey.of(order.owner, order.clientOrderId), order);
                live.add(order);
            }
            else
            {
                final int at = random.nextInt(live.size());
                final Order order = live.get(at);
                live.set(at, live.get(live.size() - 1));
                live.remove(live.size() - 1);
                index.remove(order);
                reference.remove(OrderKey.of(order.owner, order.clientOrderId));
                assertNull(index.get(order.owner, order.clientOrderId), "seed " + seed + " step " + step);
                pool.release(order);
            }
            assertEquals(reference.size(), index.size(), "seed " + seed + " step " + step);
            if (step % 1_000 == 0)
            {
                for (final Order order : live)
                {
                    assertSame(order, index.get(order.owner, order.clientOrderId), "seed " + seed + " step " + step);
                }
            }
        }
    }

    @Test
    void shouldFindNothingForInvalidKeys()
    {
        final OrderPool pool = new OrderPool(4);
        final ClientOrderIndex index = new ClientOrderIndex(pool, 4, 1);
        final Order order = order(pool, 0, 1);
        index.put(order);
        assertNull(index.get(0, 0));
        assertNull(index.get(-1, 1));
        assertNull(index.get(0, -1));
        assertNull(index.get(0, 1L << 40));
        assertFalse(index.contains(0, 0));
        assertSame(order, index.get(0, 1));
    }

    @Test
    void shouldFindOrdersBelowTheHighestIdAfterItWasRemoved()
    {
        final OrderPool pool = new OrderPool(4);
        final ClientOrderIndex index = new ClientOrderIndex(pool, 4, 2);
        final Order low = order(pool, 1, 5);
        final Order high = order(pool, 1, 9);
        index.put(high);
        index.put(low);
        index.remove(high);
        assertSame(low, index.get(1, 5));
        assertFalse(index.contains(1, 9));
        assertFalse(index.contains(1, 10));
        assertFalse(index.contains(0, 5));
    }

    @Test
    void shouldFailLoudlyWhenRemovingAnOrderThatIsNotIndexed()
    {
        final OrderPool pool = new OrderPool(4);
        final ClientOrderIndex index = new ClientOrderIndex(pool, 4, 1);
        final Order order = order(pool, 0, 7);
        assertThrows(IllegalStateException.class, () -> index.remove(order));
    }

    @Test
    void shouldTellApartOrdersWhoseKeysShareTheirHash()
    {
        final long[] pair = twoKeysWithOneHash();
        final OrderPool pool = new OrderPool(4);
        final ClientOrderIndex index = new ClientOrderIndex(pool, 4, 4);
        final Order first = order(pool, owner(pair[0]), clientOrderId(pair[0]));
        final Order second = order(pool, owner(pair[1]), clientOrderId(pair[1]));
        index.put(first);
        index.put(second);
        assertSame(first, index.get(first.owner, first.clientOrderId));
        assertSame(second, index.get(second.owner, second.clientOrderId));
        index.remove(first);
        assertNull(index.get(first.owner, first.clientOrderId));
        assertSame(second, index.get(second.owner, second.clientOrderId));
        index.remove(second);
        assertEquals(0, index.size());
    }

    /**
     * Two valid keys whose 32-bit hashes are equal, found among random ones (consecutive ids never share a hash:
     * a multiplicative hash spreads them evenly); 2^19 random keys hold about 32 such pairs.
     */
    private static long[] twoKeysWithOneHash()
    {
        final SplittableRandom random = new SplittableRandom(2_026_120_4L);
        final Map<Long, Long> keyByHash = new HashMap<>();
        for (int i = 0; i < 1 << 19; i++)
        {
            final long key = OrderKey.of(random.nextInt(4), random.nextLong(1, OrderKey.MAX_CLIENT_ORDER_ID));
            final Long earlier = keyByHash.putIfAbsent(ClientOrderIndex.hash(key), key);
            if (earlier != null && earlier != key)
            {
                return new long[] {earlier, key};
            }
        }
        throw new AssertionError("no two keys share a hash");
    }

    private static int owner(final long key)
    {
        return (int)(key >>> OrderKey.CLIENT_ORDER_ID_BITS);
    }

    private static long clientOrderId(final long key)
    {
        return key & (OrderKey.MAX_CLIENT_ORDER_ID - 1);
    }

    private static Order order(final OrderPool pool, final int owner, final long clientOrderId)
    {
        final Order order = pool.acquire();
        order.owner = owner;
        order.clientOrderId = clientOrderId;
        return order;
    }
}
