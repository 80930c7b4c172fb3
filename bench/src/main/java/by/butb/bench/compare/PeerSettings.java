package by.butb.bench.compare;

import by.butb.harness.DriverOptions;

import java.util.List;
import java.util.Locale;

/**
 * How exchange-core 0.5.3 is configured in the peer JVM: wait strategy, risk processing, matching and risk engines,
 * {@code msgsInGroupLimit}. The engine counts and the group size default by the machine's processors: below
 * {@link #MANY_PROCESSORS}, one matching engine, one risk engine and groups of 256 (its own default), which leave a
 * 2-core machine's cores to the threads that work; from {@link #MANY_PROCESSORS} up, exchange-core's own throughput
 * settings ({@code PerformanceConfiguration.throughputPerformanceBuilder()}: 4, 2 and 4096). Engine counts are
 * powers of two (exchange-core shards symbols and users by a mask).
 */
record PeerSettings(String waitStrategy, String risk, int matchingEngines, int riskEngines, int msgsInGroup)
{
    /** Processors from which the peer runs exchange-core's own throughput settings by default. */
    static final int MANY_PROCESSORS = 8;
    /** Largest group: a quarter of the peer's ring of 16,384, as exchange-core requires. */
    static final int MAX_MSGS_IN_GROUP = 4096;

    /**
     * Reads {@code --peer-wait}, {@code --peer-risk}, {@code --peer-matching-engines}, {@code --peer-risk-engines}
     * and {@code --peer-msgs-in-group}, defaulting by {@code processors}.
     */
    static PeerSettings parse(final DriverOptions o, final int processors)
    {
        final boolean many = processors >= MANY_PROCESSORS;
        final String wait = o.take("peer-wait", "YIELDING");
        final String risk = o.take("peer-risk", "FULL_PER_CURRENCY");
        final int matching = powerOfTwo(o, "peer-matching-engines", many ? 4 : 1);
        final int riskEngines = powerOfTwo(o, "peer-risk-engines", many ? 2 : 1);
        final int group = (int)o.takeLong("peer-msgs-in-group", many ? MAX_MSGS_IN_GROUP : 256, 1);
        if (group > MAX_MSGS_IN_GROUP)
        {
            throw new IllegalArgumentException("--peer-msgs-in-group must be at most " + MAX_MSGS_IN_GROUP +
                " (a quarter of the peer's ring), got " + group);
        }
        return new PeerSettings(wait, risk, matching, riskEngines, group);
    }

    private static int powerOfTwo(final DriverOptions o, final String name, final int fallback)
    {
        final long n = o.takeLong(name, fallback, 1);
        if (Long.bitCount(n) != 1 || n > 64)
        {
            throw new IllegalArgumentException("--" + name + " must be a power of two from 1 to 64, got " + n);
        }
        return (int)n;
    }

    /** The peer JVM's own options for these settings. */
    List<String> args()
    {
        return List.of("--wait", waitStrategy, "--risk", risk, "--matching-engines", Integer.toString(matchingEngines),
            "--risk-engines", Integer.toString(riskEngines), "--msgs-in-group", Integer.toString(msgsInGroup));
    }

    /** One line, e.g. "wait YIELDING, risk FULL_PER_CURRENCY, 4 matching engines, 2 risk engines, ...". */
    String describe()
    {
        return String.format(Locale.ROOT, "wait %s, risk %s, %d matching engine%s, %d risk engine%s, " +
            "msgsInGroupLimit %d", waitStrategy, risk, matchingEngines, matchingEngines == 1 ? "" : "s", riskEngines,
            riskEngines == 1 ? "" : "s", msgsInGroup);
    }
}
