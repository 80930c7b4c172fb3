package by.butb.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Command-line options of a benchmark child JVM: {@code --name value} pairs. The driver's own options are read by
 * {@link #driver()}; a target reads its own with {@link #take}; {@link #checkAllUsed()} then rejects any option
 * nobody read, naming it.
 */
public final class DriverOptions
{
    private final Map<String, String> values = new LinkedHashMap<>();

    public DriverOptions(final String[] args)
    {
        for (int i = 0; i < args.length; i++)
        {
            final String name = args[i];
            if (!name.startsWith("--") || name.length() == 2)
            {
                throw new IllegalArgumentException("expected an option --name, got '" + name + "'");
            }
            if (i + 1 == args.length)
            {
                throw new IllegalArgumentException("option " + name + " needs a value");
            }
            if (values.put(name.substring(2), args[++i]) != null)
            {
                throw new IllegalArgumentException("option " + name + " is given twice");
            }
        }
    }

    /** Removes and returns an option's value, or {@code fallback} when absent. */
    public String take(final String name, final String fallback)
    {
        final String v = values.remove(name);
        return v == null ? fallback : v;
    }

    public String require(final String name)
    {
        final String v = values.remove(name);
        if (v == null)
        {
            throw new IllegalArgumentException("missing option --" + name);
        }
        return v;
    }

    public long takeLong(final String name, final long fallback, final long min)
    {
        final String v = take(name, null);
        if (v == null)
        {
            return fallback;
        }
        final long n;
        try
        {
            n = Long.parseLong(v.replace("_", ""));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + v + "'");
        }
        if (n < min)
        {
            throw new IllegalArgumentException("--" + name + " must be at least " + min + ", got " + n);
        }
        return n;
    }

    public double takeDouble(final String name, final double fallback, final double min)
    {
        final String v = take(name, null);
        if (v == null)
        {
            return fallback;
        }
        final double d;
        try
        {
            d = Double.parseDouble(v);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("--" + name + " must be a number, got '" + v + "'");
        }
        if (!(d >= min))
        {
            throw new IllegalArgumentException("--" + name + " must be at least " + min + ", got " + v);
        }
        return d;
    }

    public <E extends Enum<E>> E takeEnum(final String name, final Class<E> type, final E fallback)
    {
        final String v = take(name, null);
        if (v == null)
        {
            return fallback;
        }
        try
        {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("--" + name + " must be one of " + List.of(type.getEnumConstants()) +
                ", got '" + v + "'");
        }
    }

    /** Rejects options that no one read. */
    public void checkAllUsed()
    {
        if (!values.isEmpty())
        {
            throw new IllegalArgumentException("unknown option(s): --" + String.join(", --", values.keySet()));
        }
    }

    /** What the {@link Driver} does; defaults in brackets in {@link Driver}'s javadoc. */
    public record Driver(Path workload, Path out, String label, long warmUpCommands, int throughputIterations,
                         long throughputCommands, long[] rates, double rateSeconds, double rateWarmUpSeconds,
                         long maxLagNanos)
    {
    }

    /** Reads the driver's options (the workload is needed for the defaults that depend on its size). */
    public Driver driver(final Workload w, final Path workload)
    {
        final Path out = Path.of(require("out"));
        final String label = require("label");
        if (!label.matches("[A-Za-z0-9._-]+"))
        {
            throw new IllegalArgumentException("--label may hold letters, digits, '.', '_' and '-' only, got '" +
                label + "'");
        }
        final long warmUp = takeLong("warmup-commands", w.warmUpCommands(), 0);
        final int iterations = (int)takeLong("throughput-iterations", 5, 0);
        final long commands = takeLong("throughput-commands", w.length(), 1);
        final List<Long> rates = new ArrayList<>();
        for (final String r : take("rates", "100000,500000,1000000,2000000").split(","))
        {
            if (r.isBlank())
            {
                continue;
            }
            try
            {
                final long rate = Long.parseLong(r.trim().replace("_", ""));
                if (rate < 1)
                {
                    throw new NumberFormatException();
                }
                rates.add(rate);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("--rates must be positive whole numbers of commands/s, got '" +
                    r + "'");
            }
        }
        final double seconds = takeDouble("rate-seconds", 5.0, 0.01);
        final double warmSeconds = takeDouble("rate-warmup-seconds", 1.0, 0.0);
        final long maxLag = (long)(takeDouble("max-lag-ms", 1000.0, 1.0) * 1_000_000);
        return new Driver(workload, out, label, warmUp, iterations, commands,
            rates.stream().mapToLong(Long::longValue).toArray(), seconds, warmSeconds, maxLag);
    }
}
