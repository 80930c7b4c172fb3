package by.butb.sim.study;

import by.butb.sim.Butb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bad scenario stops with exit code 1 and one message naming the file, the line and the field. */
class ScenarioFileTest
{
    @TempDir
    Path dir;

    private static String bundled(final String name) throws Exception
    {
        try (InputStream in = ScenarioFileTest.class.getClassLoader().getResourceAsStream("scenarios/study/" + name))
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The study scenario with {@code from} replaced by {@code to}, next to copies of its CSVs. */
    private Path scenario(final String from, final String to) throws Exception
    {
        Files.writeString(dir.resolve("flows.csv"), bundled("flows.csv"));
        Files.writeString(dir.resolve("accreditations.csv"), bundled("accreditations.csv"));
        final String text = bundled("study.yaml");
        assertTrue(text.contains(from), from);
        return Files.writeString(dir.resolve("bad.yaml"), text.replace(from, to));
    }

    private static int lineOf(final Path file, final String text) throws Exception
    {
        final String[] lines = Files.readString(file).split("\n", -1);
        for (int i = 0; i < lines.length; i++)
        {
            if (lines[i].contains(text))
            {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    private static Butb.Run sim(final Path scenario, final String... more)
    {
        final String[] args = new String[3 + more.length];
        args[0] = "sim";
        args[1] = "--scenario";
        args[2] = scenario.toString();
        System.arraycopy(more, 0, args, 3, more.length);
        return Butb.run(args);
    }

    private void expectError(final Path scenario, final String message)
    {
        final Butb.Run run = sim(scenario, "--out", dir.resolve("out").toString());
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains(message), run.err() + "\nexpected: " + message);
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void shouldNameTheFilesAScenarioNamesTheWayTheScenarioWasNamed()
    {
        final ScenarioSource scenario = ScenarioSource.file(Path.of("my-scenario", "study.yaml"));

        final var flows = scenario.resolve("flows.csv");

        assertEquals(Path.of("my-scenario", "flows.csv").toString(), flows.name());
        assertEquals(Path.of("my-scenario", "flows.csv").toAbsolutePath().normalize(), flows.path());
        assertEquals("flows.csv", ScenarioSource.file(Path.of("study.yaml")).resolve("flows.csv").name());
    }

    @Test
    void theBundledScenarioRunsFromAFileToo() throws Exception
    {
        final Path file = scenario("seed: 20240917", "seed: 20240917");
        final Butb.Run run = sim(file, "--out", dir.resolve("out").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("mn-sugar-4m"), run.out());
        assertTrue(Files.exists(dir.resolve("out/report.html")));
    }

    @Test
    void aWrongTypeNamesTheLineAndTheField() throws Exception
    {
        final Path file = scenario("seed: 20240917", "seed: soon");
        expectError(file, "bad.yaml:" + lineOf(file, "seed: soon") + " field 'seed': 'soon' is not a whole number");
    }

    @Test
    void anUnknownFieldIsRefused() throws Exception
    {
        final Path file = scenario("  lot_minutes: 60", "  lot_minute: 60");
        expectError(file, "bad.yaml:" + lineOf(file, "lot_minute: 60") + " field 'arrival.lot_minute': unknown field");
    }

    @Test
    void aMixMustAddUpToOne() throws Exception
    {
        final Path file = scenario("mix: {SMP: 0.25, MEAT: 0.35, STEEL: 0.40}",
            "mix: {SMP: 0.25, MEAT: 0.35, STEEL: 0.30}");
        expectError(file, "bad.yaml:" + lineOf(file, "STEEL: 0.30") + " field 'flows.plan.cn-turnover-7m.mix': " +
            "the shares add up to 0.9, not 1");
    }

    @Test
    void anUnknownInstrumentOfASellerIsNamed() throws Exception
    {
        final Path file = scenario("sells: [AMINO]", "sells: [AMINOS]");
        expectError(file, "bad.yaml:" + lineOf(file, "AMINOS") + " field 'sellers[15].sells': unknown instrument " +
            "'AMINOS'");
    }

    @Test
    void aBadAddedInstrumentIsReportedInTheScenario() throws Exception
    {
        final Path file = scenario("reference_price: \"4500.00\"", "reference_price: \"4500.005\"");
        final Butb.Run run = sim(file, "--out", dir.resolve("out").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("bad.yaml:" + lineOf(file, "symbol: MEAT") + " field 'instruments.add[1]" +
            ".reference_price'"), run.err());
    }

    @Test
    void yamlSyntaxErrorsHaveALine() throws Exception
    {
        final Path file = scenario("  guarantee_pct: 10", "  guarantee_pct: [10");
        final Butb.Run run = sim(file);
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("bad.yaml:") && run.err().contains("not valid YAML"), run.err());
    }

    @Test
    void aKeyGivenTwiceIsRefusedNamingBothLines() throws Exception
    {
        final Path file = scenario("seed: 20240917", "seed: 20240917\nseed: 7");
        expectError(file, "bad.yaml:" + (lineOf(file, "seed: 7")) + " field 'seed': given twice (also on line " +
            lineOf(file, "seed: 20240917") + "): which one was meant?");
    }

    @Test
    void aBinaryScenarioFileIsRefusedAsNotText() throws Exception
    {
        final Path file = Files.write(dir.resolve("bad.yaml"), new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte)0xff,
            (byte)0xfe, '\n'});
        expectError(file, "bad.yaml: not valid YAML: not a UTF-8 text file");
    }

    @Test
    void aFlowThatWouldTakeMoreDealsThanTheMostIsRefusedNamingItsQuantity() throws Exception
    {
        final Path file = scenario("seed: 20240917", "seed: 20240917");
        Files.writeString(dir.resolve("flows.csv"), bundled("flows.csv").replace("kr-timber-h1,KR,sawn_softwood,6000,",
            "kr-timber-h1,KR,sawn_softwood,600000000000000,"));
        expectError(file, "flows.csv:" + lineOf(dir.resolve("flows.csv"), "kr-timber-h1") + " field 'quantity': " +
            "TIMBER_SW would take more than 1000000 deals (of 300 to 900 m3, the deal sizes): at most 1000000 a flow");
    }

    @Test
    void aBadRowOfTheFlowsFileNamesItsLineAndColumn() throws Exception
    {
        final Path file = scenario("seed: 20240917", "seed: 20240917");
        Files.writeString(dir.resolve("flows.csv"), bundled("flows.csv").replace(",4000,t,", ",four thousand,t,"));
        expectError(file, "flows.csv:8 field 'quantity': 'four thousand' is not a number");
    }

    @Test
    void aFlowWithoutAPlanIsNamed() throws Exception
    {
        final Path file = scenario("    tr-sugar-trial:\n", "    tr-sugar-triall:\n");
        expectError(file, "flows.csv:14 field 'id': the scenario has no plan for flow 'tr-sugar-trial'");
    }

    @Test
    void aPlanWithoutAFlowIsNamed() throws Exception
    {
        final Path file = scenario("    ae-amino-2025:\n", "    no-such-flow:\n      instrument: SUGAR\n" +
            "    ae-amino-2025:\n");
        expectError(file, "bad.yaml:" + lineOf(file, "no-such-flow") + " field 'flows.plan.no-such-flow': " +
            "no flow 'no-such-flow' in flows.csv");
    }

    @Test
    void aPriceOutsideTheBandIsRefusedBeforeTrading() throws Exception
    {
        final Path file = scenario("prices: {TIMBER_SW: \"150.00\"}", "prices: {TIMBER_SW: \"120.00\"}");
        expectError(file, "bad.yaml:" + lineOf(file, "    cn-timber-9m:") + " field 'flows.plan.cn-timber-9m': " +
            "the average price USD 120.00 of TIMBER_SW is outside its price band 144.00..216.00");
    }

    @Test
    void theUnitOfAFlowMustBeTheInstruments() throws Exception
    {
        final Path file = scenario("    tr-sugar-trial:\n      instrument: SUGAR",
            "    tr-sugar-trial:\n      instrument: TIMBER_SW");
        expectError(file, "field 'flows.plan.tr-sugar-trial': the flow is in t");
    }

    @Test
    void aFlowOutsideToleranceExitsWithThreeAndStillWritesTheFiles() throws Exception
    {
        final Path file = scenario("replay_value: \"2400000\"", "replay_value: \"2300000\"");
        final Butb.Run run = sim(file, "--out", dir.resolve("out").toString());
        assertEquals(3, run.exitCode(), run.err());
        assertTrue(run.err().contains("1 flow(s) outside tolerance"), run.err());
        assertTrue(run.out().contains("FAIL"), run.out());
        assertTrue(Butb.csv(dir.resolve("out/summary.csv")).stream()
            .anyMatch(r -> r.get("flow").equals("mn-sugar-4m") && r.get("check").equals("FAIL")));
    }

    @Test
    void aMissingScenarioFileIsAnError()
    {
        final Butb.Run run = sim(dir.resolve("nothing.yaml"));
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("nothing.yaml") && run.err().contains("file not found"), run.err());
    }

