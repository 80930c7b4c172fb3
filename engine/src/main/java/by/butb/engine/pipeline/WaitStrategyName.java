package by.butb.engine.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/**
 * How pipeline threads wait for work. On a 2-core machine: BLOCKING costs least CPU (tests, replay, the server);
 * YIELDING gives the best throughput when there are no more busy threads than cores (benchmarks); BUSY_SPIN only
 * with a core per thread; SLEEPING for background work.
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
