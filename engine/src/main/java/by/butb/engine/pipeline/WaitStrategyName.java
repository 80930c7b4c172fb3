package by.butb.engine.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/**
 * How pipeline threads wait for work. BLOCKING (the default) costs least CPU when idle and, measured on the 2-core
 * machine (bench/RESULTS.md), was never significantly slower than YIELDING; YIELDING may win with a core to spare
 * per busy thread; BUSY_SPIN only with a dedicated core per thread; SLEEPING for background work.
 */
public enum WaitStrategyName
{
    BLOCKING, SLEEPING, YIELDING, BUSY_SPIN;

    public WaitStrategy create()
    {
        return switch (this)
        {
            case BLOCKING -> new BlockingWaitStrategy();
            case SLEEPING -> new SleepingWaitStrategy();
            case YIELDING -> new YieldingWaitStrategy();
            case BUSY_SPIN -> new BusySpinWaitStrategy();
        };
    }
}