    @Test
    void optionsAreChecked()
    {
        assertEquals(2, Butb.run("sim").exitCode());
        assertEquals(2, Butb.run("study", "--scale", "0").exitCode());
        assertEquals(2, Butb.run("study", "--scale", "many").exitCode());
        assertEquals(2, Butb.run("study", "--seed", "x").exitCode());
        assertFalse(Butb.run("study", "--help").out().isEmpty());
    }

    @Test
    void theSeedAndScaleOfTheFileAreUsedAndOptionsOverrideThem() throws Exception
    {
        final Scenario s = Scenario.load(ScenarioSource.file(scenario("scale: 1", "scale: 2")));
        assertEquals(2, s.scale());
        assertEquals(20240917L, s.seed());
        final Scenario t = s.with(5L, 4);
        assertEquals(4, t.scale());
        assertEquals(5L, t.seed());
        assertEquals(2, s.with(null, null).scale());
    }

    @Test
    void anUnknownMeasureOfAFigureNamesItsLine() throws Exception
    {
        final Path file = scenario("    measure: first_trade", "    measure: first_deal");
        expectError(file, "bad.yaml:" + lineOf(file, "measure: first_deal") + " field 'figures[0].measure': " +
            "'first_deal' is not one of share_pct, trades, buyers, first_trade");
    }

    @Test
    void aFigureOnAnUnknownInstrumentIsRefused() throws Exception
    {
        final Path file = scenario("    instrument: AMINO\n", "    instrument: AMINOS\n");
        expectError(file, "field 'figures.ae-timber-until-amino': unknown instrument 'AMINOS'");
    }

    @Test
    void anImportMustBeInTheFlowsMix() throws Exception
    {
        final Path file = scenario("imports: [STEEL]", "imports: [MEATS]");
        expectError(file, "bad.yaml:" + lineOf(file, "imports: [MEATS]") +
            " field 'flows.plan.cn-turnover-7m.imports': 'MEATS' is not in the flow's instrument or mix");
    }
}
