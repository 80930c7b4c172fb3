package by.butb.bench.gateway;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time of each live thread of this JVM between two readings, per order: which thread of the gateway (or of the
 * client) a rate saturates. A thread that ended in between is not counted; threads of one name are added up.
 */
final class ThreadCpu
{
    /** Threads shown at most, the busiest first. */
    static final int SHOWN = 8;

    private final Map<Long, Long> nanosById;

    private ThreadCpu(final Map<Long, Long> nanosById)
    {
        this.nanosById = nanosById;
    }

    /** The current readings (empty when the JVM does not measure thread CPU time). */
    static ThreadCpu now()
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final Map<Long, Long> nanos = new HashMap<>();
        if (threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled())
        {
            for (final long id : threads.getAllThreadIds())
            {
                final long t = threads.getThreadCpuTime(id);
                if (t >= 0)
                {
                    nanos.put(id, t);
                }
            }
        }
        return new ThreadCpu(nanos);
    }

    /**
     * "  CPU us/order by thread: NAME X, NAME Y, ..." since {@code before} for {@code orders} orders: the
     * {@link #SHOWN} busiest names, microseconds of CPU per order (so a thread's ceiling is about 1,000,000 / X
     * orders per second), those under 0.005 left out; "" when nothing was measured.
     */
    static String since(final ThreadCpu before, final long orders)
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final Map<String, Long> byName = new HashMap<>();
        for (final Map.Entry<Long, Long> e : before.nanosById.entrySet())
        {
            final long now = threads.getThreadCpuTime(e.getKey());
            final java.lang.management.ThreadInfo info = threads.getThreadInfo(e.getKey());
            if (now >= 0 && info != null)
            {
                byName.merge(info.getThreadName(), now - e.getValue(), Long::sum);
            }
        }
        if (byName.isEmpty() || orders <= 0)
        {
            return "";
        }
        final List<Map.Entry<String, Long>> busiest = new ArrayList<>(byName.entrySet());
        busiest.removeIf(e -> e.getValue() / 1e3 / orders < 0.005); // shown as 0.00
        busiest.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        final StringBuilder line = new StringBuilder("  CPU us/order by thread:");
        for (int i = 0; i < Math.min(SHOWN, busiest.size()); i++)
        {
            final Map.Entry<String, Long> e = busiest.get(i);
            line.append(i == 0 ? " " : ", ").append(e.getKey())
                .append(String.format(Locale.ROOT, " %.2f", e.getValue() / 1e3 / orders));
        }
        return line.toString();
    }
}
