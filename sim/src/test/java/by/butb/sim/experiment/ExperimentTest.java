package by.butb.sim.experiment;

import by.butb.sim.Butb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code butb experiment}: the fee's effect, parallel runs, plan and merge, bad parameters. */
class ExperimentTest
{
    @TempDir
    Path dir;

    private static List<Double> volumes(final Path metrics, final String fee) throws IOException
    {
        final List<String> lines = Files.readAllLines(metrics);
        final List<Double> v = new ArrayList<>();
        for (final ExperimentCsv.Row r : ExperimentCsv.parse(lines.subList(1, lines.size()), 1))
        {
            if (r.values().get(0).equals(fee) && r.day().equals("all") && r.metric().equals("volume"))
            {
                v.add(r.value());
            }
        }
        return v;
    }

    @Test
    void aHigherFeeLowersTradedVolumeBeyondTheSeedsConfidenceIntervals() throws IOException
    {
        final Butb.Run run = Butb.run("experiment", "../examples/agents/fee-experiment.yaml", "--out",
            dir.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        final Stats low = Stats.of(volumes(dir.resolve(ExperimentFiles.METRICS_FILE), "0.1"));
        final Stats high = Stats.of(volumes(dir.resolve(ExperimentFiles.METRICS_FILE), "5"));
        System.out.printf("SUGAR volume over 20 seeds: fee 0.1 %% %.1f [%.1f, %.1f], fee 5 %% %.1f [%.1f, %.1f]%n",
            low.mean(), low.low(), low.high(), high.mean(), high.low(), high.high());
        assertEquals(20, low.n());
        assertTrue(high.high() < low.low(), "fee 5 %: " + high + ", fee 0.1 %: " + low);
        assertTrue(Files.readString(dir.resolve(ExperimentFiles.REPORT_FILE)).contains("<svg"));
    }

    private Path smallExperiment() throws IOException
    {
        Files.copy(Path.of("../examples/agents/zic.yaml"), dir.resolve("zic.yaml"));
        return Butb.write(dir.resolve("small.yaml"), "name: small\nbase: zic.yaml\nseeds: [3, 4]\nvary:\n" +
            "  fee_pct: [0.1, 1]\n  count.zic-buy: [5, 10]\n");
    }

    @Test
    void theOutputDoesNotDependOnTheNumberOfThreads() throws IOException
    {
        final Path file = smallExperiment();
        assertEquals(0, Butb.run("experiment", file.toString(), "--out", dir.resolve("one").toString(), "--threads",
            "1", "--quiet").exitCode());
        assertEquals(0, Butb.run("experiment", file.toString(), "--out", dir.resolve("two").toString(), "--threads",
            "2", "--quiet").exitCode());
        for (final String f : List.of(ExperimentFiles.METRICS_FILE, ExperimentFiles.REPORT_FILE))
        {
            assertArrayEquals(Files.readAllBytes(dir.resolve("one").resolve(f)),
                Files.readAllBytes(dir.resolve("two").resolve(f)), f);
        }
    }

    @Test
    void thePlansCommandsThenMergeWriteTheSameFilesAsOneRun() throws IOException
    {
        final Path file = smallExperiment();
        assertEquals(0, Butb.run("experiment", file.toString(), "--out", dir.resolve("whole").toString(),
            "--quiet").exitCode());
        final Path plan = dir.resolve("plan");
        assertEquals(0, Butb.run("experiment", file.toString(), "--plan-only", "--out", plan.toString()).exitCode());
        final List<String> lines = Files.readAllLines(plan.resolve(ExperimentFiles.PLAN_FILE));
        assertEquals(9, lines.size(), "a comment and 8 runs");
        for (final String line : lines.subList(1, lines.size()))
        {
            final List<String> words = Arrays.asList(line.split(" "));
            final Butb.Run run = Butb.run(words.subList(words.indexOf("experiment"), words.size())
                .toArray(String[]::new));
            assertEquals(0, run.exitCode(), line + ": " + run.err());
        }
        final Butb.Run merged = Butb.run("experiment", "merge", plan.toString());
        assertEquals(0, merged.exitCode(), merged.err());
        for (final String f : List.of(ExperimentFiles.METRICS_FILE, ExperimentFiles.REPORT_FILE))
        {
            assertArrayEquals(Files.readAllBytes(dir.resolve("whole").resolve(f)), Files.readAllBytes(plan.resolve(f)),
                f);
        }
    }

    @Test
    void mechanismMovesAnInstrumentBetweenLotAuctionsAndContinuousTrading() throws IOException
    {
        Files.copy(Path.of("../examples/agents/by-seller.yaml"), dir.resolve("by-seller.yaml"));
        final Path file = Butb.write(dir.resolve("mechanism.yaml"), "name: mechanism\nbase: by-seller.yaml\n" +
            "seeds: 1\nvary:\n  mechanism.TIMBER_SW: [lot_auction, continuous]\n");
        final List<Experiment.Run> runs = Experiment.load(file).runs();
        assertEquals(List.of("lot_auction"), runs.get(0).values());
        final String lots = by.butb.sim.agents.AgentRun.run(runs.get(0).scenario(), true).tradesCsv();
        final String book = by.butb.sim.agents.AgentRun.run(runs.get(1).scenario(), true).tradesCsv();
        assertTrue(lots.contains(",LOT_AUCTION,") && !lots.contains(",CONTINUOUS,"), lots);
        assertTrue(book.contains(",CONTINUOUS,") && !book.contains(",LOT_AUCTION,"), book);
    }

    @Test
    void mergeNamesAMissingRunFile() throws IOException
    {
        final Path file = smallExperiment();
        final Path plan = dir.resolve("plan");
        assertEquals(0, Butb.run("experiment", file.toString(), "--plan-only", "--out", plan.toString()).exitCode());
        final Butb.Run merged = Butb.run("experiment", "merge", plan.toString());
        assertEquals(1, merged.exitCode());
        assertTrue(merged.err().contains("run-00001.csv: missing: run 1 of 8"), merged.err());
    }

    @Test
    void aCallAuctionAsLongAsTheSessionNamesTheParameter() throws IOException
    {
        Butb.write(dir.resolve("short.yaml"), Files.readString(Path.of("../examples/agents/zic.yaml"))
            .replace("close: \"17:00\"", "close: \"10:00\""));
        final Path file = Butb.write(dir.resolve("call.yaml"), "name: call\nbase: short.yaml\nseeds: 1\nvary:\n" +
            "  call_auction_minutes: [0, 60]\n");
        final Butb.Run run = Butb.run("experiment", file.toString(), "--out", dir.resolve("x").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("call.yaml:5 field 'vary.call_auction_minutes': '60': the session runs from " +
            "09:00 to 10:00, and close must be more than call_auction_minutes after open"), run.err());
    }

    @Test
    void aBadValueNamesTheFileLineAndParameter() throws IOException
    {
        smallExperiment();
        final Path file = Butb.write(dir.resolve("bad.yaml"), "name: bad\nbase: zic.yaml\nvary:\n" +
            "  fee_pct: [0.1, 200]\n");
        final Butb.Run run = Butb.run("experiment", file.toString(), "--out", dir.resolve("x").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("bad.yaml:4 field 'vary.fee_pct': '200' must be a percentage from 0 to 100"),
            run.err());
        final Path group = Butb.write(dir.resolve("group.yaml"), "name: bad\nbase: zic.yaml\nvary:\n" +
            "  count.nobody: [1]\n");
        final Butb.Run unknown = Butb.run("experiment", group.toString(), "--out", dir.resolve("y").toString());
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().contains("group.yaml:4 field 'vary.count.nobody': name a group of agents of the " +
            "base scenario after the dot: one of zic-buy, zic-sell"), unknown.err());
    }

