package by.butb.sim.study;

import java.util.Arrays;

/** Orders items by a time each (epoch nanoseconds), equal times by position: a stable radix sort, no objects. */
final class DueOrder
{
    private static final int BITS = 8;
    private static final int BUCKETS = 1 << BITS;

    private DueOrder()
    {
    }

    /**
     * The positions 0 .. {@code times.length - 1} ordered by {@code times[position]}, equal times in increasing
     * position. Uses two int arrays and two long arrays of the input's length.
     */
    static int[] byTime(final long[] times)
    {
        final int n = times.length;
        int[] order = new int[n];
        long[] keys = new long[n];
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
            min = Math.min(min, times[i]);
            max = Math.max(max, times[i]);
        }
        if (n < 2)
        {
            return order;
        }
        for (int i = 0; i < n; i++)
        {
            keys[i] = times[i] - min;
        }
        final long span = max - min;
        int[] nextOrder = new int[n];
        long[] nextKeys = new long[n];
        final int[] count = new int[BUCKETS + 1];
        // Least significant digit first; each pass is stable, so equal times keep their increasing positions.
        for (int shift = 0; shift < Long.SIZE && (span < 0 || span >>> shift != 0); shift += BITS)
        {
            Arrays.fill(count, 0);
            for (int i = 0; i < n; i++)
            {
                count[(int)(keys[i] >>> shift & BUCKETS - 1) + 1]++;
            }
            for (int b = 0; b < BUCKETS; b++)
            {
                count[b + 1] += count[b];
            }
            for (int i = 0; i < n; i++)
            {
                final int to = count[(int)(keys[i] >>> shift & BUCKETS - 1)]++;
                nextOrder[to] = order[i];
                nextKeys[to] = keys[i];
            }
            final int[] o = order;
            order = nextOrder;
            nextOrder = o;
            final long[] k = keys;
            keys = nextKeys;
            nextKeys = k;
        }
        return order;
    }
}
