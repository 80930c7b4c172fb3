package by.butb.sim.cli;

import by.butb.sim.agents.AgentOutput;
import by.butb.sim.agents.AgentRun;
import by.butb.sim.agents.AgentScenario;
import by.butb.sim.agents.AgentScenarioLoader;
import by.butb.sim.agents.MetricRow;
import by.butb.sim.study.ScenarioSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code butb sim --scenario FILE} for an agent-based market (a scenario with an {@code agents:} section): runs it
 * and writes metrics.csv, trades.csv, the generated catalog and report.html into the output directory.
 */
final class AgentSim
{
    private AgentSim()
    {
    }

    /** Runs the market; exceptions are the caller's (ScenarioException for bad input, IOException for output). */
    static int run(final ScenarioSource source, final Long seed, final Path out, final boolean quiet,
        final PrintWriter stdout) throws IOException
    {
        AgentScenario s = AgentScenarioLoader.load(source);
        if (seed != null)
        {
            s = s.withSeed(seed);
        }
        final Path dir = out != null ? out : Path.of("out", s.name());
        final AgentRun.Result r = AgentRun.run(s, true);
        AgentOutput.write(s, r, dir);
        if (!quiet)
        {
            stdout.printf(Locale.ROOT, "Agent market %s (%s), seed %d: %d agents, %d day(s), %,d commands%n",
                s.name(), source.name(), s.seed(), r.agents(), s.days(), r.commands());
            stdout.printf(Locale.ROOT, "%-12s %10s %10s %10s %12s %12s %10s%n", "instrument", "CE price", "VWAP",
                "trades", "volume", "efficiency%", "alpha%");
            for (final String symbol : s.markets().keySet())
            {
                stdout.printf(Locale.ROOT, "%-12s %10s %10s %10s %12s %12s %10s%n", symbol,
                    value(r, symbol, "ce_price"), value(r, symbol, "vwap"), value(r, symbol, "trades"),
                    value(r, symbol, "volume"), value(r, symbol, "efficiency_pct"), value(r, symbol,
                        "smith_alpha_pct"));
            }
            stdout.printf(Locale.ROOT, "ran in %.2f s; wrote %s, %s, %s%n", r.wallNanos() / 1e9,
                dir.resolve(AgentOutput.METRICS_FILE), AgentOutput.TRADES_FILE, AgentOutput.REPORT_FILE);
            stdout.flush();
        }
        return 0;
    }

    private static String value(final AgentRun.Result r, final String symbol, final String metric)
    {
        final double v = AgentOutput.value(r.rows(), 0, symbol, metric);
        return Double.isNaN(v) ? "-" : MetricRow.format(Math.round(v * 100) / 100.0);
    }
}
