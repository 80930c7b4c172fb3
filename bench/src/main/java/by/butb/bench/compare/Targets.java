package by.butb.bench.compare;

import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Locale;

/**
 * The performance targets of our configurations and their verdicts, {@code met} or {@code MISSED}: throughput at
 * least a multiple of exchange-core's (medians), p99 and p99.99 at most a bound at {@link #LATENCY_RATE} offered,
 * and no allocation. Each figure is compared as printed (latency to 0.1 us, bytes per command to 0.01), bound
 * included. A rate the engine could not sustain (SATURATED), and a figure that was not measured, are misses.
 */
final class Targets
{
    /** Bytes per command below which a window counts as allocating nothing per command ({@link #allocationMet}). */
    static final double ALLOCATION_BOUND = 0.1;

    /** The offered rate of the latency targets, commands/s. */
    static final long LATENCY_RATE = 1_000_000;

    /** One configuration's bounds: throughput at least {@code minRatio} x exchange-core's; latencies in us. */
    record Goal(String config, double minRatio, double p99Micros, double p9999Micros)
    {
    }

    static final List<Goal> GOALS = List.of(new Goal("butb", 3, 10, 100), new Goal("butb-journal", 2, 20, 200));

    private Targets()
    {
    }

    static String verdict(final boolean met)
    {
        return met ? "met" : "MISSED";
    }

    /** Whether {@code ratio} (NaN: not measured) reaches {@code min}, as printed to two decimals. */
    static boolean ratioMet(final double ratio, final double min)
    {
        return Math.round(ratio * 100) / 100.0 >= min;
    }

    /** Whether a latency in nanoseconds is within {@code maxMicros}, as printed to 0.1 us. */
    static boolean latencyMet(final long nanos, final double maxMicros)
    {
        return Math.round(nanos / 100.0) / 10.0 <= maxMicros;
    }

    /**
     * Whether {@code bytesPerCommand} (NaN: not counted) shows no allocation per command: below
     * {@link #ALLOCATION_BOUND}, less than one 16-byte object per 160 commands. What a window allocates once (a
     * thread starting, a histogram growing, Chronicle's cycle roll) spreads below that over its commands; anything
     * allocated per command, or every few commands, does not.
     */
    static boolean allocationMet(final double bytesPerCommand)
    {
        return bytesPerCommand < ALLOCATION_BOUND;
    }

    /**
     * The throughput line of {@code g}: its median over exchange-core's {@code peerMedian} (NaN: not measured),
     * whose origin {@code peerSource} names.
     */
    static String throughputLine(final Goal g, final double median, final double peerMedian, final String peerSource)
    {
        final double ratio = median / peerMedian;
        return String.format(Locale.ROOT, "%s / exchange-core throughput: %.2f (medians; exchange-core %,.0f/s %s; " +
            "target >= %.0f): %s", g.config(), ratio, peerMedian, peerSource, g.minRatio(),
            verdict(ratioMet(ratio, g.minRatio())));
    }

    /** The latency line of {@code g} at {@link #LATENCY_RATE}; {@code h} null when that rate was not offered. */
    static String latencyLine(final Goal g, final Histogram h, final boolean saturated)
    {
        final String head = g.config() + " at " + Summary.rate(LATENCY_RATE) + "/s offered: ";
        if (h == null)
        {
            return head + "not offered (--rates): MISSED";
        }
        final long p99 = h.getValueAtPercentile(99);
        final long p9999 = h.getValueAtPercentile(99.99);
        final String figures = String.format(Locale.ROOT, "p99 %.1f us (target <= %.0f): %s, p99.99 %.1f us " +
            "(target <= %.0f): %s", p99 / 1000.0, g.p99Micros(), verdict(!saturated && latencyMet(p99, g.p99Micros())),
            p9999 / 1000.0, g.p9999Micros(), verdict(!saturated && latencyMet(p9999, g.p9999Micros())));
        return head + (saturated ? "SATURATED (could not sustain the rate; figures until it stopped): " : "") + figures;
    }

    /** The allocation line of {@code g}: {@code worst}, the most bytes per command of any window (NaN: none). */
    static String allocationLine(final Goal g, final double worst)
    {
        return String.format(Locale.ROOT, "%s allocation: %.2f B/command at most (throughput iterations and every " +
            "rate; all threads of its JVM; target 0 per command, read as < 0.1): %s", g.config(), worst,
            verdict(allocationMet(worst)));
    }
}
