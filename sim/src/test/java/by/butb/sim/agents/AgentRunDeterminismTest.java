package by.butb.sim.agents;

import by.butb.sim.study.ScenarioSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The same scenario and seed give byte-identical files; another seed gives another market. */
class AgentRunDeterminismTest
{
    private static final List<String> FILES = List.of(AgentOutput.METRICS_FILE, AgentOutput.TRADES_FILE,
        AgentOutput.REPORT_FILE, "instruments.csv", "participants.csv");

    @TempDir
    Path dir;

    @Test
    void sameScenarioAndSeedWriteByteIdenticalFiles() throws IOException
    {
        final AgentScenario s =
            AgentScenarioLoader.load(ScenarioSource.file(Path.of("../examples/agents/study-market.yaml")));
        final AgentRun.Result first = AgentRun.run(s, true);
        final AgentRun.Result second = AgentRun.run(s, true);
        AgentOutput.write(s, first, dir.resolve("a"));
        AgentOutput.write(s, second, dir.resolve("b"));
        for (final String f : FILES)
        {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)),
                Files.readAllBytes(dir.resolve("b").resolve(f)), f);
        }
        assertEquals(first.stateHash(), second.stateHash());
    }

    @Test
    void anotherSeedGivesOtherTrades()
    {
        final AgentScenario s = AgentScenarioLoader.load(ScenarioSource.file(Path.of("../examples/agents/zic.yaml")));
        assertFalse(AgentRun.run(s, true).tradesCsv().equals(AgentRun.run(s.withSeed(2), true).tradesCsv()));
    }
}
