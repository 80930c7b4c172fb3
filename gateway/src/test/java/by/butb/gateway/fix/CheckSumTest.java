package by.butb.gateway.fix;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CheckSumTest
{
    /** Seeded: the check sum of random bytes (any value, long runs included) from any offset to any end. */
    @Test
    void sumsRandomBytesAsABytewiseSumDoes()
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        for (int n = 0; n < 2_000; n++)
        {
            final byte[] bytes = new byte[random.nextInt(4) == 0 ? random.nextInt(10_000) : random.nextInt(300)];
            random.nextBytes(bytes);
            if (random.nextBoolean())
            {
                java.util.Arrays.fill(bytes, (byte)-1); // every lane at its largest
            }
            final int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            final int to = from + random.nextInt(bytes.length - from + 1);
            int expected = 0;
            for (int i = from; i < to; i++)
            {
                expected += bytes[i] & 0xFF;
            }
            assertEquals(expected & 0xFF, CheckSum.of(bytes, from, to), "seed " + seed);
        }
    }
}
