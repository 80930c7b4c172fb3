package by.butb.engine.model;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InvariantDivisorTest
{
    private static final long SEED = 20_261_127L;

    @Test
    void shouldDivideLikeTheHardwareForEdgeDividendsAndDivisors()
    {
        final long[] divisors = {1, 2, 3, 5, 7, 10, 50, 100, 1_000, 10_000, 100_000, 1_000_000, 3_000, 625,
            (1L << 31) - 1, 1L << 31, (1L << 31) + 1, (1L << 62) - 1, 1L << 62, (1L << 62) + 1, Long.MAX_VALUE - 1,
            Long.MAX_VALUE};
        final long[] dividends = {0, 1, 2, 9, 10, 11, 999, 1_000, 1_001, Integer.MAX_VALUE, 1L << 32,
            (1L << 62) - 1, 1L << 62, (1L << 62) + 1, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        for (final long d : divisors)
        {
            final InvariantDivisor divisor = new InvariantDivisor(d);
            for (final long n : dividends)
            {
                check(divisor, n);
                check(divisor, Math.max(0, n - d));
                check(divisor, d * Math.max(1, n / Math.max(1, d)));
            }
        }
    }

    @Test
    void shouldDivideLikeTheHardwareForRandomDividendsAndDivisors()
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < 2_000; i++)
        {
            final int bits = 1 + random.nextInt(63);
            final long d = Math.max(1, random.nextLong() >>> (64 - bits));
            final InvariantDivisor divisor = new InvariantDivisor(d);
            for (int j = 0; j < 500; j++)
            {
                final long n = random.nextLong() >>> random.nextInt(64);
                check(divisor, n & Long.MAX_VALUE);
            }
        }
    }

    @Test
    void shouldRejectDivisorThatIsNotPositive()
    {
        assertThrows(IllegalArgumentException.class, () -> new InvariantDivisor(0));
        assertThrows(IllegalArgumentException.class, () -> new InvariantDivisor(-10));
    }

    private static void check(final InvariantDivisor divisor, final long n)
    {
        final long d = divisor.divisor();
        assertEquals(n / d, divisor.divide(n), () -> n + " / " + d + " (seed " + SEED + ")");
        assertEquals(n % d, divisor.remainder(n), () -> n + " % " + d + " (seed " + SEED + ")");
        assertEquals(n % d == 0, divisor.divides(n), () -> n + " divisible by " + d + " (seed " + SEED + ")");
    }
}
