package by.butb.sim.agents;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gode and Sunder (1993): in a double auction, budget-constrained zero-intelligence traders reach nearly full
 * allocative efficiency (97 to 99 % in their markets); unconstrained ones, free to trade at a loss, much less.
 * Here: the symmetric sugar market of {@link Markets#symmetric}, one trading day, no fee, seeds 1 to 50.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZeroIntelligenceTest
{
    private static final int SEEDS = 50;

    private double zic;
    private double ziu;

    @BeforeAll
    void runBothPopulations(@TempDir final Path dir)
    {
        zic = meanEfficiency(dir, "zic");
        ziu = meanEfficiency(dir, "ziu");
        System.out.printf("mean allocative efficiency over seeds 1..%d: ZI-C %.2f %%, ZI-U %.2f %%%n", SEEDS, zic,
            ziu);
    }

    @Test
    void constrainedTradersReachAtLeast95PercentEfficiencyOnAverage()
    {
        assertTrue(zic >= 95, "ZI-C mean efficiency " + zic + " % over seeds 1.." + SEEDS);
    }

    @Test
    void unconstrainedTradersReachClearlyLessThanConstrainedOnes()
    {
        assertTrue(ziu < zic - 20, "ZI-U " + ziu + " % against ZI-C " + zic + " % over seeds 1.." + SEEDS);
    }

    private static double meanEfficiency(final Path dir, final String type)
    {
        final AgentScenario base = Markets.load(dir, type + ".yaml", Markets.symmetric(type, 10, 1, 0));
        double sum = 0;
        for (int seed = 1; seed <= SEEDS; seed++)
        {
            final AgentRun.Result r = AgentRun.run(base.withSeed(seed), false);
            final double efficiency = AgentOutput.value(r.rows(), 1, "SUGAR", "efficiency_pct");
            assertTrue(!Double.isNaN(efficiency), type + " seed " + seed + ": no efficiency measured");
            sum += efficiency;
        }
        return sum / SEEDS;
    }
}