    @Test
    void aSweepOfMoreRunsThanTheMostIsRefusedBeforeAnyIsMade() throws IOException
    {
        smallExperiment();
        final String values = "[" + String.join(", ", java.util.stream.IntStream.rangeClosed(1, 100)
            .mapToObj(Integer::toString).toList()) + "]";
        final Path file = Butb.write(dir.resolve("huge.yaml"), "name: huge\nbase: zic.yaml\nseeds: 1000\nvary:\n" +
            "  fee_pct: " + values + "\n  guarantee_pct: " + values + "\n");
        final Butb.Run run = Butb.run("experiment", file.toString(), "--plan-only", "--out", dir.resolve("x")
            .toString());
        assertEquals(1, run.exitCode());
        assertEquals("butb experiment: error: " + file + ":4 field 'vary': more than 100000 runs (every combination " +
            "of the values times 1000 seed(s)): split the sweep into several experiments", run.err().strip());
        assertTrue(Files.notExists(dir.resolve("x")));
    }

    @Test
    void aSeedOrAValueGivenTwiceIsRefused() throws IOException
    {
        smallExperiment();
        final Path seeds = Butb.write(dir.resolve("seeds.yaml"), "name: s\nbase: zic.yaml\nseeds: [3, 4, 3]\n");
        final Butb.Run run = Butb.run("experiment", seeds.toString(), "--out", dir.resolve("x").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("seeds.yaml:3 field 'seeds[2]': seed 3 is given twice"), run.err());
        final Path values = Butb.write(dir.resolve("values.yaml"), "name: v\nbase: zic.yaml\nvary:\n" +
            "  fee_pct: [0.1, 1, 0.10]\n");
        final Butb.Run again = Butb.run("experiment", values.toString(), "--out", dir.resolve("x").toString());
        assertEquals(1, again.exitCode());
        assertTrue(again.err().contains("values.yaml:4 field 'vary.fee_pct': '0.10' is given twice"), again.err());
    }

