package by.butb.bench.compare;

import by.butb.bench.SchedulingFloor;
import by.butb.harness.Driver;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The results of a {@link BenchRunner} run: per configuration, the throughput of every iteration of every round,
 * and per offered rate the latency histogram of all rounds merged. Latencies in the files are in nanoseconds; the
 * table and the plot show microseconds.
 */
final class Summary
{
    static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};
    static final String[] PERCENTILE_NAMES = {"p50", "p90", "p99", "p99.9", "p99.99"};
    static final String ALLOCATION_NOTE = """
        B/command: heap bytes allocated per command by all live threads of the JVM running the configuration
          (engine, driver, JVM service threads; ThreadMXBean.getThreadAllocatedBytes): over the throughput
          iterations above; over each rate's commands, its warm-up included, below
        """;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};

    private final BenchRunner.Settings settings;
    private final String workload;
    final Map<String, double[]> throughput = new LinkedHashMap<>();
    final Map<String, Map<Long, Histogram>> latency = new LinkedHashMap<>();
    final Map<String, Map<Long, Boolean>> saturated = new LinkedHashMap<>();
    final Map<String, String> configuration = new LinkedHashMap<>();
    final Map<String, String> counters = new LinkedHashMap<>();
    /** Per configuration, bytes allocated and commands over the throughput iterations (all rounds; -1 bytes: none). */
    final Map<String, long[]> allocationThroughput = new LinkedHashMap<>();
    /** Per configuration and offered rate, bytes allocated and commands at the rate (warm-up included). */
    final Map<String, Map<Long, long[]>> allocationAtRate = new LinkedHashMap<>();
    final List<Long> rates = new ArrayList<>();
    private String java = "";
    /** The machine's own latency floor per offered rate (nanoseconds), empty when not measured. */
    final Map<Long, Histogram> floor = new LinkedHashMap<>();
    private final String floorSource;

    Summary(final BenchRunner.Settings settings, final String workload, final Map<String, List<Properties>> results,
        final SchedulingFloor machine)
    {
        this.settings = settings;
        this.floorSource = machine == null ? "" : String.format(Locale.ROOT,
            "two threads spinning %.1f s before the runs", machine.seconds());
        this.workload = workload;
        for (final String r : settings.rates().split(","))
        {
            rates.add(Long.parseLong(r.trim()));
        }
        for (final Map.Entry<String, List<Properties>> e : results.entrySet())
        {
            final String config = e.getKey();
            final List<Double> values = new ArrayList<>();
            final Map<Long, Histogram> merged = new LinkedHashMap<>();
            final Map<Long, Boolean> sat = new LinkedHashMap<>();
            final long[] allocated = {0, 0};
            final Map<Long, long[]> allocatedAtRate = new LinkedHashMap<>();
            final StringBuilder count = new StringBuilder();
            for (final Properties p : e.getValue())
            {
                addAllocation(allocated, p, "allocation.throughput.");
                configuration.put(config, p.getProperty("configuration"));
                java = p.getProperty("java.vm") + ", Java " + p.getProperty("java.version");
                final int n = Integer.parseInt(p.getProperty("throughput.iterations"));
                for (int i = 1; i <= n; i++)
                {
                    values.add(Double.parseDouble(p.getProperty("throughput." + i)));
                }
                for (final long rate : rates)
                {
                    final String k = "latency." + rate + ".";
                    final Histogram h = Driver.decode(required(p, k + "histogram"));
                    merged.merge(rate, h, (a, b) ->
                    {
                        a.add(b);
                        return a;
                    });
                    sat.merge(rate, Boolean.parseBoolean(p.getProperty(k + "saturated")), Boolean::logicalOr);
                    addAllocation(allocatedAtRate.computeIfAbsent(rate, r -> new long[2]), p,
                        "allocation." + rate + ".");
                }
                count.append(count.length() == 0 ? "" : "; ").append(p.getProperty("label")).append(':');
                p.stringPropertyNames().stream().filter(s -> s.startsWith("counters.")).sorted()
                    .forEach(s -> count.append(' ').append(s.substring(9)).append('=').append(p.getProperty(s)));
            }
            throughput.put(config, values.stream().mapToDouble(Double::doubleValue).sorted().toArray());
            latency.put(config, merged);
            saturated.put(config, sat);
            allocationThroughput.put(config, allocated);
            allocationAtRate.put(config, allocatedAtRate);
            counters.put(config, count.toString());
        }
        if (machine != null)
        {
            rates.forEach(rate -> floor.put(rate, machine.latencyAt(rate)));
        }
    }

    /** Adds a run's {@code <prefix>bytes} and {@code <prefix>commands} to {@code sum}; bytes -1 when not counted. */
    private static void addAllocation(final long[] sum, final Properties p, final String prefix)
    {
        final long bytes = Long.parseLong(p.getProperty(prefix + "bytes", "-1"));
        sum[0] = bytes < 0 || sum[0] < 0 ? -1 : sum[0] + bytes;
        sum[1] += Long.parseLong(p.getProperty(prefix + "commands", "0"));
    }

    /** Bytes per command of a {bytes, commands} pair; NaN when not counted or no commands. */
    static double perCommand(final long[] allocation)
    {
        return allocation == null || allocation[0] < 0 || allocation[1] == 0 ? Double.NaN :
            (double)allocation[0] / allocation[1];
    }

    private static String required(final Properties p, final String key)
    {
        final String v = p.getProperty(key);
        if (v == null)
        {
            throw new IllegalStateException(p.getProperty("label") + ": result without " + key);
        }
        return v;
    }

    static double median(final double[] sorted)
    {
        if (sorted.length == 0)
        {
            return Double.NaN;
        }
        final int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    double medianThroughput(final String config)
    {
        final double[] v = throughput.get(config);
        return v == null ? Double.NaN : median(v);
    }

    /** Median throughput of {@code a} over that of {@code b}; NaN when either is missing. */
    double ratio(final String a, final String b)
    {
        return medianThroughput(a) / medianThroughput(b);
    }

    String table()
    {
        final StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s run, %d round(s), %s%n", settings.quick() ? "QUICK (smoke, not a " +
            "measurement)" : "full", settings.rounds(), java));
        b.append("\nthroughput, commands/s (every iteration of every round; as fast as the engine takes them)\n");
        b.append(String.format(Locale.ROOT, "| %-14s | %12s | %12s | %12s | %3s | %9s |%n", "config", "median", "min",
            "max", "n", "B/command"));
        b.append("|----------------|--------------|--------------|--------------|-----|-----------|\n");
        for (final Map.Entry<String, double[]> e : throughput.entrySet())
        {
            final double[] v = e.getValue();
            b.append(String.format(Locale.ROOT, "| %-14s | %,12.0f | %,12.0f | %,12.0f | %3d | %9.2f |%n", e.getKey(),
                median(v), v.length == 0 ? Double.NaN : v[0], v.length == 0 ? Double.NaN : v[v.length - 1],
                v.length, perCommand(allocationThroughput.get(e.getKey()))));
        }
        b.append(ALLOCATION_NOTE);
        b.append("\nlatency, microseconds, from the intended send time (coordinated-omission corrected), " +
            "rounds merged\n");
        b.append(String.format(Locale.ROOT, "| %-14s | %9s |", "config", "offered/s"));
        for (final String name : PERCENTILE_NAMES)
        {
            b.append(String.format(Locale.ROOT, " %9s |", name));
        }
        b.append(String.format(Locale.ROOT, " %9s | %11s | %9s |%n", "max", "count", "B/command"));
        b.append("|----------------|-----------|").append("-----------|".repeat(PERCENTILE_NAMES.length + 1))
            .append("-------------|-----------|\n");
        for (final Map.Entry<String, Map<Long, Histogram>> e : latency.entrySet())
        {
            for (final Map.Entry<Long, Histogram> r : e.getValue().entrySet())
            {
                latencyRow(b, e.getKey(), r.getKey(), r.getValue(),
                    perCommand(allocationAtRate.get(e.getKey()).get(r.getKey())),
                    saturated.get(e.getKey()).get(r.getKey()) ? " SATURATED: could not sustain the rate" : "");
            }
        }
        if (!floor.isEmpty())
        {
            b.append(String.format(Locale.ROOT, "%nmachine floor: the latency of an engine that takes no time, " +
                "from the gaps of %s (no engine can show less here)%n", floorSource));
            floor.forEach((rate, h) -> latencyRow(b, "machine floor", rate, h, Double.NaN, ""));
        }
        targets(b);
        configurations(b);
        b.append("\ncounters: ");
        counters.forEach((k, v) -> b.append("\n  ").append(v));
        b.append('\n');
        return b.toString();
    }

    /**
     * One row of the latency table: percentiles and max in microseconds, the count, the bytes allocated per command
     * (blank when NaN) and {@code note}.
     */
    private static void latencyRow(final StringBuilder b, final String name, final long rate, final Histogram h,
        final double bytesPerCommand, final String note)
    {
        b.append(String.format(Locale.ROOT, "| %-14s | %9s |", name, rate(rate)));
        for (final double p : PERCENTILES)
        {
            b.append(String.format(Locale.ROOT, " %9.1f |", h.getValueAtPercentile(p) / 1000.0));
        }
        b.append(String.format(Locale.ROOT, " %9.1f | %11s | %9s |%s%n", h.getMaxValue() / 1000.0,
            String.format(Locale.ROOT, "%,d", h.getTotalCount()), Double.isNaN(bytesPerCommand) ? "" :
                String.format(Locale.ROOT, "%.2f", bytesPerCommand), note));
    }

    /** Exchange-core's median throughput: measured in this run, else {@code --peer-throughput}'s, else NaN. */
    double peerMedian()
    {
        return throughput.containsKey("exchange-core") ? medianThroughput("exchange-core") : settings.peerThroughput();
    }

    /** The verdict of every target of every configuration of ours in this run ({@link Targets}). */
    private void targets(final StringBuilder b)
    {
        final String source = throughput.containsKey("exchange-core") ? "in this run" :
            Double.isNaN(settings.peerThroughput()) ? "not measured" : "from --peer-throughput, an earlier run";
        boolean first = true;
        for (final Targets.Goal g : Targets.GOALS)
        {
            if (!throughput.containsKey(g.config()))
            {
                continue;
            }
            if (first)
            {
                b.append("\ntargets:\n");
                first = false;
            }
            b.append("  ").append(Targets.throughputLine(g, medianThroughput(g.config()), peerMedian(), source))
                .append('\n');
            b.append("  ").append(Targets.latencyLine(g, latency.get(g.config()).get(Targets.LATENCY_RATE),
                saturated.get(g.config()).getOrDefault(Targets.LATENCY_RATE, false))).append('\n');
            b.append("  ").append(Targets.allocationLine(g, worstAllocation(g.config()))).append('\n');
        }
    }

    /** The most bytes per command of {@code config}'s windows (throughput, each rate); NaN if one was not counted. */
    double worstAllocation(final String config)
    {
        double worst = perCommand(allocationThroughput.get(config));
        for (final long[] a : allocationAtRate.get(config).values())
        {
            final double d = perCommand(a);
            worst = a[1] == 0 ? worst : Math.max(worst, d);
        }
        return worst;
    }

    /** Each configuration's line, exchange-core's settings when it did not run here, the journal's directory. */
    private void configurations(final StringBuilder b)
    {
        b.append("\nconfigurations:\n");
        configuration.forEach((k, v) -> b.append("  ").append(k).append(": ").append(v).append('\n'));
        if (!configuration.containsKey("exchange-core"))
        {
            b.append("  exchange-core (not run here; the settings this run would give it): ")
                .append(settings.peer().describe()).append('\n');
        }
        if (settings.configs().contains("butb-journal"))
        {
            b.append("  journal directory (--journal-dir): ").append(FileStoreType.describe(settings.journalDir()))
                .append('\n');
        }
    }

    static String rate(final long rate)
    {
        return rate % 1_000_000 == 0 ? rate / 1_000_000 + "M" : rate % 1000 == 0 ? rate / 1000 + "k" :
            Long.toString(rate);
    }

    void write(final Path dir)
    {
        try
        {
            Files.createDirectories(dir);
            final StringBuilder md = new StringBuilder("# Benchmark comparison\n\n");
            md.append("```\n").append(workload).append("```\n\nConfigurations:\n\n");
            configuration.forEach((k, v) -> md.append("- `").append(k).append("`: ").append(v).append('\n'));
            md.append("\n```\n").append(table()).append("```\n");
            Files.writeString(dir.resolve("summary.md"), md.toString());

            final StringBuilder csv = new StringBuilder("config,metric,offered_per_s,value\n");
            throughput.forEach((k, v) ->
            {
                for (final double d : v)
                {
                    csv.append(k).append(",throughput_per_s,,").append(String.format(Locale.ROOT, "%.0f", d))
                        .append('\n');
                }
                csv.append(k).append(",throughput_median_per_s,,")
                    .append(String.format(Locale.ROOT, "%.0f", median(v))).append('\n');
                csv.append(k).append(",allocated_bytes_per_command,,")
                    .append(String.format(Locale.ROOT, "%.4f", perCommand(allocationThroughput.get(k)))).append('\n');
            });
            latency.forEach((k, m) -> m.forEach((rate, h) ->
            {
                for (int i = 0; i < PERCENTILES.length; i++)
                {
                    csv.append(k).append(",latency_").append(PERCENTILE_NAMES[i]).append("_ns,").append(rate)
                        .append(',').append(h.getValueAtPercentile(PERCENTILES[i])).append('\n');
                }
                csv.append(k).append(",latency_max_ns,").append(rate).append(',').append(h.getMaxValue()).append('\n');
                csv.append(k).append(",saturated,").append(rate).append(',').append(saturated.get(k).get(rate))
                    .append('\n');
                csv.append(k).append(",allocated_bytes_per_command,").append(rate).append(',')
                    .append(String.format(Locale.ROOT, "%.4f", perCommand(allocationAtRate.get(k).get(rate))))
                    .append('\n');
                Driver.writeHgrm(dir.resolve(k + "-" + rate + ".hgrm"), h);
            }));
            floor.forEach((rate, h) ->
            {
                for (int i = 0; i < PERCENTILES.length; i++)
                {
                    csv.append("machine-floor,latency_").append(PERCENTILE_NAMES[i]).append("_ns,").append(rate)
                        .append(',').append(h.getValueAtPercentile(PERCENTILES[i])).append('\n');
                }
            });
            Files.writeString(dir.resolve("summary.csv"), csv.toString());
            Files.writeString(dir.resolve("latency.html"), html());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the summary in " + dir, ex);
        }
    }

    /** A self-contained page: one SVG per offered rate, latency by percentile on log-log axes. */
    String html()
    {
        final StringBuilder b = new StringBuilder("""
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>butb vs exchange-core: latency</title>
            <style>body{font-family:sans-serif;margin:2em}svg{border:1px solid #ccc;margin:0 1em 1em 0}
            pre{background:#f6f6f6;padding:1em;overflow:auto}</style></head><body>
            <h1>Latency by percentile, per offered rate</h1>
            <p>Completion time minus intended send time (coordinated-omission corrected), all rounds merged.
            x: percentile (log scale of 1/(1-p)); y: microseconds (log scale).</p>
            """);
        for (final long rate : rates)
        {
            b.append(svg(rate));
        }
        b.append("<pre>").append(escape(table())).append("</pre></body></html>\n");
        return b.toString();
    }

    private String svg(final long rate)
    {
        final int w = 560;
        final int h = 360;
        final int left = 60;
        final int bottom = 40;
        final double maxX = 6;
        double maxUs = 1;
        for (final Map<Long, Histogram> m : latency.values())
        {
            final Histogram hist = m.get(rate);
            if (hist != null)
            {
                maxUs = Math.max(maxUs, hist.getMaxValue() / 1000.0);
            }
        }
        final double minLog = -1;
        final double maxLog = Math.ceil(Math.log10(maxUs));
        final StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d'>", w, h));
        s.append(String.format(Locale.ROOT, "<text x='%d' y='18' font-size='14'>offered %s commands/s</text>", left,
            rate(rate)));
        final int plotW = w - left - 20;
        final int plotH = h - bottom - 30;
        for (int d = 0; d <= (int)maxX; d++)
        {
            final double x = left + plotW * d / maxX;
            final String label = d == 0 ? "0%" : String.format(Locale.ROOT, "%s%%", 100 - 100 / Math.pow(10, d))
                .replaceAll("\\.0%", "%");
            s.append(String.format(Locale.ROOT, "<line x1='%.1f' y1='30' x2='%.1f' y2='%d' stroke='#eee'/>", x, x,
                30 + plotH));
            s.append(String.format(Locale.ROOT,
                "<text x='%.1f' y='%d' font-size='10' text-anchor='middle'>%s</text>", x, h - bottom + 15, label));
        }
        for (int d = (int)minLog; d <= maxLog; d++)
        {
            final double y = 30 + plotH - plotH * (d - minLog) / (maxLog - minLog);
            s.append(String.format(Locale.ROOT, "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#eee'/>", left, y,
                left + plotW, y));
            s.append(String.format(Locale.ROOT, "<text x='%d' y='%.1f' font-size='10' text-anchor='end'>%s us</text>",
                left - 4, y + 3, d < 0 ? "0.1" : String.format(Locale.ROOT, "%,d", (long)Math.pow(10, d))));
        }
        int colour = 0;
        int legendY = 40;
        for (final Map.Entry<String, Map<Long, Histogram>> e : latency.entrySet())
        {
            final Histogram hist = e.getValue().get(rate);
            final String c = COLOURS[colour++ % COLOURS.length];
            if (hist == null || hist.getTotalCount() == 0)
            {
                continue;
            }
            final StringBuilder points = new StringBuilder();
            for (double x = 0; x <= maxX + 1e-9; x += 0.05)
            {
                final double p = 100.0 * (1 - Math.pow(10, -x));
                final double us = Math.max(0.1, hist.getValueAtPercentile(p) / 1000.0);
                final double px = left + plotW * x / maxX;
                final double py = 30 + plotH - plotH * (Math.log10(us) - minLog) / (maxLog - minLog);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
            }
            s.append(String.format(Locale.ROOT, "<polyline fill='none' stroke='%s' stroke-width='2' points='%s'/>", c,
                points));
            s.append(String.format(Locale.ROOT, "<text x='%d' y='%d' font-size='12' fill='%s'>%s%s</text>", left + 10,
                legendY, c, e.getKey(), saturated.get(e.getKey()).get(rate) ? " (saturated)" : ""));
            legendY += 15;
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static String escape(final String s)
    {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public String toString()
    {
        return "Summary" + Arrays.toString(throughput.keySet().toArray());
    }
}
