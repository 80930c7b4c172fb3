package by.butb.sim.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The price charts' bounds fall on round numbers. */
class AxisTest
{
    @Test
    void stepsAreOneTwoOrFiveTimesAPowerOfTen()
    {
        assertEquals(20, Axis.niceStep(216 - 144, 5), 1e-9);
        assertEquals(500, Axis.niceStep(2_000, 5), 1e-9);
        assertEquals(10_000_000, Axis.niceStep(17_500_000, 2), 1e-9);
        assertEquals(0.5, Axis.niceStep(2.2, 5), 1e-9);
    }
}
