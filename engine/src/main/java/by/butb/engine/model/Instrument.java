package by.butb.engine.model;

/**
 * One tradable instrument of the catalog. Immutable.
 *
 * <p>Units: prices are {@code long}s scaled by {@code 10^priceScale} (price per unit in {@link #currency()});
 * quantities are {@code long}s scaled by {@code 10^quantityScale} (in {@link #unit()}). Money (deposits, fees,
 * guarantees) is in currency minor units, scale {@link #MONEY_SCALE}.
 */
public final class Instrument
{
    /** Money amounts (deposits, guarantees, fees) are kept in hundredths of the currency unit. */
    public static final int MONEY_SCALE = 2;

    private final int index;
    private final String symbol;
    private final String name;
    private final String section;
    private final int sectionIndex;
    private final String unit;
    private final String currency;
    private final int priceScale;
    private final int quantityScale;
    private final long priceStep;
    private final long lotSize;
    private final long referencePrice;
    private final long lowPrice;
    private final long highPrice;
    private final InvariantDivisor notionalDivisor;
    private final InvariantDivisor priceStepDivisor;
    private final InvariantDivisor lotSizeDivisor;

    public Instrument(
        final int index,
        final String symbol,
        final String name,
        final String section,
        final int sectionIndex,
        final String unit,
        final String currency,
        final int priceScale,
        final int quantityScale,
        final long priceStep,
        final long lotSize,
        final long referencePrice,
        final long lowPrice,
        final long highPrice)
    {
        if (priceScale + quantityScale < MONEY_SCALE)
        {
            throw new IllegalArgumentException("price_scale + quantity_scale must be at least " + MONEY_SCALE);
        }
        this.index = index;
        this.symbol = symbol;
        this.name = name;
        this.section = section;
        this.sectionIndex = sectionIndex;
        this.unit = unit;
        this.currency = currency;
        this.priceScale = priceScale;
        this.quantityScale = quantityScale;
        this.priceStep = priceStep;
        this.lotSize = lotSize;
        this.referencePrice = referencePrice;
        this.lowPrice = lowPrice;
        this.highPrice = highPrice;
        this.notionalDivisor = new InvariantDivisor(FixedPoint.pow10(priceScale + quantityScale - MONEY_SCALE));
        this.priceStepDivisor = new InvariantDivisor(priceStep);
        this.lotSizeDivisor = new InvariantDivisor(lotSize);
    }

    public int index()
    {
        return index;
    }

    public String symbol()
    {
        return symbol;
    }

    public String name()
    {
        return name;
    }

    public String section()
    {
        return section;
    }

    public int sectionIndex()
    {
        return sectionIndex;
    }

    public String unit()
    {
        return unit;
    }

    public String currency()
    {
        return currency;
    }

    public int priceScale()
    {
        return priceScale;
    }

    public int quantityScale()
    {
        return quantityScale;
    }

    public long priceStep()
    {
        return priceStep;
    }

    /** True when a positive {@code price} is a whole number of price steps. */
    public boolean isOnPriceStep(final long price)
    {
        return priceStepDivisor.divides(price);
    }

    /** True when a positive {@code quantity} is a whole number of lots. */
    public boolean isOnLot(final long quantity)
    {
        return lotSizeDivisor.divides(quantity);
    }

    public long lotSize()
    {
        return lotSize;
    }

    public long referencePrice()
    {
        return referencePrice;
    }

    /** Lowest accepted price (inclusive), already on the price step. */
    public long lowPrice()
    {
        return lowPrice;
    }

    /** Highest accepted price (inclusive), already on the price step. */
    public long highPrice()
    {
        return highPrice;
    }

    /** The price an order's guarantee is taken at: its limit price, or for a MARKET order the band's high price. */
    public long guaranteePrice(final OrderType type, final long limitPrice)
    {
        return type == OrderType.MARKET ? highPrice : limitPrice;
    }

    /**
     * Value in money minor units of {@code quantity} at {@code price}, truncated; -1 when it does not fit a long.
     */
    public long notional(final long price, final long quantity)
    {
        final long high = Math.multiplyHigh(price, quantity);
        final long low = price * quantity;
        if (high != 0 || low < 0)
        {
            return -1;
        }
        return notionalDivisor.divide(low);
    }

    @Override
    public String toString()
    {
        return symbol;
    }
}
