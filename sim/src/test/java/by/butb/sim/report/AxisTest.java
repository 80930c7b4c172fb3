package by.butb.sim.report;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The charts' ticks fall on round numbers and on month starts. */
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

    @Test
    void ticksAreTheMultiplesOfTheStepInTheRange()
    {
        assertEquals(List.of(140.0, 160.0, 180.0, 200.0, 220.0), Axis.ticks(140, 220, 20));
        assertEquals(List.of(0.0, 5.0, 10.0), Axis.ticks(0, 10, 5));
    }

    @Test
    void monthTicksAreTheFirstDaysOfTheMonths()
    {
        assertEquals(List.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 3, 1), LocalDate.of(2024, 5, 1)),
            Axis.months(LocalDate.of(2024, 1, 17), LocalDate.of(2024, 5, 3), 2));
    }
}
