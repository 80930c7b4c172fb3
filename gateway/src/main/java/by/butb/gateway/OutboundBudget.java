package by.butb.gateway;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes all of a native gateway's connections have queued and not yet written, against one bound for them all
 * (each connection also has its own, {@link GatewayOptions#maxScheduledWrites}): several slow readers together must
 * not run the heap out. Once the total passes the bound, a connection whose own backlog is at least an eighth of
 * the bound is dropped as a slow consumer when it is given more; smaller ones go on. Thread-safe.
 */
final class OutboundBudget
{
    private final AtomicLong total = new AtomicLong();
    private final long max;

    /** @param max the bound on the bytes queued by all connections together. */
    OutboundBudget(final long max)
    {
        this.max = max;
    }

    /**
     * Counts {@code bytes} just queued by a connection whose backlog is now {@code backlog}.
     *
     * @return whether that connection is to be dropped (its backlog then {@link #released}).
     */
    boolean queued(final int bytes, final long backlog)
    {
        return overBudget(total.addAndGet(bytes), max, backlog);
    }

    /**
     * The rule, for the native engine's connections and QuickFIX/J's sessions alike: whether a connection whose
     * backlog is {@code backlog} is to be dropped while all together have {@code total} queued against {@code max}.
     */
    static boolean overBudget(final long total, final long max, final long backlog)
    {
        return total > max && backlog >= max / 8;
    }

    /** Bytes written, or dropped with their connection. */
    void released(final long bytes)
    {
        total.addAndGet(-bytes);
    }

    long total()
    {
        return total.get();
    }

    long max()
    {
        return max;
    }
}
