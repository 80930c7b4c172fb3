package by.butb.sim.replay;

import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.EventType;
import by.butb.engine.core.ResultCode;

import java.math.BigInteger;

/** Counts kept while the events go by (on the engine's thread; read them after the pipeline is drained). */
public final class ReplayStats
{
    public final long[] eventsByType = new long[EventType.values().length];
    public final long[] rejectsByCode = new long[ResultCode.values().length];
    final long[] trades;
    final long[] volume;
    /** Per instrument, the sum of price times quantity as a 128-bit two's-complement number: high and low words. */
    private final long[] valueHigh;
    private final long[] valueLow;
    final long[] lastPrice;
    public long events;
    public long totalTrades;

    public ReplayStats(final int instruments)
    {
        trades = new long[instruments];
        volume = new long[instruments];
        valueHigh = new long[instruments];
        valueLow = new long[instruments];
        lastPrice = new long[instruments];
    }

    void count(final EngineEvent e)
    {
        events++;
        eventsByType[e.type.ordinal()]++;
        if (e.type == EventType.REJECTED)
        {
            rejectsByCode[e.code.ordinal()]++;
        }
        else if (e.type == EventType.TRADE)
        {
            totalTrades++;
            trades[e.instrument]++;
            volume[e.instrument] += e.quantity;
            addValue(e.instrument, e.price, e.quantity);
            lastPrice[e.instrument] = e.price;
        }
    }

    /** Adds {@code price * quantity} to the instrument's value, exactly while the sum stays below 2^127. */
    void addValue(final int instrument, final long price, final long quantity)
    {
        final long low = price * quantity;
        final long sum = valueLow[instrument] + low;
        final long carry = Long.compareUnsigned(sum, low) < 0 ? 1 : 0;
        valueHigh[instrument] += Math.multiplyHigh(price, quantity) + carry;
        valueLow[instrument] = sum;
    }

    /** The sum of price times quantity of the instrument's trades (price and quantity scaled as in the engine). */
    BigInteger value(final int instrument)
    {
        return BigInteger.valueOf(valueHigh[instrument]).shiftLeft(Long.SIZE)
            .add(new BigInteger(Long.toUnsignedString(valueLow[instrument])));
    }

    public long rejects()
    {
        return eventsByType[EventType.REJECTED.ordinal()];
    }
}
