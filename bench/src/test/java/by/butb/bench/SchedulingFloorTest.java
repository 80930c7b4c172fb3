package by.butb.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchedulingFloorTest
{
    private static final long MILLISECOND = 1_000_000;

    @Test
    void shouldDelayEveryCommandDueDuringAGapByTheRestOfIt()
    {
        // One thread, 1 s, one 1 ms gap: at 1 M/s, 1,000 of the 1,000,000 commands fall in it and wait 1 ms down
        // to 1 us; the others wait nothing.
        final Histogram gaps = new Histogram(3_600_000_000_000L, 3);
        gaps.recordValue(MILLISECOND);
        final Histogram latency = new SchedulingFloor(new Histogram[] {gaps}, 1.0).latencyAt(1_000_000);

        assertEquals(1_000_000, latency.getTotalCount());
        assertEquals(999_000, latency.getCountAtValue(0), 2, "commands due outside the gap (histogram precision)");
        assertEquals(0, latency.getValueAtPercentile(99.9));
        assertEquals(MILLISECOND / 2, latency.getValueAtPercentile(99.95), MILLISECOND / 100);
        assertEquals(MILLISECOND, latency.getMaxValue(), MILLISECOND / 500);
    }

    @Test
    void shouldCountTheGapsOfEveryThreadAgainstItsOwnStream()
    {
        final Histogram a = new Histogram(3_600_000_000_000L, 3);
        final Histogram b = new Histogram(3_600_000_000_000L, 3);
        a.recordValueWithCount(100_000, 200);
        b.recordValueWithCount(100_000, 300);
        final SchedulingFloor floor = new SchedulingFloor(new Histogram[] {a, b}, 2.0);

        final Histogram latency = floor.latencyAt(100_000);

        assertEquals(2 * 200_000, latency.getTotalCount());
        assertEquals((200 + 300) * 10, latency.getCountBetweenValues(1, Long.MAX_VALUE), "10 commands per 100 us gap");
        assertEquals(0.01, floor.lostShare(0, 0), 1e-4, "200 x 100 us of 2 s");
        assertEquals(0, floor.lostShare(1, MILLISECOND));
    }

    @Test
    void shouldMeasureGapsOfSpinningThreadsAndReadBackWhatItWrote(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("floor.properties");
        SchedulingFloor.main(new String[] {"0.2", file.toString()});
        final SchedulingFloor floor = SchedulingFloor.read(file);

        assertEquals(2, floor.threads());
        assertEquals(0.2, floor.seconds());
        for (int t = 0; t < 2; t++)
        {
            assertTrue(floor.lostShare(t, 0) >= 0 && floor.lostShare(t, 0) < 1, "share of time lost " + t);
            assertTrue(floor.gaps(t).getTotalCount() == 0 ||
                floor.gaps(t).getMinValue() > SchedulingFloor.MIN_GAP_NANOS / 2, "only gaps over 1 us");
        }
        assertEquals(2 * 200_000, floor.latencyAt(1_000_000).getTotalCount());
    }
}
