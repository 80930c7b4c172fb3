package by.butb.engine.core;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MarketRulesTest
{
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

    @Test
    void shouldRoundTheShareUpToTheMinorUnitForEveryNonNegativeAmount()
    {
        final long seed = 20_261_127L;
        final SplittableRandom random = new SplittableRandom(seed);
        final int[] bpsValues = {0, 1, 10, 999, 1000, 9_999, 10_000};
        final long limit = (Long.MAX_VALUE - 9_999) / 10_000;
        final long[] edges = {0, 1, 9_999, 10_000, 10_001, limit - 1, limit, limit + 1, Long.MAX_VALUE - 1,
            Long.MAX_VALUE};
        for (final int bps : bpsValues)
        {
            for (final long amount : edges)
            {
                assertEquals(reference(amount, bps), MarketRules.share(amount, bps), amount + " at " + bps + " bp");
            }
            for (int i = 0; i < 100_000; i++)
            {
                final long amount = random.nextLong(Long.MAX_VALUE >>> random.nextInt(63));
                assertEquals(reference(amount, bps), MarketRules.share(amount, bps),
                    amount + " at " + bps + " bp (seed " + seed + ")");
            }
        }
    }

    @Test
    void shouldRefusePercentagesOutsideZeroToHundred()
    {
        assertThrows(IllegalArgumentException.class, () -> new MarketRules(10_001, 10));
        assertThrows(IllegalArgumentException.class, () -> new MarketRules(1000, -1));
    }

    private static long reference(final long amount, final int bps)
    {
        final BigInteger[] qr = BigInteger.valueOf(amount).multiply(BigInteger.valueOf(bps))
            .divideAndRemainder(TEN_THOUSAND);
        return qr[0].longValueExact() + (qr[1].signum() == 0 ? 0 : 1);
    }
}
