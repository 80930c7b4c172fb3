package by.butb.sim.agents;

import by.butb.sim.study.ScenarioSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Scenario files for the agent tests, written into a temporary directory and loaded as users' files are. */
final class Markets
{
    private Markets()
    {
    }

    /**
     * A symmetric sugar market: {@code traders} buyers and as many sellers of {@code type}, demand from 700 down
     * to 550 and supply from 550 up to 700 in 20 one-unit steps, equilibrium 625.
     */
    static String symmetric(final String type, final int traders, final int days, final double feePct)
    {
        return "name: test-" + type + "\nseed: 1\ndays: " + days + "\nrules: {fee_pct: " + feePct + "}\n" +
            "markets:\n  SUGAR:\n    unit: 10\n" +
            "    demand: {from: 700, to: 550, steps: 20}\n    supply: {from: 550, to: 700, steps: 20}\n" +
            "agents:\n" +
            "  - {name: b, type: " + type + ", side: buy, instrument: SUGAR, count: " + traders +
            ", wake_seconds: 300}\n" +
            "  - {name: s, type: " + type + ", side: sell, instrument: SUGAR, count: " + traders +
            ", wake_seconds: 300}\n";
    }

    /**
     * Smith's flat-supply market: every seller's units cost 600 (20 units), demand falls from 800 to 450 in 20
     * one-unit steps; equilibrium price 600 (11 units). Prices start well above it and come down with learning.
     */
    static String flatSupply(final String type, final int traders, final int days)
    {
        return "name: test-flat-" + type + "\nseed: 1\ndays: " + days + "\nrules: {fee_pct: 0}\n" +
            "markets:\n  SUGAR:\n    unit: 10\n" +
            "    demand: {from: 800, to: 450, steps: 20}\n    supply: [[600, 20]]\n" +
            "agents:\n" +
            "  - {name: b, type: " + type + ", side: buy, instrument: SUGAR, count: " + traders +
            ", wake_seconds: 300}\n" +
            "  - {name: s, type: " + type + ", side: sell, instrument: SUGAR, count: " + traders +
            ", wake_seconds: 300}\n";
    }

    static AgentScenario load(final Path dir, final String name, final String yaml)
    {
        try
        {
            final Path file = dir.resolve(name);
            Files.writeString(file, yaml);
            return AgentScenarioLoader.load(ScenarioSource.file(file));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
