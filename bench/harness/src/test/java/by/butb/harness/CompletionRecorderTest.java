package by.butb.harness;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompletionRecorderTest
{
    @Test
    void shouldMeasureFromTheIntendedSendTimeNotFromTheCompletionCall()
    {
        final CompletionRecorder r = new CompletionRecorder();
        final Histogram h = CompletionRecorder.newHistogram();
        r.record(h);
        // Meant to be sent 5 ms ago: a stall delayed it; the 5 ms count (coordinated-omission correction).
        r.complete(System.nanoTime() - 5_000_000);
        r.record(null);
        r.complete(System.nanoTime() - 9_000_000_000L);
        assertEquals(1, h.getTotalCount());
        assertTrue(h.getMaxValue() >= 5_000_000, "max " + h.getMaxValue());
        assertEquals(2, r.completed());
    }

    @Test
    void shouldTimeOutNamingHowFarTheEngineGot()
    {
        final CompletionRecorder r = new CompletionRecorder();
        r.complete(0);
        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> r.awaitCompleted(3, 1_000_000));
        assertTrue(ex.getMessage().contains("1 of 3"), ex.getMessage());
    }

    @Test
    void shouldRoundTripAHistogramThroughItsTextEncoding()
    {
        final Histogram h = CompletionRecorder.newHistogram();
        h.recordValue(1_500);
        h.recordValue(70_000);
        final Histogram back = Driver.decode(Driver.encode(h));
        assertEquals(2, back.getTotalCount());
        assertEquals(h.getMaxValue(), back.getMaxValue());
    }
}
