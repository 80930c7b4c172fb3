package by.butb.gateway;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link AveragePrice} against the BigDecimal arithmetic it replaces: the same AvgPx text for seeded random fills,
 * from one to many, with prices and quantities of every size (so that some notionals leave a {@code long}), every
 * price scale the catalog allows, and quantities that make the sixth decimal a tie (half-even rounding).
 */
class AveragePriceTest
{
    @Test
    void writesTheTextBigDecimalWritesForRandomFills()
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        final AveragePrice average = new AveragePrice();
        final StringBuilder out = new StringBuilder();
        for (int order = 0; order < 20_000; order++)
        {
            average.reset();
            BigDecimal notional = BigDecimal.ZERO;
            long filled = 0;
            final int priceScale = random.nextInt(9);
            final int bits = 1 + random.nextInt(random.nextInt(8) == 0 ? 62 : 40);
            final int fills = 1 + random.nextInt(random.nextInt(4) == 0 ? 50 : 4);
            for (int f = 0; f < fills; f++)
            {
                final long price = random.nextLong() >>> (64 - bits);
                final long quantity = tieQuantity(random, bits);
                if (filled + quantity < 0)
                {
                    break;
                }
                average.add(price, quantity);
                notional = notional.add(BigDecimal.valueOf(price).multiply(BigDecimal.valueOf(quantity)));
                filled += quantity;
                out.setLength(0);
                average.appendTo(out, filled, priceScale);
                assertEquals(expected(notional, filled, priceScale), out.toString(), "seed " + seed + ", order " +
                    order + ", fill " + f + ": price " + price + ", quantity " + quantity + ", price scale " +
                    priceScale);
            }
        }
    }

    @Test
    void roundsTheSixthDecimalHalfToEven()
    {
        assertEquals("0", text(0, 1, 1, 0, 1_999_999), "0.0000005 rounds to 0.000000");
        assertEquals("0.000002", text(0, 3, 1, 0, 1_999_999), "0.0000015 rounds to 0.000002");
        assertEquals("0.000002", text(0, 5, 1, 0, 1_999_999), "0.0000025 rounds to 0.000002");
        assertEquals("2500", text(2, 250_000, 1));
        assertEquals("0.00000001", text(8, 1, 1));
        assertEquals("33.333333", text(0, 100, 1, 0, 2));
        assertEquals("66.666667", text(0, 200, 1, 0, 2));
    }

    @Test
    void writesZeroWhileNothingIsFilled()
    {
        final StringBuilder out = new StringBuilder();
        new AveragePrice().appendTo(out, 0, 2);
        assertEquals("0", out.toString());
    }

    /** The AvgPx text of fills given as price, quantity, price, quantity, ... */
    private static String text(final int priceScale, final long... fills)
    {
        final AveragePrice average = new AveragePrice();
        BigDecimal notional = BigDecimal.ZERO;
        long filled = 0;
        for (int i = 0; i < fills.length; i += 2)
        {
            average.add(fills[i], fills[i + 1]);
            notional = notional.add(BigDecimal.valueOf(fills[i]).multiply(BigDecimal.valueOf(fills[i + 1])));
            filled += fills[i + 1];
        }
        final StringBuilder out = new StringBuilder();
        average.appendTo(out, filled, priceScale);
        assertEquals(expected(notional, filled, priceScale), out.toString(), "the reference agrees");
        return out.toString();
    }

    /** A quantity of up to {@code bits} bits; one time in four 2 x 10^k or a multiple (ties at the 6th decimal). */
    private static long tieQuantity(final Random random, final int bits)
    {
        if (random.nextInt(4) == 0)
        {
            return 2 * (long)Math.pow(10, random.nextInt(10)) * (1 + random.nextInt(3));
        }
        return 1 + (random.nextLong() >>> (64 - bits));
    }

    private static String expected(final BigDecimal notional, final long filled, final int priceScale)
    {
        return notional.divide(BigDecimal.valueOf(filled), AveragePrice.DECIMALS, RoundingMode.HALF_EVEN)
            .movePointLeft(priceScale).stripTrailingZeros().toPlainString();
    }
}
