package by.butb.bench.compare;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetsTest
{
    private static final Targets.Goal JOURNAL = Targets.GOALS.get(1);

    @Test
    void shouldHoldTheJournaledPipelineToTwiceExchangeCoreAnd20And200MicrosecondsAndTheBareOneTo3And10And100()
    {
        assertEquals(new Targets.Goal("butb", 3, 10, 100), Targets.GOALS.get(0));
        assertEquals(new Targets.Goal("butb-journal", 2, 20, 200), JOURNAL);
    }

    @Test
    void shouldCountALatencyExactlyOnItsBoundAsMetAndOneTenthOfAMicrosecondAboveAsMissed()
    {
        assertTrue(Targets.latencyMet(20_000, 20));
        assertTrue(Targets.latencyMet(20_049, 20), "prints as 20.0 us");
        assertFalse(Targets.latencyMet(20_050, 20), "prints as 20.1 us");
    }

    @Test
    void shouldCountARatioExactlyOnItsTargetAsMetAndAMissingPeerAsMissed()
    {
        assertTrue(Targets.ratioMet(2.0, 2));
        assertFalse(Targets.ratioMet(1.99, 2));
        assertFalse(Targets.ratioMet(Double.NaN, 2));
    }

    @Test
    void shouldCountOnlyAnAllocationThatPrintsAsZeroAsMet()
    {
        assertTrue(Targets.allocationMet(0.099));
        assertFalse(Targets.allocationMet(0.1), "one 16-byte object per 160 commands");
        assertFalse(Targets.allocationMet(Double.NaN), "not counted is not met");
    }

    @Test
    void shouldMissBothLatencyTargetsOfASaturatedRateWhateverItsFigures()
    {
        final Histogram fast = histogramOf(5_000);

        assertEquals("butb-journal at 1M/s offered: p99 5.0 us (target <= 20): met, p99.99 5.0 us (target <= 200): " +
            "met", Targets.latencyLine(JOURNAL, fast, false));
        assertEquals("butb-journal at 1M/s offered: SATURATED (could not sustain the rate; figures until it " +
            "stopped): p99 5.0 us (target <= 20): MISSED, p99.99 5.0 us (target <= 200): MISSED",
            Targets.latencyLine(JOURNAL, fast, true));
    }

    @Test
    void shouldMissTheLatencyTargetsWhenTheirRateWasNotOffered()
    {
        assertEquals("butb-journal at 1M/s offered: not offered (--rates): MISSED",
            Targets.latencyLine(JOURNAL, null, false));
    }

    @Test
    void shouldJudgeP99AndP9999Separately()
    {
        final Histogram h = new Histogram(60_000_000_000L, 3);
        h.recordValueWithCount(10_000, 9_990);
        h.recordValueWithCount(300_000, 10);

        assertTrue(Targets.latencyLine(JOURNAL, h, false).endsWith("p99 10.0 us (target <= 20): met, p99.99 300.0 us " +
            "(target <= 200): MISSED"), Targets.latencyLine(JOURNAL, h, false));
    }

    @Test
    void shouldNameTheSourceOfExchangeCoresMedianInTheThroughputLine()
    {
        assertEquals("butb-journal / exchange-core throughput: 2.50 (medians; exchange-core 1,000,000/s from " +
            "--peer-throughput, an earlier run; target >= 2): met", Targets.throughputLine(JOURNAL, 2_500_000,
            1_000_000, "from --peer-throughput, an earlier run"));
    }

    private static Histogram histogramOf(final long nanos)
    {
        final Histogram h = new Histogram(60_000_000_000L, 3);
        h.recordValueWithCount(nanos, 1000);
        return h;
    }
}
