package by.butb.sim.replay;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
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
        final byte[] b = new byte[UtcTimeText.MAX_LENGTH + 5];
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
            final int end = text.writeTo(b, 5, nanos);
            final Instant instant = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                Math.floorMod(nanos, 1_000_000_000L));
            assertEquals(instant.toString(), new String(b, 5, end - 5, StandardCharsets.US_ASCII),
                "seed " + seed + ": " + nanos);
        }
    }
}
