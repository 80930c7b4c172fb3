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
}
