package by.butb.sim.agents;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cliff (1997): ZIP traders learn their margins, and transaction prices converge on the competitive equilibrium
 * over the trading days: Smith's alpha falls. Here: the flat-supply market of {@link Markets#flatSupply}, one unit
 * per trader as in Cliff's experiments, six days, seeds 1 to 20.
 */
class ZipConvergenceTest
{
    private static final int SEEDS = 20;
    private static final int DAYS = 6;

    @TempDir
    Path dir;

    @Test
    void meanSmithsAlphaOnTheLastDayIsBelowHalfOfDayOnes()
    {
        final AgentScenario base = Markets.load(dir, "zip.yaml", Markets.flatSupply("zip", 20, DAYS));
        double first = 0;
        double last = 0;
        for (int seed = 1; seed <= SEEDS; seed++)
        {
            final AgentRun.Result r = AgentRun.run(base.withSeed(seed), false);
            final double a1 = AgentOutput.value(r.rows(), 1, "SUGAR", "smith_alpha_pct");
            final double an = AgentOutput.value(r.rows(), DAYS, "SUGAR", "smith_alpha_pct");
            assertTrue(!Double.isNaN(a1) && !Double.isNaN(an), "seed " + seed + ": a day without trades");
            first += a1;
            last += an;
        }
        first /= SEEDS;
        last /= SEEDS;
        System.out.printf("ZIP mean Smith's alpha over seeds 1..%d: day 1 %.2f %%, day %d %.2f %%%n", SEEDS, first,
            DAYS, last);
        assertTrue(last < first / 2, "day " + DAYS + " alpha " + last + " % against day 1 " + first + " %");
    }
}
