package by.butb.sim.study;

import by.butb.engine.csv.CsvReader;
import by.butb.engine.csv.CsvRow;
import by.butb.sim.Butb;
import by.butb.sim.replay.TableFormat;
import by.butb.sim.report.StudyReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
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
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

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
        StudyReport.writeTiming(result, 0, dir.resolve("study"));
    }

    @Test
    void withGzipTheRunWritesTheSameCsvCompressed() throws Exception
    {
        final Path gzip = dir.resolve("gzip");
        StudyRun.run(StudyPlan.of(Scenario.load(ScenarioSource.STUDY)), gzip, 0, null, StudyRun.Route.IN_PROCESS,
            TableFormat.CSV_GZIP);
        for (final String name : List.of(StudyRun.TRADES_FILE, StudyRun.EVENTS_FILE, StudyRun.FLOW_TRADES_FILE))
        {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gzip.resolve(name + ".gz"))))
            {
                assertArrayEquals(Files.readAllBytes(dir.resolve("study").resolve(name)), in.readAllBytes(), name);
            }
            assertFalse(Files.exists(gzip.resolve(name)), name);
        }
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
        assertTrue(html.contains("Assumptions"));
        assertFalse(Pattern.compile("<(script|link|img|iframe)[^>]*(src|href)\\s*=", Pattern.CASE_INSENSITIVE)
            .matcher(html).find(), "no script, stylesheet or image loaded from anywhere");
        assertFalse(Pattern.compile("@import|url\\(\\s*['\"]?https?:").matcher(html).find(), "no remote style");
        assertTrue(html.contains("Chart.js v4.4.1"), "Chart.js inlined");
        assertTrue(html.contains("chartjs-plugin-zoom v2.0.1"), "the zoom plugin inlined");
        assertTrue(html.contains("<canvas id=\"price-TIMBER_SW\">"), "a price chart");
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
        // Every file but the wall-clock ones (timing.txt, latency.hgrm), report.html included, byte for byte.
        final List<Path> files;
        try (var walk = Files.walk(dir.resolve("again")))
        {
            files = walk.filter(Files::isRegularFile).map(dir.resolve("again")::relativize).sorted().toList();
        }
        final List<String> names = files.stream().map(Path::toString).toList();
        for (final String expected : List.of("trades.csv", "events.csv", "trades-by-flow.csv", "summary.csv",
            "figures.csv", "report.html", "instruments.csv", "participants.csv", "timing.txt", "latency.hgrm",
            Path.of("scenario", "study.yaml").toString(), Path.of("scenario", "flows.csv").toString()))
        {
            assertTrue(names.contains(expected), expected + " in " + names);
        }
        for (final Path file : files)
        {
            if (file.toString().equals("timing.txt") || file.toString().equals("latency.hgrm"))
            {
                continue;
            }
            assertArrayEquals(Files.readAllBytes(dir.resolve("again").resolve(file)),
                Files.readAllBytes(dir.resolve("twice").resolve(file)), file.toString());
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("study/trades.csv")),
            Files.readAllBytes(dir.resolve("again/trades.csv")));

        final Butb.Run other = Butb.run("study", "--quiet", "--seed", "7", "--out", dir.resolve("seed7").toString());
        assertEquals(0, other.exitCode(), other.err());
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("again/trades.csv")),
            Files.readAllBytes(dir.resolve("seed7/trades.csv"))));
    }

    @Test
    void everyCsvOutputIsPlainCsvWithAHeaderAndNoComments() throws Exception
    {
        final Butb.Run run = Butb.run("study", "--quiet", "--out", dir.resolve("plain").toString());
        assertEquals(0, run.exitCode(), run.err());
        final List<Path> csvs;
        try (var walk = Files.walk(dir.resolve("plain")))
        {
            csvs = walk.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        assertTrue(csvs.size() >= 9, csvs.toString());
        for (final Path csv : csvs)
        {
            final List<String> lines = Files.readAllLines(csv);
            assertFalse(lines.get(0).startsWith("#"), csv + " starts with a comment");
            final int columns = fields(lines.get(0));
            for (int i = 1; i < lines.size(); i++)
            {
                assertFalse(lines.get(i).startsWith("#"), csv + ":" + (i + 1) + " is a comment");
                assertEquals(columns, fields(lines.get(i)), csv + ":" + (i + 1));
            }
        }
    }

    /** Number of fields of one CSV line (RFC 4180 quotes; the outputs have no line breaks inside fields). */
    private static int fields(final String line)
    {
        int n = 1;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++)
        {
            final char c = line.charAt(i);
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                n++;
            }
        }
        return n;
    }

    @Test
    void theReportPrintsTheAssumptions() throws Exception
    {
        final String html = Files.readString(dir.resolve("study/report.html"));
        assertTrue(html.contains("Session 07:00-13:00 UTC, weekdays only"), "session hours");
        assertTrue(html.contains("cn-timber-9m: 150 against 180 for the others"), "China's timber price");
        assertTrue(html.contains("<td class=\"l\">SMP</td><td class=\"l\">t</td><td>2500</td>"), "an assumed price");
        assertTrue(html.contains("<td>300-900</td>"), "timber lot sizes");
        assertTrue(html.contains("<td class=\"l\">sawn_softwood</td><td class=\"l\">TIMBER_SW</td>"),
            "commodity to instrument");
        assertTrue(html.contains("sold by the country to Belarus (reverse lot auctions): STEEL"), "China's imports");
        assertTrue(html.contains("Guarantee 10 %"), "market rules");
        assertFalse(html.contains("replayed in"), "no wall-clock figure");
    }

    @Test
    void theReportChartsMonthlyVolumesAgainstTheStudyAndExplainsTheSugarStep() throws Exception
    {
        final String html = Files.readString(dir.resolve("study/report.html"));
        assertFalse(html.contains("how it is replayed</th>"), "the replay's note is a row of its own, not a column");
        assertTrue(html.contains("Monthly volumes against the study's figures"));
        assertTrue(html.contains("cn-timber-9m: study 672,000 m3, replay 672,000 m3 OK"), "a flow over its months");
        assertTrue(Pattern.compile("\"monthly-AE\":\\{\"kind\":\"monthly\",\"country\":\"AE\",[^]]*\\],\"datasets\":" +
                "\\[(\\{\"label\":\"[A-Z_]+\",\"colour\":\"#[0-9a-f]{6}\",\"data\":\\[[^]]*\\]},)*" +
                "\\{\"label\":\"AMINO\",\"colour\":\"#[0-9a-f]{6}\",\"data\":\\[\\{\"x\":\"2024-07\",\"y\":[1-9]")
            .matcher(html).find(), "the UAE's amino acids from July, none before");
        assertTrue(html.contains("\"price-TIMBER_SW\":{\"kind\":\"price\"," +
            "\"title\":\"TIMBER_SW (USD/m3, daily VWAP)\",\"yMin\":140,\"yMax\":220,\"band\":[144,216]," +
            "\"xMin\":1704067200000,"), "round price bounds around the band (144..216 USD/m3), dates from the month " +
            "start 2024-01-01 (epoch ms)");
        assertTrue(html.contains("The step from 513 to 652 USD/t on 2024-04-01 is the arithmetic of the study's two " +
            "figures"), "the Mongolian sugar step explained");
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
