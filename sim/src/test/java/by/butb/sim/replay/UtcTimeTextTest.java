package by.butb.sim.replay;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UtcTimeTextTest
{
    @Test
    void writesWhatInstantToStringWrites()
    {
        final long seed = 20_261_204L;
        final SplittableRandom random = new SplittableRandom(seed);
        final UtcTimeText text = new UtcTimeText();
        final StringBuilder b = new StringBuilder();
        long nanos = 1_709_283_600_000_000_000L;
        for (int n = 0; n < 200_000; n++)
        {
            switch (random.nextInt(6))
            {
                case 0 -> nanos += random.nextLong(1_000_000_000L);
                case 1 -> nanos += random.nextLong(1_000) * 1_000_000L;
                case 2 -> nanos += random.nextLong(1_000) * 1_000L;
                case 3 -> nanos = random.nextLong(1_000) * 1_000_000_000L;
                case 4 -> nanos = random.nextLong();
                default ->
                {
                    // the same second again
                }
            }
            b.setLength(0);
            text.appendTo(b, nanos);
            final Instant instant = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                Math.floorMod(nanos, 1_000_000_000L));
            assertEquals(instant.toString(), b.toString(), "seed " + seed + ": " + nanos);
        }
    }
}