    /** Plans the small experiment into DIR/plan and writes its 8 run files as its commands would, by hand. */
    private Path plannedAndRun() throws IOException
    {
        final Path file = smallExperiment();
        final Path plan = dir.resolve("plan");
        assertEquals(0, Butb.run("experiment", file.toString(), "--plan-only", "--out", plan.toString()).exitCode());
        for (final Experiment.Run r : Experiment.load(file).runs())
        {
            ExperimentFiles.writeRun(plan, r.number(), List.of("fee_pct", "count.zic-buy"), r.number() + "," +
                String.join(",", r.values()) + "," + r.seed() + ",all,SUGAR,market,volume," + r.number() + "\n");
        }
        return plan;
    }

    @Test
    void mergeRefusesADamagedRunFileNamingItsLineAndLeavesTheEarlierResultsAsTheyWere() throws IOException
    {
        final Path plan = plannedAndRun();
        assertEquals(0, Butb.run("experiment", "merge", plan.toString()).exitCode());
        final byte[] metrics = Files.readAllBytes(plan.resolve(ExperimentFiles.METRICS_FILE));
        final byte[] report = Files.readAllBytes(plan.resolve(ExperimentFiles.REPORT_FILE));
        final Path run2 = ExperimentFiles.runFile(plan, 2);
        final String whole = Files.readString(run2);
        Files.writeString(run2, whole.substring(0, whole.length() - 12)); // a job killed while writing
        final Butb.Run cut = Butb.run("experiment", "merge", plan.toString());
        assertEquals(1, cut.exitCode());
        assertEquals("butb experiment: error: " + run2 + ":2: 7 fields, but the header has 9 (a file cut short, or " +
            "written by another experiment?)", cut.err().strip());
        Files.writeString(run2, whole.replace(",volume,2", ",volume,abc"));
        final Butb.Run bad = Butb.run("experiment", "merge", plan.toString());
        assertEquals(1, bad.exitCode());
        assertEquals("butb experiment: error: " + run2 + ":2 field 'value': 'abc' is not a number",
            bad.err().strip());
        Files.writeString(run2, whole.substring(0, whole.indexOf('\n') + 1));
        final Butb.Run headerOnly = Butb.run("experiment", "merge", plan.toString());
        assertEquals(1, headerOnly.exitCode());
        assertEquals("butb experiment: error: " + run2 + ": no rows, only the header (did run 2 finish?)",
            headerOnly.err().strip());
        assertArrayEquals(metrics, Files.readAllBytes(plan.resolve(ExperimentFiles.METRICS_FILE)));
        assertArrayEquals(report, Files.readAllBytes(plan.resolve(ExperimentFiles.REPORT_FILE)));
        try (var files = Files.list(plan))
        {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void mergeRefusesARunFileOfAnotherRunOrOfAnotherPlan() throws IOException
    {
        final Path plan = plannedAndRun();
        Files.copy(ExperimentFiles.runFile(plan, 1), ExperimentFiles.runFile(plan, 2),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        final Butb.Run copied = Butb.run("experiment", "merge", plan.toString());
        assertEquals(1, copied.exitCode());
        assertEquals("butb experiment: error: " + ExperimentFiles.runFile(plan, 2) + ":2 field 'run': a row of run 1 " +
            "in the file of run 2 (a copy of another run's file?)", copied.err().strip());
        final String run3 = Files.readString(ExperimentFiles.runFile(plan, 3));
        Files.writeString(ExperimentFiles.runFile(plan, 2), run3.replace("\n3,", "\n2,"));
        final Butb.Run changed = Butb.run("experiment", "merge", plan.toString());
        assertEquals(1, changed.exitCode());
        assertTrue(changed.err().contains("run-00002.csv:2 field 'count.zic-buy': '10', but the plan has '5' for run " +
            "2: the experiment file changed after --plan-only; plan and run again"), changed.err());
        assertTrue(Files.notExists(plan.resolve(ExperimentFiles.METRICS_FILE)));
    }

    @Test
    void aPlanIntoADirectoryHoldingRunFilesIsRefused() throws IOException
    {
        final Path plan = plannedAndRun();
        final Butb.Run again = Butb.run("experiment", dir.resolve("small.yaml").toString(), "--plan-only", "--out",
            plan.toString());
        assertEquals(1, again.exitCode());
        assertEquals("butb experiment: error: " + plan.resolve("runs") + " holds the run files of an earlier plan: " +
            "merge them (butb experiment merge " + plan + ") and move them away, or plan into another --out",
            again.err().strip());
    }

    @Test
    void anOutThatIsAFileIsRefusedBeforeAnyRun() throws IOException
    {
        final Path file = smallExperiment();
        final Path notADirectory = Butb.write(dir.resolve("file.txt"), "x");
        final Butb.Run run = Butb.run("experiment", file.toString(), "--out", notADirectory.toString());
        assertEquals(1, run.exitCode());
        assertEquals("butb experiment: error: " + notADirectory + " exists and is not a directory (--out needs a " +
            "directory)", run.err().strip());
    }
}
