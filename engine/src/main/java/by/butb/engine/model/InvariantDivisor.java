package by.butb.engine.model;

import java.math.BigInteger;

/**
 * Division of non-negative {@code long}s by a divisor fixed at construction, with a multiply and shifts instead of
 * a hardware divide (Granlund and Montgomery, "Division by invariant integers using multiplication", 1994, the
 * unsigned algorithm with a 65-bit multiplier). Exact for every dividend {@code 0 <= n <= Long.MAX_VALUE}; the
 * result for a negative dividend is undefined. Immutable.
 */
public final class InvariantDivisor
{
    private final long divisor;
    /** The low 64 bits of the multiplier (its 65th bit is implied by the shifts), read as unsigned. */
    private final long multiplier;
    private final int shift1;
    private final int shift2;

    public InvariantDivisor(final long divisor)
    {
        if (divisor <= 0)
        {
            throw new IllegalArgumentException("divisor must be positive, got " + divisor);
        }
        this.divisor = divisor;
        final int log = 64 - Long.numberOfLeadingZeros(divisor - 1);
        final BigInteger d = BigInteger.valueOf(divisor);
        multiplier = BigInteger.ONE.shiftLeft(64)
            .multiply(BigInteger.ONE.shiftLeft(log).subtract(d))
            .divide(d)
            .add(BigInteger.ONE)
            .longValue();
        shift1 = Math.min(log, 1);
        shift2 = Math.max(log - 1, 0);
    }

    public long divisor()
    {
        return divisor;
    }

    /** {@code n / divisor} for {@code n >= 0}. */
    public long divide(final long n)
    {
        final long high = Math.multiplyHigh(multiplier, n) + ((multiplier >> 63) & n);
        return (high + ((n - high) >>> shift1)) >>> shift2;
    }

    /** {@code n % divisor} for {@code n >= 0}. */
    public long remainder(final long n)
    {
        return n - divide(n) * divisor;
    }

    /** True when {@code n >= 0} is a multiple of the divisor. */
    public boolean divides(final long n)
    {
        return remainder(n) == 0;
    }
}
