package by.butb.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * When the gateway's reading is held back, from the backlog of its sending thread ({@link ReadThrottle} for the
 * native engine, {@link QfjReadThrottle} for QuickFIX/J): a connection is held while more than {@code high} items
 * wait, or while others are held and more than {@code low} (half of {@code high}) wait; the held connections are read
 * again once {@code low} or fewer wait. Counts each connection held, and logs reading held for more than 5 s (a
 * sending thread that no longer drains).
 *
 * <p>Threading: {@link #exceeded} from any thread (it only reads the backlog); {@link #held} and {@link #drained} from
 * one thread at a time (its throttle's loop thread, or its throttle's lock).
 */
final class BacklogMarks
{
    /** Items waiting for the sending thread above which reading is held, by default. */
    static final int DEFAULT_HIGH = 65_536;
    private static final Logger LOG = LoggerFactory.getLogger(BacklogMarks.class);
    private static final long LONG_HOLD_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final LongSupplier backlog;
    private final long high;
    private final long low;
    private final LongAdder holds;
    private long heldSinceNanos;
    private boolean warned;

    /** {@code backlog}: items queued for the sending thread and not yet handled; {@code holds} counts the holds. */
    BacklogMarks(final LongSupplier backlog, final long high, final LongAdder holds)
    {
        this.backlog = backlog;
        this.high = high;
        this.low = high / 2;
        this.holds = holds;
    }

    /** Whether a connection found readable now is to be held, {@code anyHeld} telling whether some are. No effect. */
    boolean exceeded(final boolean anyHeld)
    {
        final long waiting = backlog.getAsLong();
        return waiting > high || anyHeld && waiting > low;
    }

    /** A connection is now held; {@code first}: none was before it. */
    void held(final boolean first)
    {
        if (first)
        {
            heldSinceNanos = System.nanoTime();
        }
        holds.increment();
    }

    /** Whether the {@code held} connections held now are to be read again. */
    boolean drained(final int held)
    {
        final long waiting = backlog.getAsLong();
        if (waiting <= low)
        {
            warned = false;
            return true;
        }
        if (!warned && System.nanoTime() - heldSinceNanos > LONG_HOLD_NANOS)
        {
            warned = true;
            LOG.warn("reading {} connections paused for 5 s: {} items still wait for the gateway's sending thread",
                held, waiting);
        }
        return false;
    }
}
