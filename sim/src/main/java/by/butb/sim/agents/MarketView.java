package by.butb.sim.agents;

/**
 * What every agent can see of one instrument: the best bid and ask of its book (0 when a side is empty), the last
 * trade price (0 before the first) and the prices of the latest trades. Prices scaled like the instrument's.
 */
final class MarketView
{
    private static final int RECENT = 1024;

    long bestBid;
    long bestAsk;
    long last;
    private final long[] recent = new long[RECENT];
    private long trades;

    void trade(final long price)
    {
        last = price;
        recent[(int)(trades++ % RECENT)] = price;
    }

    /** Number of trades seen so far (all days). */
    long trades()
    {
        return trades;
    }

    /** Mean of the last {@code n} trade prices (n at most 1024 and at most {@link #trades()}). */
    double meanOfLast(final int n)
    {
        double sum = 0;
        for (int i = 1; i <= n; i++)
        {
            sum += recent[(int)((trades - i) % RECENT)];
        }
        return sum / n;
    }

    /** The mid price, else the last trade, else {@code fallback}. */
    long reference(final long fallback)
    {
        if (bestBid > 0 && bestAsk > 0)
        {
            return (bestBid + bestAsk) / 2;
        }
        return last > 0 ? last : fallback;
    }
}
