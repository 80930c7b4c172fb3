package by.butb.sim.replay;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReplayStatsTest
{
    @Test
    void sumsPriceTimesQuantityExactlyBeyondALong()
    {
        final long seed = 20_261_205L;
        final SplittableRandom random = new SplittableRandom(seed);
        final ReplayStats stats = new ReplayStats(2);
        BigInteger expected = BigInteger.ZERO;
        for (int n = 0; n < 100_000; n++)
        {
            final long price = random.nextInt(4) == 0 ? random.nextLong(1L << 45) : random.nextLong(1_000_000);
            final long quantity = random.nextInt(4) == 0 ? random.nextLong(1L << 45) : random.nextLong(10_000);
            stats.addValue(1, price, quantity);
            expected = expected.add(BigInteger.valueOf(price).multiply(BigInteger.valueOf(quantity)));
            if (n % 997 == 0)
            {
                assertEquals(expected, stats.value(1), "seed " + seed + " after " + (n + 1) + " trades");
            }
        }
        assertEquals(expected, stats.value(1), "seed " + seed);
        stats.addValue(0, Long.MAX_VALUE, Long.MAX_VALUE);
        stats.addValue(0, Long.MAX_VALUE, Long.MAX_VALUE);
        assertEquals(BigInteger.valueOf(Long.MAX_VALUE).pow(2).shiftLeft(1), stats.value(0));
    }
}
