package by.butb.sim.experiment;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The mean and Student's t confidence interval over seeds (docs/experiments.md: mean +- t(0.975, n-1) s / sqrt(n)). */
class StatsTest
{
    @Test
    void tQuantilesMatchStudentsDistributionBeyondTheTable()
    {
        // t(0.975, df), exact to 4 decimals.
        final int[] df = {30, 31, 40, 59, 60, 61, 120, 121, 1000};
        final double[] exact = {2.0423, 2.0395, 2.0211, 2.0010, 2.0003, 1.9996, 1.9799, 1.9798, 1.9623};
        for (int i = 0; i < df.length; i++)
        {
            assertEquals(exact[i], Stats.t(df[i]), 0.0005, "df " + df[i]);
        }
    }

    @Test
    void halfWidthIsTTimesTheStandardError()
    {
        final Stats s = Stats.of(List.of(1.0, 2.0, 3.0, 4.0));
        assertEquals(2.5, s.mean(), 1e-12);
        assertEquals(3.182 * Math.sqrt(5.0 / 3) / 2, s.halfWidth(), 1e-12);
        assertEquals(0, Stats.of(List.of(7.0)).halfWidth());
    }
}
