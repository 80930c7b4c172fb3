package by.butb.engine.book;

import java.util.Arrays;

/**
 * Live orders by their beneficial owner's client order id. Open addressing with linear probing over one
 * {@code long[]} that holds each entry's key and its order's {@link OrderPool} index side by side, so a lookup
 * reads one cache line of the table (then the order itself); removal shifts the following entries back instead
 * of leaving tombstones. Keys are {@link OrderKey}s, never 0, which marks a free entry. Kept at most half full;
 * allocates only when it grows.
 *
 * <p>Participants mostly number their orders upwards, so the index also keeps, per owner, the highest client order
 * id it ever held: a lookup above it (the usual duplicate check of a new order) is answered without touching the
 * table. Engine thread only.
 */
final class ClientOrderIndex
{
    private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;

    private final OrderPool pool;
    /** Per owner: no key above this client order id is in the table. */
    private long[] highest;
    private long[] table;
    private int mask;
    private int shift;
    private int size;

    /** @param expected live orders to make room for without growing. */
    ClientOrderIndex(final OrderPool pool, final int expected, final int owners)
    {
        this.pool = pool;
        this.highest = new long[Math.max(1, owners)];
        allocate(Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1);
    }

    Order get(final int owner, final long clientOrderId)
    {
        if (!mayHold(owner, clientOrderId))
        {
            return null;
        }
        final long key = OrderKey.of(owner, clientOrderId);
        final long[] t = table;
        for (int i = home(key); ; i = (i + 2) & mask)
        {
            final long k = t[i];
            if (k == key)
            {
                return pool.byIndex((int)t[i + 1]);
            }
            if (k == 0)
            {
                return null;
            }
        }
    }

    boolean contains(final int owner, final long clientOrderId)
    {
        return get(owner, clientOrderId) != null;
    }

    /**
     * Whether the table may hold the key: keys need an owner {@code >= 0} and a valid client order id,
     * and none is above its owner's highest.
     */
    private boolean mayHold(final int owner, final long clientOrderId)
    {
        return owner >= 0 && OrderKey.isValidClientOrderId(clientOrderId) &&
            (owner >= highest.length || clientOrderId <= highest[owner]);
    }

    /** Adds {@code order} under its owner and client order id, which must not be in the index. */
    void put(final Order order)
    {
        if (size * 2 >= table.length >> 1)
        {
            grow();
        }
        final int owner = order.owner;
        if (owner >= highest.length)
        {
            growHighest(owner);
        }
        if (order.clientOrderId > highest[owner])
        {
            highest[owner] = order.clientOrderId;
        }
        insert(OrderKey.of(owner, order.clientOrderId), order.poolIndex);
        size++;
    }

    /** Removes {@code order}, which must be in the index under its owner and client order id. */
    void remove(final Order order)
    {
        final long key = OrderKey.of(order.owner, order.clientOrderId);
        final long[] t = table;
        int free = home(key);
        while (t[free] != key)
        {
            if (t[free] == 0)
            {
                throw new IllegalStateException("order " + order.orderId + " is not in the client-order index");
            }
            free = (free + 2) & mask;
        }
        for (int i = (free + 2) & mask; t[i] != 0; i = (i + 2) & mask)
        {
            final int home = home(t[i]);
            // The entry at i may move back to the free one unless its home lies cyclically in (free, i].
            final boolean stays = free <= i ? free < home && home <= i : free < home || home <= i;
            if (!stays)
            {
                t[free] = t[i];
                t[free + 1] = t[i + 1];
                free = i;
            }
        }
        t[free] = 0;
        t[free + 1] = 0;
        size--;
    }

    int size()
    {
        return size;
    }

    private int home(final long key)
    {
        return (int)((key * GOLDEN) >>> shift) << 1;
    }

    private void insert(final long key, final int orderIndex)
    {
        final long[] t = table;
        int i = home(key);
        while (t[i] != 0)
        {
            i = (i + 2) & mask;
        }
        t[i] = key;
        t[i + 1] = orderIndex;
    }

    private void allocate(final int entries)
    {
        table = new long[entries * 2];
        mask = entries * 2 - 1;
        shift = 64 - Integer.numberOfTrailingZeros(entries);
    }

    /** Cold path, kept out of line so the hot callers stay small for the JIT. */
    private void growHighest(final int owner)
    {
        highest = Arrays.copyOf(highest, Math.max(owner + 1, highest.length * 2));
    }

    private void grow()
    {
        final long[] old = table;
        allocate(old.length);
        for (int i = 0; i < old.length; i += 2)
        {
            if (old[i] != 0)
            {
                insert(old[i], (int)old[i + 1]);
            }
        }
    }
}
