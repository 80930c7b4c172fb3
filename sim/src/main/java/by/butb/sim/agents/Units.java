package by.butb.sim.agents;

import java.util.Arrays;

/**
 * A valued agent's trading units for one day: limit prices (scaled like the instrument's prices), the best first
 * (a buyer's highest valuation, a seller's lowest cost), each one trading unit of the market. Single-threaded.
 */
public final class Units
{
    private final long[] limits;
    private int next;

    /** @param limits the agent's values or costs; sorted here (descending for a buyer). */
    Units(final long[] limits, final boolean buyer)
    {
        this.limits = bestFirst(limits, buyer);
    }

    /** A copy of values or costs sorted best first: descending for a buyer, ascending for a seller. */
    public static long[] bestFirst(final long[] limits, final boolean buyer)
    {
        final long[] sorted = limits.clone();
        Arrays.sort(sorted);
        if (buyer)
        {
            for (int i = 0, j = sorted.length - 1; i < j; i++, j--)
            {
                final long t = sorted[i];
                sorted[i] = sorted[j];
                sorted[j] = t;
            }
        }
        return sorted;
    }

    boolean has()
    {
        return next < limits.length;
    }

    /** The limit of the unit traded next; only when {@link #has()}. */
    long current()
    {
        return limits[next];
    }

    /** Marks the current unit traded and returns its limit, or -1 when none was left. */
    long consume()
    {
        return has() ? limits[next++] : -1;
    }

    void resetDay()
    {
        next = 0;
    }
}
