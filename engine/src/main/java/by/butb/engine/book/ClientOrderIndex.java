package by.butb.engine.book;

import java.util.Arrays;

/**
 * Live orders by their beneficial owner's client order id. Open addressing with linear probing over one
 * {@code long[]} of one word per entry: the high 32 bits are the key's hash (its {@link OrderKey} times a 64-bit
 * odd constant, top half), which also gives the entry's home slot, the low 32 bits its order's {@link OrderPool}
 * index plus one (0 marks a free entry). A lookup compares hashes and confirms a match on the order's own owner
 * and id; a removal finds its entry by pool index alone, and shifts the following entries back instead of leaving
 * tombstones. One word per entry keeps the table at 8 bytes per slot, half of what key and index side by side
 * take, so more of it stays in cache. Kept at most half full; allocates only when it grows.
 *
 * <p>Participants mostly number their orders upwards, so the index also keeps, per owner, the highest client order
 * id it ever held: a lookup above it (the usual duplicate check of a new order) is answered without touching the
 * table. Engine thread only.
 */
final class ClientOrderIndex
{
    private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;
    private static final long INDEX_MASK = 0xFFFF_FFFFL;

    private final OrderPool pool;
    /** Per owner: no key above this client order id is in the table. */
    private long[] highest;
    private long[] table;
    private int mask;
    /** Right shift of a 32-bit hash that leaves its home slot. */
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
        final long hash = hash(OrderKey.of(owner, clientOrderId));
        final long[] t = table;
        for (int i = home(hash); ; i = (i + 1) & mask)
        {
            final long entry = t[i];
            if (entry == 0)
            {
                return null;
            }
            if ((entry & ~INDEX_MASK) == hash)
            {
                final Order order = pool.byIndex((int)(entry & INDEX_MASK) - 1);
                if (order.owner == owner && order.clientOrderId == clientOrderId)
                {
                    return order;
                }
            }
        }
    }

    /** The table entry where the lookup of this key starts, or 0 when no lookup is needed: reads only that. */
    long touch(final int owner, final long clientOrderId)
    {
        return mayHold(owner, clientOrderId) ? table[home(hash(OrderKey.of(owner, clientOrderId)))] : 0;
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
        if (size * 2 >= table.length)
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
        insert(hash(OrderKey.of(owner, order.clientOrderId)) | (order.poolIndex + 1L));
        size++;
    }

    /** Removes {@code order}, which must be in the index under its owner and client order id. */
    void remove(final Order order)
    {
        final long entry = hash(OrderKey.of(order.owner, order.clientOrderId)) | (order.poolIndex + 1L);
        final long[] t = table;
        int free = home(entry);
        while (t[free] != entry)
        {
            if (t[free] == 0)
            {
                throw new IllegalStateException("order " + order.orderId + " is not in the client-order index");
            }
            free = (free + 1) & mask;
        }
        for (int i = (free + 1) & mask; t[i] != 0; i = (i + 1) & mask)
        {
            final int home = home(t[i]);
            // The entry at i may move back to the free one unless its home lies cyclically in (free, i].
            final boolean stays = free <= i ? free < home && home <= i : free < home || home <= i;
            if (!stays)
            {
                t[free] = t[i];
                free = i;
            }
        }
        t[free] = 0;
        size--;
    }

    int size()
    {
        return size;
    }

    /** The key's 32-bit hash in the high half of a word. */
    static long hash(final long key)
    {
        return (key * GOLDEN) & ~INDEX_MASK;
    }

    /** The home slot of an entry (or of a hash): the top bits of its hash. */
    private int home(final long entry)
    {
        return (int)(entry >>> shift);
    }

    private void insert(final long entry)
    {
        final long[] t = table;
        int i = home(entry);
        while (t[i] != 0)
        {
            i = (i + 1) & mask;
        }
        t[i] = entry;
    }

    private void allocate(final int entries)
    {
        table = new long[entries];
        mask = entries - 1;
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
        allocate(old.length * 2);
        for (final long entry : old)
        {
            if (entry != 0)
            {
                insert(entry);
            }
        }
    }
}
