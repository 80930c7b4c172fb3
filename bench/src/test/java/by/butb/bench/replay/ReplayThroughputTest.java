package by.butb.bench.replay;

import by.butb.engine.core.MarketRules;
import by.butb.sim.replay.Replay;
import by.butb.sim.replay.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayThroughputTest
{
    @TempDir
    Path dir;

    @Test
    void theOrderFileIsTheSameForTheSeedAndReplaysWithTradesCancelsAndRejects() throws Exception
    {
        final Path a = dir.resolve("a.csv");
        final Path b = dir.resolve("b.csv");
        ReplayThroughput.write(a, 20_000, ReplayThroughput.catalog());
        ReplayThroughput.write(b, 20_000, ReplayThroughput.catalog());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        final List<String> lines = Files.readAllLines(a);
        assertEquals(20_001, lines.size());
        assertTrue(lines.stream().anyMatch(l -> l.contains(",CANCEL,")) &&
            lines.stream().anyMatch(l -> l.contains(",IOC,")), "cancels and IOC orders");

        final Replay.Result result = Replay.run(new Replay.Options(Source.file(a), Source.DEFAULT_INSTRUMENTS,
            Source.DEFAULT_PARTICIPANTS, null, dir.resolve("out"), null, MarketRules.DEFAULT), line -> { });
        assertEquals(20_000, result.commands());
        assertTrue(result.trades() > 1_000, result.trades() + " trades");
        assertTrue(result.rejects() < result.commands() / 2, result.rejects() + " rejects");
    }
}
