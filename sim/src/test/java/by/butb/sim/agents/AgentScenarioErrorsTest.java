package by.butb.sim.agents;

import by.butb.sim.Butb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad agent parameters stop {@code butb sim} before anything trades: exit code 1, file, line and field named. */
class AgentScenarioErrorsTest
{
    @TempDir
    Path dir;

    private Butb.Run sim(final String yaml)
    {
        final Path file = Butb.write(dir.resolve("market.yaml"), yaml);
        return Butb.run("sim", "--scenario", file.toString(), "--out", dir.resolve("out").toString());
    }

    private static String market(final String group)
    {
        return "name: bad\nmarkets:\n  SUGAR:\n    unit: 10\n    demand: [[700, 5]]\n    supply: [[600, 5]]\n" +
            "agents:\n  - {name: b, type: zic, side: buy, instrument: SUGAR, count: 2}\n" + group;
    }

    private void assertError(final Butb.Run run, final String expected)
    {
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains(expected), "expected '" + expected + "' in: " + run.err());
    }

    @Test
    void anOptionAnAgentBasedScenarioCannotTakeIsAUsageErrorNamingIt()
    {
        final Path file = Butb.write(dir.resolve("market.yaml"), market(""));
        for (final String[] option : new String[][] {{"--format", "parquet"}, {"--gzip"}, {"--zstd"},
            {"--scale", "2"}, {"--speed", "10"}, {"--via-gateway"}})
        {
            final Butb.Run run = Butb.run(Stream.concat(Stream.of("sim", "--scenario", file.toString(), "--out",
                dir.resolve("out").toString()), Arrays.stream(option)).toArray(String[]::new));
            assertEquals(2, run.exitCode(), run.err());
            assertTrue(run.err().startsWith("butb sim: " + option[0] + " does not apply to an agent-based scenario"),
                run.err());
        }
        assertTrue(!Files.exists(dir.resolve("out")), "nothing written");
    }

    @Test
    void aParameterOutOfRangeNamesFileLineAndField()
    {
        assertError(sim(market("  - name: mm\n    type: market_maker\n    instrument: SUGAR\n    count: 1\n" +
            "    params: {spread_pct: -1}\n")), "market.yaml:13 field 'agents[1].params.spread_pct': -1 is not " +
            "between 0.01 and 50");
    }

    @Test
    void aParameterTheTypeDoesNotHaveIsRefused()
    {
        assertError(sim(market("  - name: z\n    type: zic\n    side: sell\n    instrument: SUGAR\n    count: 1\n" +
            "    params: {beta_min: 0.2}\n")), "market.yaml:14 field 'agents[1].params': zic has no parameters");
    }

    @Test
    void anUnknownTypeListsTheKnownOnes()
    {
        assertError(sim(market("  - {type: genius, side: sell, instrument: SUGAR, count: 1}\n")),
            "market.yaml:9 field 'agents[1].type': 'genius' is not one of zic, ziu, zip, market_maker");
    }

    @Test
    void aPercentageOutOfRangeNamesItsField()
    {
        assertError(sim(market("").replace("name: bad\n", "name: bad\nrules: {fee_pct: 200}\n")),
            "market.yaml:2 field 'rules.fee_pct': '200' must be a percentage from 0 to 100 with at most 2 decimals");
        assertError(sim(market("").replace("    unit: 10\n", "    unit: 10\n    band_pct: 1.234\n")),
            "market.yaml:5 field 'markets.SUGAR.band_pct': '1.234' must be a percentage from 0 to 100 with at most " +
            "2 decimals");
    }

    @Test
    void aMissingSideIsNamed()
    {
        assertError(sim(market("  - {name: s, type: zip, instrument: SUGAR, count: 1}\n")),
            "field 'agents[1].side': is missing (buy or sell)");
    }

    @Test
    void minimumAboveMaximumIsRefused()
    {
        assertError(sim(market("  - name: s\n    type: by_seller\n    instrument: SUGAR\n    count: 1\n" +
            "    params: {markup_min_pct: 30, markup_max_pct: 10}\n")),
            "market.yaml:13 field 'agents[1].params.markup_max_pct': markup_max_pct 10 is below markup_min_pct 30");
    }

    @Test
    void anInstrumentWithoutAMarketIsNamed()
    {
        assertError(sim(market("  - {name: s, type: zic, side: sell, instrument: SMP, count: 1}\n")),
            "field 'agents[1].instrument': 'SMP' is not one of the markets: SUGAR");
    }

    @Test
    void aUnitThatIsNotWholeLotsIsNamed()
    {
        assertError(sim("name: bad\nmarkets:\n  SUGAR:\n    demand: [[700, 5]]\n    unit: 0.5\n" +
            "    supply: [[600, 5]]\nagents:\n  - {type: zic, side: buy, instrument: SUGAR, count: 2}\n"),
            "market.yaml:5 field 'markets.SUGAR.unit': '0.5' is not a whole number of lots of SUGAR");
    }
}
