package by.butb.engine.book;

import by.butb.engine.model.Side;

import java.util.Arrays;

/**
 * One side of one order book: price levels sorted so that the best level is last (cheap insert and removal near
 * the touch, where most activity is). A price is looked up by scanning the few levels nearest the touch, then by
 * binary search. Allocates only while it grows. Single-threaded.
 */
public final class BookSide
{
    /** Levels nearest the touch that a lookup scans before it searches. */
    private static final int SCAN = 8;

    private final Side side;
    private final boolean buy;
    private PriceLevel[] levels = new PriceLevel[64];
    /** {@code prices[i] == levels[i].price}: the search reads one array instead of following references. */
    private long[] prices = new long[64];
    private int levelCount;
    private PriceLevel[] pool = new PriceLevel[64];
    private int poolSize;

    public BookSide(final Side side)
    {
        this.side = side;
        this.buy = side == Side.BUY;
    }

    public Side side()
    {
        return side;
    }

    /** Best level (highest bid, lowest ask) or null. */
    public PriceLevel best()
    {
        return levelCount == 0 ? null : levels[levelCount - 1];
    }

    public int levelCount()
    {
        return levelCount;
    }

    /** Level by rank from the best: 0 is the best. */
    public PriceLevel level(final int rank)
    {
        return levels[levelCount - 1 - rank];
    }

    /** True when this side's price {@code a} is better than {@code b}. */
    public boolean isBetter(final long a, final long b)
    {
        return buy ? a > b : a < b;
    }

    public void add(final Order order)
    {
        final long price = order.price;
        final int position = insertionPoint(price);
        final PriceLevel level = position > 0 && prices[position - 1] == price ?
            levels[position - 1] : newLevel(price, position);
        level.append(order);
    }

    public void remove(final Order order)
    {
        final PriceLevel level = order.level;
        level.unlink(order);
        if (level.isEmpty())
        {
            removeLevel(level);
        }
    }

    /** An order's open quantity went down by {@code delta} while it stays in place. */
    public void reduce(final Order order, final long delta)
    {
        order.leaves -= delta;
        order.level.totalLeaves -= delta;
    }

    private PriceLevel newLevel(final long price, final int position)
    {
        final PriceLevel level = poolSize == 0 ? new PriceLevel() : pool[--poolSize];
        level.init(price);
        if (levelCount == levels.length)
        {
            growLevels();
        }
        System.arraycopy(levels, position, levels, position + 1, levelCount - position);
        System.arraycopy(prices, position, prices, position + 1, levelCount - position);
        levels[position] = level;
        prices[position] = price;
        levelCount++;
        return level;
    }

    /**
     * Index of the first level better than {@code price} (levels are ordered worst first): the level at
     * {@code price}, if there is one, is just before it. Most prices are near the touch, so the nearest
     * {@value #SCAN} levels are scanned first.
     */
    private int insertionPoint(final long price)
    {
        final int scanEnd = Math.max(0, levelCount - SCAN);
        int high = levelCount;
        while (high > scanEnd && isBetter(prices[high - 1], price))
        {
            high--;
        }
        if (high > scanEnd)
        {
            return high;
        }
        int low = 0;
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (isBetter(prices[mid], price))
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
        final int position = insertionPoint(level.price) - 1;
        System.arraycopy(levels, position + 1, levels, position, levelCount - position - 1);
        System.arraycopy(prices, position + 1, prices, position, levelCount - position - 1);
        levels[--levelCount] = null;
        if (poolSize == pool.length)
        {
            growPool();
        }
        pool[poolSize++] = level;
    }

    /** Cold path, kept out of line so the hot callers stay small for the JIT. */
    private void growLevels()
    {
        levels = Arrays.copyOf(levels, levels.length * 2);
        prices = Arrays.copyOf(prices, prices.length * 2);
    }

    /** Cold path, kept out of line so the hot callers stay small for the JIT. */
    private void growPool()
    {
        pool = Arrays.copyOf(pool, pool.length * 2);
    }
}
