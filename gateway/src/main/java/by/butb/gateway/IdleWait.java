package by.butb.gateway;

import by.butb.engine.pipeline.WaitStrategyName;

/**
 * How the gateway's own threads (the sending thread, the native FIX engine's I/O thread) wait when they find no work,
 * following the engine's wait strategy ({@link GatewayOptions#waitStrategy}): with BLOCKING or SLEEPING they block in
 * the kernel (no CPU while idle; a producer wakes them), with YIELDING they poll and yield the processor between
 * polls, with BUSY_SPIN they poll and spin (a core each, always busy; no wake-up on an order's path).
 */
enum IdleWait
{
    BLOCK, YIELD, SPIN;

    static IdleWait of(final WaitStrategyName waitStrategy)
    {
        return switch (waitStrategy)
        {
            case BLOCKING, SLEEPING -> BLOCK;
            case YIELDING -> YIELD;
            case BUSY_SPIN -> SPIN;
        };
    }

    /** Whether the thread blocks until woken; otherwise it polls and calls {@link #idle} after a poll found nothing. */
    boolean blocks()
    {
        return this == BLOCK;
    }

    /** After a poll that found no work: yields or spins once (nothing when the thread blocks). */
    void idle()
    {
        switch (this)
        {
            case YIELD -> Thread.yield();
            case SPIN -> Thread.onSpinWait();
            default ->
            {
            }
        }
    }
}
