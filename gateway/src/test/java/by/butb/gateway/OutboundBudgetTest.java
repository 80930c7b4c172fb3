package by.butb.gateway;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link OutboundBudget}: which connection is dropped once all connections' backlogs together pass the bound. */
class OutboundBudgetTest
{
    @Test
    void pastTheBoundOnlyAConnectionHoldingAnEighthOfItIsDroppedAndWhatIsWrittenIsCountedOff()
    {
        final OutboundBudget budget = new OutboundBudget(8_000);
        assertFalse(budget.queued(5_000, 5_000), "within the bound");
        assertFalse(budget.queued(2_999, 2_999));
        assertFalse(budget.queued(2, 999), "past the bound, but less than an eighth of it");
        assertTrue(budget.queued(1, 5_001), "past the bound, and an eighth of it or more");
        budget.released(5_001);
        assertEquals(3_001, budget.total());
        assertFalse(budget.queued(1_000, 6_000), "within the bound again");
    }
}
