package by.butb.sim.classroom;

import by.butb.engine.model.FixedPoint;
import by.butb.engine.model.Instrument;

/**
 * Each instrument's trades as the page's price chart draws them: the last {@value #POINTS} trade prices with their
 * engine times, the last price and the number of trades. Prices in the instrument's fixed-point units, times in
 * nanoseconds since the epoch (UTC). Used on the engine's logic thread only.
 */
final class PricePaths
{
    static final int POINTS = 500;

    private final long[][] times;
    private final long[][] prices;
    private final long[] count;

    PricePaths(final int instruments)
    {
        times = new long[instruments][POINTS];
        prices = new long[instruments][POINTS];
        count = new long[instruments];
    }

    void trade(final int instrument, final long timeNanos, final long price)
    {
        final int slot = (int)(count[instrument] % POINTS);
        times[instrument][slot] = timeNanos;
        prices[instrument][slot] = price;
        count[instrument]++;
    }

    long trades(final int instrument)
    {
        return count[instrument];
    }

    /** The last trade's price; only when {@link #trades} is not 0. */
    long last(final int instrument)
    {
        return prices[instrument][(int)((count[instrument] - 1) % POINTS)];
    }

    /** "path": [[epoch milliseconds, price as a decimal number], ...], oldest first. */
    void write(final Json j, final Instrument instrument)
    {
        final int i = instrument.index();
        final long n = count[i];
        j.key("path").beginArray();
        for (long k = Math.max(0, n - POINTS); k < n; k++)
        {
            final int slot = (int)(k % POINTS);
            j.beginArray().value(Math.floorDiv(times[i][slot], 1_000_000L))
                .raw(FixedPoint.format(prices[i][slot], instrument.priceScale())).endArray();
        }
        j.endArray();
    }
}
