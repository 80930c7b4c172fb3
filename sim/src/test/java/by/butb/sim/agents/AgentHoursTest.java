package by.butb.sim.agents;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A group's {@code hours} bound when its agents act: when every group trades from 12:00 to 13:00 only, every order
 * arrives then, and so does every trade (a resting order trades only when another arrives).
 */
class AgentHoursTest
{
    @TempDir
    Path dir;

    @Test
    void agentsWithTradingHoursTradeOnlyWithinThem()
    {
        final String yaml = Markets.symmetric("zic", 10, 2, 0).replace("type: zic,",
            "hours: [\"12:00\", \"13:00\"], type: zic,");
        final AgentScenario s = Markets.load(dir, "hours.yaml", yaml);
        assertTrue(s.groups().stream().allMatch(g -> g.hoursFrom() != null));
        final List<String> trades = AgentRun.run(s, true).tradesCsv().lines().skip(1).toList();
        assertFalse(trades.isEmpty());
        for (final String t : trades)
        {
            final String time = t.substring(11, 16);
            assertTrue(time.compareTo("12:00") >= 0 && time.compareTo("13:00") < 0, t);
        }
    }
}
