package by.butb.sim.study;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The quantity and value of the deals planned so far, per country, instrument and day, which is what later flows
 * ask for (what the flows planned inside their period already trade). Its size is bounded by countries x
 * instruments x days, not by the number of deals. Single-threaded.
 */
final class PlannedVolumes
{
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    /** Per country and instrument (country << 32 | instrument): per day, {quantity units, notional cents}. */
    private final Map<Long, TreeMap<Long, long[]>> byDay = new HashMap<>();

    /** Records a planned deal of {@code quantity} units and {@code notional} cents at {@code time}. */
    void add(final int country, final int instrument, final long time, final long quantity, final long notional)
    {
        final long[] sums = byDay.computeIfAbsent((long)country << 32 | instrument, k -> new TreeMap<>())
            .computeIfAbsent(Math.floorDiv(time, NANOS_PER_DAY), k -> new long[2]);
        sums[0] += quantity;
        sums[1] += notional;
    }

    /**
     * The sums {quantity units, notional cents} of the deals planned for {@code country} in {@code instruments}
     * (any instrument when null) at times from {@code fromNanos} to before {@code toNanos}, both midnights (UTC).
     */
    long[] sum(final int country, final Set<Integer> instruments, final long fromNanos, final long toNanos)
    {
        if (Math.floorMod(fromNanos, NANOS_PER_DAY) != 0 || Math.floorMod(toNanos, NANOS_PER_DAY) != 0)
        {
            throw new IllegalArgumentException("period bounds must be midnights: " + fromNanos + ", " + toNanos);
        }
        final long[] total = new long[2];
        for (final Map.Entry<Long, TreeMap<Long, long[]>> e : byDay.entrySet())
        {
            final long key = e.getKey();
            if ((int)(key >>> 32) != country || instruments != null && !instruments.contains((int)key))
            {
                continue;
            }
            for (final long[] sums : e.getValue().subMap(fromNanos / NANOS_PER_DAY, toNanos / NANOS_PER_DAY)
                .values())
            {
                total[0] += sums[0];
                total[1] += sums[1];
            }
        }
        return total;
    }
}
