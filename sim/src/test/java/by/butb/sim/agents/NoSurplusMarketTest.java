package by.butb.sim.agents;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A market whose schedules do not cross (every value below every cost) allows no surplus: allocative efficiency is
 * undefined there and is not reported, even when unconstrained traders trade at a loss; the clearing range runs
 * from the highest value up to the lowest cost.
 */
class NoSurplusMarketTest
{
    @TempDir
    Path dir;

    @Test
    void efficiencyIsLeftOutAndTheClearingRangeIsInOrder()
    {
        final String yaml = "name: no-surplus\nseed: 1\nrules: {fee_pct: 0}\n" +
            "markets:\n  SUGAR:\n    unit: 10\n    demand: [[520, 5]]\n    supply: [[700, 5]]\n" +
            "agents:\n" +
            "  - {name: b, type: ziu, side: buy, instrument: SUGAR, count: 5, wake_seconds: 300}\n" +
            "  - {name: s, type: ziu, side: sell, instrument: SUGAR, count: 5, wake_seconds: 300}\n";
        final AgentRun.Result r = AgentRun.run(Markets.load(dir, "no-surplus.yaml", yaml), false);
        assertTrue(AgentOutput.value(r.rows(), 0, "SUGAR", "trades") > 0, "the unconstrained traders trade");
        for (final int day : new int[] {0, 1})
        {
            assertTrue(Double.isNaN(AgentOutput.value(r.rows(), day, "SUGAR", "efficiency_pct")),
                "day " + day + ": efficiency_pct " + AgentOutput.value(r.rows(), day, "SUGAR", "efficiency_pct"));
        }
        assertEquals(520, AgentOutput.value(r.rows(), 0, "SUGAR", "ce_price_low"));
        assertEquals(700, AgentOutput.value(r.rows(), 0, "SUGAR", "ce_price_high"));
        assertEquals(0, AgentOutput.value(r.rows(), 0, "SUGAR", "ce_units"));
    }
}
