package by.butb.sim.agents;

import by.butb.sim.Butb;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every bundled agent example runs through {@code butb sim}, trades, and writes its files. */
class AgentExamplesTest
{
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"zic", "ziu", "zip", "market-maker", "momentum", "noise", "by-seller", "foreign-buyer",
        "study-market"})
    void theExampleRunsAndTrades(final String name) throws IOException
    {
        final Butb.Run run = Butb.run("sim", "--scenario", "../examples/agents/" + name + ".yaml", "--out",
            dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        final long trades = Files.readAllLines(dir.resolve(AgentOutput.TRADES_FILE)).size() - 1;
        assertTrue(trades > 0, name + ": no trade");
        assertTrue(Files.readString(dir.resolve(AgentOutput.REPORT_FILE)).contains("<svg"), name + ": no chart");
    }
}
