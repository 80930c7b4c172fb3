package by.butb.sim.agents;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The competitive equilibrium of a day's schedules: units, clearing range, most surplus. */
class EquilibriumTest
{
    @Test
    void crossingSchedulesClearBetweenTheLastUnitTradedAndTheFirstLeftOut()
    {
        final Equilibrium eq = Equilibrium.of(new long[] {700, 650, 600, 550}, new long[] {550, 600, 650, 700});
        assertEquals(new Equilibrium(2, 600, 650, 150 + 50), eq);
        assertEquals(625.0, eq.price());
    }

    @Test
    void schedulesThatDoNotCrossClearFromTheHighestValueUpToTheLowestCost()
    {
        final Equilibrium eq = Equilibrium.of(new long[] {520, 510}, new long[] {700, 710});
        assertEquals(new Equilibrium(0, 520, 700, 0), eq);
        assertEquals(610.0, eq.price());
    }

    @Test
    void aMissingScheduleHasNoEquilibrium()
    {
        assertEquals(Equilibrium.NONE, Equilibrium.of(new long[] {700}, new long[0]));
        assertFalse(Equilibrium.NONE.defined());
    }
}
