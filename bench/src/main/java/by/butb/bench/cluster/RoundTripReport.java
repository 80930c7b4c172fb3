package by.butb.bench.cluster;

import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.Locale;

/** The closing table of {@link ClusterRoundTrip}: both targets side by side and the ratio cluster / single. */
final class RoundTripReport
{
    private static final double[] PERCENTILES = {50, 90, 99, 99.9};

    private RoundTripReport()
    {
    }

    static void print(final PrintStream out, final ClusterRoundTrip.Settings s, final ClusterRoundTrip.Results single,
        final ClusterRoundTrip.Results cluster)
    {
        out.println();
        out.printf(Locale.ROOT, "throughput, %,d orders, at most %d unanswered (orders/s):%n", s.orders, s.window);
        out.printf(Locale.ROOT, "  single %,.0f   cluster %,.0f   cluster/single %.3f%n", single.throughput(),
            cluster.throughput(), cluster.throughput() / single.throughput());
        out.println();
        out.printf(Locale.ROOT, "latency from the intended send time to the answer, %d s per rate after %d s " +
            "unrecorded (microseconds):%n", s.seconds, s.warmupSeconds);
        out.printf(Locale.ROOT, "%-8s %9s %10s %8s %8s %8s %8s %9s %15s  %s%n", "target", "offered/s", "achieved/s",
            "p50", "p90", "p99", "p99.9", "max", "answered", "CPU of the machine");
        for (int i = 0; i < s.rates.size(); i++)
        {
            final RoundTripMeasurement.Paced a = single.paced().get(i);
            final RoundTripMeasurement.Paced b = cluster.paced().get(i);
            row(out, "single", a);
            row(out, "cluster", b);
            out.printf(Locale.ROOT, "%-8s %9s %10.3f %8.1f %8.1f %8.1f %8.1f %9.1f%n", "c/s", "",
                b.achieved() / a.achieved(), ratio(b.latency(), a.latency(), 50), ratio(b.latency(), a.latency(), 90),
                ratio(b.latency(), a.latency(), 99), ratio(b.latency(), a.latency(), 99.9),
                (double)b.latency().getMaxValue() / Math.max(1, a.latency().getMaxValue()));
        }
        out.println("histograms in " + s.out.toAbsolutePath() + " (single-RATE.hgrm, cluster-RATE.hgrm)");
    }

    private static void row(final PrintStream out, final String name, final RoundTripMeasurement.Paced p)
    {
        final Histogram h = p.latency();
        out.printf(Locale.ROOT, "%-8s %9d %10.0f", name, p.rate(), p.achieved());
        for (final double percentile : PERCENTILES)
        {
            out.printf(Locale.ROOT, " %8.0f", h.getValueAtPercentile(percentile) / 1e3);
        }
        out.printf(Locale.ROOT, " %9.0f %15s  %s%s%n", h.getMaxValue() / 1e3, p.answered() + "/" + p.sent(), p.cpu(),
            (p.saturated() ? "  SATURATED" : "") + (p.answered() < p.sent() ? "  INCOMPLETE" : ""));
    }

    private static double ratio(final Histogram cluster, final Histogram single, final double percentile)
    {
        return (double)cluster.getValueAtPercentile(percentile) / Math.max(1, single.getValueAtPercentile(percentile));
    }
}
