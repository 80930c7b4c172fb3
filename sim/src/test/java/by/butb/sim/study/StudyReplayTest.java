package by.butb.sim.study;

import by.butb.engine.csv.CsvReader;
import by.butb.engine.csv.CsvRow;
import by.butb.sim.Butb;
import by.butb.sim.report.StudyReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled study replay reproduces every figure of the study's flows.csv, from the engine's trades. */
class StudyReplayTest
{
    @TempDir
    static Path dir;

    private static StudyRun.Result result;

    @BeforeAll
    static void replayTheStudy() throws Exception
    {
        result = StudyRun.run(StudyPlan.of(Scenario.load(ScenarioSource.STUDY)), dir.resolve("study"), 0, null);
        StudyReport.write(result, dir.resolve("study"));
    }

    /** flows.csv as the study gives it (the bundled copy of shared/study/flows.csv). */
    private static List<CsvRow> studyFlows() throws Exception
    {
        final List<CsvRow> rows = new ArrayList<>();
        try (Reader r = new InputStreamReader(StudyReplayTest.class.getClassLoader()
            .getResourceAsStream("scenarios/study/flows.csv"), StandardCharsets.UTF_8))
        {
            CsvReader.read("flows.csv", r, List.of("id"), rows::add);
        }
        return rows;
    }

    private static BigDecimal pct(final BigDecimal target, final BigDecimal achieved)
    {
        return achieved.subtract(target).abs().multiply(BigDecimal.valueOf(100))
            .divide(target, 4, RoundingMode.HALF_UP);
    }

    @Test
    void everyFlowOfTheStudyIsReproducedFromTheTrades() throws Exception
    {
        final Map<String, StudyRun.Achieved> byId = new HashMap<>();
        for (final StudyRun.Achieved a : result.flows())
        {
            byId.put(a.target().flow().id(), a);
        }
        final List<CsvRow> flows = studyFlows();
        assertEquals(14, flows.size());
        for (final CsvRow row : flows)
        {
            final StudyRun.Achieved a = byId.get(row.get("id"));
            assertNotNull(a, row.get("id"));
            assertTrue(a.trades() > 0, row.get("id") + " has trades");
            if (!row.get("quantity").isEmpty())
            {
                final BigDecimal diff = pct(new BigDecimal(row.get("quantity")), a.quantity());
                assertTrue(diff.compareTo(BigDecimal.ONE) <= 0, row.get("id") + " quantity " + a.quantity() +
                    " vs " + row.get("quantity") + ": " + diff + " %");
            }
            if (!row.get("value_usd").isEmpty())
            {
                final BigDecimal diff = pct(new BigDecimal(row.get("value_usd")), a.value());
                assertTrue(diff.compareTo(BigDecimal.valueOf(5)) <= 0, row.get("id") + " value " + a.value() +
                    " vs " + row.get("value_usd") + ": " + diff + " %");
            }
            assertTrue(StudyReport.ok(a), row.get("id"));
        }
        // The headline figure: sugar to Mongolia, ~4,000 t for ~USD 2.5 million.
        final StudyRun.Achieved sugar = byId.get("mn-sugar-4m");
        assertTrue(sugar.quantity().compareTo(new BigDecimal("3960")) >= 0 &&
            sugar.quantity().compareTo(new BigDecimal("4040")) <= 0, sugar.quantity().toString());
        assertEquals(0, result.rejects(), "the agents' orders pass the engine's checks");
    }

