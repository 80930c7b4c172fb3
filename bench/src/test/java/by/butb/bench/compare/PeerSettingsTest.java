package by.butb.bench.compare;

import by.butb.harness.DriverOptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PeerSettingsTest
{
    @Test
    void shouldRunOneMatchingAndOneRiskEngineInGroupsOf256BelowEightProcessors()
    {
        assertEquals(new PeerSettings("YIELDING", "FULL_PER_CURRENCY", 1, 1, 256), parse(7));
        assertEquals(new PeerSettings("YIELDING", "FULL_PER_CURRENCY", 1, 1, 256), parse(2));
    }

    @Test
    void shouldRunExchangeCoresOwnThroughputSettingsFromEightProcessorsUp()
    {
        assertEquals(new PeerSettings("YIELDING", "FULL_PER_CURRENCY", 4, 2, 4096), parse(8));
        assertEquals(new PeerSettings("YIELDING", "FULL_PER_CURRENCY", 4, 2, 4096), parse(16));
    }

    @Test
    void shouldTakeTheEngineCountsAndGroupSizeGivenAndPassThemToThePeer()
    {
        final PeerSettings p = parse(16, "--peer-matching-engines", "2", "--peer-risk-engines", "1",
            "--peer-msgs-in-group", "512", "--peer-wait", "BUSY_SPIN");

        assertEquals(List.of("--wait", "BUSY_SPIN", "--risk", "FULL_PER_CURRENCY", "--matching-engines", "2",
            "--risk-engines", "1", "--msgs-in-group", "512"), p.args());
        assertEquals("wait BUSY_SPIN, risk FULL_PER_CURRENCY, 2 matching engines, 1 risk engine, msgsInGroupLimit 512",
            p.describe());
    }

    @Test
    void shouldRefuseAnEngineCountThatIsNotAPowerOfTwoAndAGroupOverAQuarterOfTheRing()
    {
        assertEquals("--peer-matching-engines must be a power of two from 1 to 64, got 3", assertThrows(
            IllegalArgumentException.class, () -> parse(2, "--peer-matching-engines", "3")).getMessage());
        assertEquals("--peer-risk-engines must be at least 1, got 0", assertThrows(
            IllegalArgumentException.class, () -> parse(2, "--peer-risk-engines", "0")).getMessage());
        assertEquals("--peer-msgs-in-group must be at most 4096 (a quarter of the peer's ring), got 8192",
            assertThrows(IllegalArgumentException.class, () -> parse(2, "--peer-msgs-in-group", "8192"))
                .getMessage());
    }

    private static PeerSettings parse(final int processors, final String... args)
    {
        final DriverOptions o = new DriverOptions(args);
        final PeerSettings p = PeerSettings.parse(o, processors);
        o.checkAllUsed();
        return p;
    }
}
