package by.butb.engine.core;

/**
 * Exchange-wide percentages, in basis points (1 bp = 0.01 %). Immutable.
 *
 * <p>{@code guaranteeBps}: the deposit an order blocks, as a share of its value (open quantity times the limit
 * price; a market order is valued at the band's high price). {@code feeBps}: the exchange fee charged to the buyer
 * and to the seller on each trade, as a share of the deal amount. Amounts are rounded up to the money minor unit.
 */
public record MarketRules(int guaranteeBps, int feeBps)
{
    public static final MarketRules DEFAULT = new MarketRules(1000, 10);
    /** Amounts up to this times any bps (at most 10,000) plus 9,999 fit in a {@code long}. */
    private static final long NO_OVERFLOW = (Long.MAX_VALUE - 9_999) / 10_000;

    public MarketRules
    {
        if (guaranteeBps < 0 || guaranteeBps > 10_000)
        {
            throw new IllegalArgumentException("guarantee must be between 0 and 100 %, got " + guaranteeBps + " bp");
        }
        if (feeBps < 0 || feeBps > 10_000)
        {
            throw new IllegalArgumentException("fee must be between 0 and 100 %, got " + feeBps + " bp");
        }
    }

    public long guarantee(final long notional)
    {
        return share(notional, guaranteeBps);
    }

    public long fee(final long notional)
    {
        return share(notional, feeBps);
    }

    /** {@code ceil(amount * bps / 10000)} without overflow for any non-negative amount. */
    static long share(final long amount, final int bps)
    {
        if (amount <= NO_OVERFLOW)
        {
            return (amount * bps + 9_999) / 10_000;
        }
        final long whole = amount / 10_000;
        final long rest = amount % 10_000;
        return whole * bps + (rest * bps + 9_999) / 10_000;
    }
}
