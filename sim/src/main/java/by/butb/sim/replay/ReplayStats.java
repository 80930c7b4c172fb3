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
    final BigInteger[] value;
    final long[] lastPrice;
    public long events;
    public long totalTrades;

    public ReplayStats(final int instruments)
    {
        trades = new long[instruments];
        volume = new long[instruments];
        value = new BigInteger[instruments];
        lastPrice = new long[instruments];
        java.util.Arrays.fill(value, BigInteger.ZERO);
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
            value[e.instrument] = value[e.instrument].add(BigInteger.valueOf(e.price).multiply(BigInteger.valueOf(
                e.quantity)));
            lastPrice[e.instrument] = e.price;
        }
    }

    public long rejects()
    {
        return eventsByType[EventType.REJECTED.ordinal()];
    }
}
