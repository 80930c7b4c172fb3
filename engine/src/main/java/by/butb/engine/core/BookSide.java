package by.butb.engine.core;

import by.butb.engine.model.Side;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * One side of one order book: price levels sorted so that the best level is last (cheap insert and removal near
 * the touch, where most activity is), plus a price index. Allocates only while it grows. Single-threaded.
 */
final class BookSide
{
    private final Side side;
    private final Long2ObjectHashMap<PriceLevel> levelsByPrice = new Long2ObjectHashMap<>(64, 0.65f);
    private PriceLevel[] levels = new PriceLevel[64];
    private int levelCount;
    private PriceLevel[] pool = new PriceLevel[64];
    private int poolSize;

    BookSide(final Side side)
    {
        this.side = side;
    }

    Side side()
    {
        return side;
    }

    /** Best level (highest bid, lowest ask) or null. */
    PriceLevel best()
    {
        return levelCount == 0 ? null : levels[levelCount - 1];
    }

    int levelCount()
    {
        return levelCount;
    }

    /** Level by rank from the best: 0 is the best. */
    PriceLevel level(final int rank)
    {
        return levels[levelCount - 1 - rank];
    }

    /** True when this side's price {@code a} is better than {@code b}. */
    boolean isBetter(final long a, final long b)
    {
        return side == Side.BUY ? a > b : a < b;
    }

    void add(final Order order)
    {
        PriceLevel level = levelsByPrice.get(order.price);
        if (level == null)
        {
            level = newLevel(order.price);
        }
        level.append(order);
    }

    void remove(final Order order)
    {
        final PriceLevel level = order.level;
        level.unlink(order);
        if (level.isEmpty())
        {
            removeLevel(level);
        }
    }

    /** An order's open quantity went down by {@code delta} while it stays in place. */
    void reduce(final Order order, final long delta)
    {
        order.leaves -= delta;
        order.level.totalLeaves -= delta;
    }

    private PriceLevel newLevel(final long price)
    {
        final PriceLevel level = poolSize == 0 ? new PriceLevel() : pool[--poolSize];
        level.init(price);
        levelsByPrice.put(price, level);
        if (levelCount == levels.length)
        {
            levels = java.util.Arrays.copyOf(levels, levels.length * 2);
        }
        final int position = insertionPoint(price);
        System.arraycopy(levels, position, levels, position + 1, levelCount - position);
        levels[position] = level;
        levelCount++;
        return level;
    }

    /** Index of the first level better than {@code price} (levels are ordered worst first). */
    private int insertionPoint(final long price)
    {
        int low = 0;
        int high = levelCount;
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (isBetter(levels[mid].price, price))
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }
        return low;
    }

    private void removeLevel(final PriceLevel level)
    {
        levelsByPrice.remove(level.price);
        final int position = insertionPoint(level.price) - 1;
        System.arraycopy(levels, position + 1, levels, position, levelCount - position - 1);
        levels[--levelCount] = null;
        if (poolSize == pool.length)
        {
            pool = java.util.Arrays.copyOf(pool, pool.length * 2);
        }
        pool[poolSize++] = level;
    }
}
