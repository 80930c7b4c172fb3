package by.butb.gateway;

import by.butb.engine.model.FixedPoint;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An order's AvgPx(6): the notional of its fills (the sum of price x quantity, both scaled as the engine scales
 * them) divided by the quantity filled, rounded half-even to {@value #DECIMALS} decimals of the price's scaled unit,
 * then shifted by the price scale, written without trailing zeros ("2500", "2500.25", "0.000001"). Exact in
 * {@code long} arithmetic without allocating; a notional or a quotient beyond a {@code long} continues in
 * {@link BigDecimal}, with the same text. Not thread-safe: the gateway's sending thread, one per live order.
 */
final class AveragePrice
{
    static final int DECIMALS = 6;
    private static final long ONE = 1_000_000L; // 10^DECIMALS
    /** The whole part of a quotient above this does not fit once scaled by {@link #ONE} and rounded. */
    private static final long MAX_WHOLE = (Long.MAX_VALUE - ONE) / ONE;

    private long notional;
    /** The notional once it no longer fits in a long, else null. */
    private BigDecimal bigNotional;

    void reset()
    {
        notional = 0;
        bigNotional = null;
    }

    /** A fill of {@code quantity} at {@code price} (scaled). */
    void add(final long price, final long quantity)
    {
        if (bigNotional == null)
        {
            final long product = price * quantity;
            final long high = Math.multiplyHigh(price, quantity);
            if (high == (product >> 63))
            {
                final long sum = notional + product;
                if (((notional ^ sum) & (product ^ sum)) >= 0)
                {
                    notional = sum;
                    return;
                }
            }
            bigNotional = BigDecimal.valueOf(notional);
        }
        bigNotional = bigNotional.add(BigDecimal.valueOf(price).multiply(BigDecimal.valueOf(quantity)));
    }

    /** Fills whose price x quantity (scaled) add up to {@code value}, not negative. */
    void addValue(final long value)
    {
        add(value, 1);
    }

    /** Appends the AvgPx text of {@code filled} (scaled) filled so far ("0" when nothing is filled). */
    void appendTo(final StringBuilder out, final long filled, final int priceScale)
    {
        if (filled == 0)
        {
            out.append('0');
            return;
        }
        if (bigNotional == null && notional >= 0 && filled > 0 && filled <= Long.MAX_VALUE / 10 &&
            DECIMALS + priceScale <= 18 && notional / filled <= MAX_WHOLE)
        {
            long rest = notional % filled;
            long fraction = 0;
            for (int i = 0; i < DECIMALS; i++)
            {
                rest *= 10;
                fraction = fraction * 10 + rest / filled;
                rest %= filled;
            }
            long unscaled = notional / filled * ONE + fraction;
            final long other = filled - rest; // rest against half of filled, without doubling it
            if (rest > other || rest == other && (unscaled & 1) != 0)
            {
                unscaled++;
            }
            appendStripped(out, unscaled, DECIMALS + priceScale);
            return;
        }
        final BigDecimal total = bigNotional != null ? bigNotional : BigDecimal.valueOf(notional);
        out.append(total.divide(BigDecimal.valueOf(filled), DECIMALS, RoundingMode.HALF_EVEN)
            .movePointLeft(priceScale).stripTrailingZeros().toPlainString());
    }

    /** {@code unscaled} (not negative) at {@code scale} (0 to 18), its trailing zeros dropped. */
    private static void appendStripped(final StringBuilder out, final long unscaled, final int scale)
    {
        long value = unscaled;
        int s = scale;
        while (s > 0 && value % 10 == 0)
        {
            value /= 10;
            s--;
        }
        if (s == 0)
        {
            out.append(value);
            return;
        }
        final long unit = FixedPoint.pow10(s);
        final long fraction = value % unit;
        out.append(value / unit).append('.');
        for (long digit = unit / 10; digit > fraction && digit > 1; digit /= 10)
        {
            out.append('0');
        }
        out.append(fraction);
    }
}