    @Test
    void theFiguresComeFromTradesCsv() throws Exception
    {
        // Sum trades.csv by buyer country and instrument: the Mongolian sugar of Jan-Apr 2024 is the flow's figure.
        BigDecimal quantity = BigDecimal.ZERO;
        BigDecimal value = BigDecimal.ZERO;
        final Map<String, String> countryOf = new HashMap<>();
        for (final CsvRow p : Butb.csv(writeParticipants()))
        {
            countryOf.put(p.get("id"), p.get("country"));
        }
        for (final CsvRow t : Butb.csv(dir.resolve("study/trades.csv")))
        {
            if (t.get("instrument").equals("SUGAR") && "MN".equals(countryOf.get(t.get("buyer"))) &&
                t.get("time").compareTo("2024-05") < 0)
            {
                final BigDecimal q = new BigDecimal(t.get("quantity"));
                quantity = quantity.add(q);
                value = value.add(q.multiply(new BigDecimal(t.get("price"))));
            }
        }
        final StudyRun.Achieved sugar = result.flows().stream()
            .filter(a -> a.target().flow().id().equals("mn-sugar-4m")).findFirst().orElseThrow();
        assertEquals(0, quantity.compareTo(sugar.quantity()));
        assertEquals(0, value.setScale(2, RoundingMode.DOWN).compareTo(sugar.value().setScale(2, RoundingMode.DOWN)));
    }

    private static Path writeParticipants() throws Exception
    {
        final StudyPlan plan = StudyPlan.of(Scenario.load(ScenarioSource.STUDY));
        return Files.writeString(dir.resolve("participants.csv"), plan.participantsCsv());
    }

    @Test
    void everyMechanismOfTheStudyTrades()
    {
        final long[] kinds = result.tradesByKind();
        assertTrue(kinds[0] > 0, "continuous");
        assertTrue(kinds[2] > 1000, "timber lot auctions");
        assertEquals(1, kinds[3], "the Vietnamese address deal");
    }

    @Test
    void theReportIsSelfContained() throws Exception
    {
        final String html = Files.readString(dir.resolve("study/report.html"));
        assertTrue(html.contains("<svg"));
        assertTrue(html.contains("Assumptions"));
        assertFalse(html.contains("http://") && html.replace("http://www.w3.org/2000/svg", "").contains("http://"),
            "no link out but the SVG namespace");
        assertFalse(html.contains("https://"));
        assertFalse(html.contains("<script"));
        assertTrue(Files.readString(dir.resolve("study/latency.hgrm")).contains("Percentile"));
        final List<CsvRow> summary = Butb.csv(dir.resolve("study/summary.csv"));
        assertEquals(14, summary.size());
        assertTrue(summary.stream().allMatch(r -> r.get("check").equals("OK")));
    }

    @Test
    void sameSeedSameTradesAnotherSeedOtherTrades() throws Exception
    {
        final Butb.Run again = Butb.run("study", "--quiet", "--out", dir.resolve("again").toString());
        assertEquals(0, again.exitCode(), again.err());
        final Butb.Run twice = Butb.run("study", "--quiet", "--out", dir.resolve("twice").toString());
        assertEquals(0, twice.exitCode(), twice.err());
        assertArrayEquals(Files.readAllBytes(dir.resolve("again/trades.csv")),
            Files.readAllBytes(dir.resolve("twice/trades.csv")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("again/events.csv")),
            Files.readAllBytes(dir.resolve("twice/events.csv")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("study/trades.csv")),
            Files.readAllBytes(dir.resolve("again/trades.csv")));

        final Butb.Run other = Butb.run("study", "--quiet", "--seed", "7", "--out", dir.resolve("seed7").toString());
        assertEquals(0, other.exitCode(), other.err());
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("again/trades.csv")),
            Files.readAllBytes(dir.resolve("seed7/trades.csv"))));
    }

    @Test
    void scaleMultipliesTheVolumesAndStillMeetsTheFigures() throws Exception
    {
        final Butb.Run run = Butb.run("study", "--scale", "3", "--out", dir.resolve("scale3").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("scale 3"), run.out());
        final List<CsvRow> summary = Butb.csv(dir.resolve("scale3/summary.csv"));
        for (final CsvRow r : summary)
        {
            assertEquals("OK", r.get("check"), r.get("flow"));
            if (r.get("flow").equals("cn-timber-9m"))
            {
                assertEquals(0, new BigDecimal(r.get("target_quantity")).compareTo(new BigDecimal("2016000")));
                assertEquals(0, new BigDecimal(r.get("achieved_quantity")).compareTo(new BigDecimal("2016000")));
            }
        }
    }
}
