package by.butb.sim.replay;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The rows of the commands submitted to the engine and not answered yet, in submission order: a ring with a slot per
 * submitted row, so that no map is updated per row.
 *
 * <p>Threading: one thread {@link #add}s a row before it submits the row's command; the engine's thread
 * {@link #take}s it while it answers that command (listeners run on the engine's logic thread), in the order the
 * commands were submitted, with increasing lines. The ring holds twice the engine's command ring, more than can be
 * pending: the submitting thread waits for room in the engine's ring. Only the submitting thread writes the slots,
 * so the two threads do not write the same cache lines while the engine follows close behind.
 */
public final class PendingRows
{
    /** The index in {@link #progress} of the count of rows taken, with a cache line of padding either side. */
    private static final int TAKEN = 8;

    private final AtomicReferenceArray<RowInfo> slots;
    /** The line of each slot's row: a row may serve many lines ({@link RowInfo}). */
    private final long[] lines;
    private final int mask;
    /** Written by the engine's thread only. */
    private final AtomicLongArray progress = new AtomicLongArray(2 * TAKEN);
    private long added;

    /** @param commandRingSize the engine's command ring size, a power of two. */
    public PendingRows(final int commandRingSize)
    {
        slots = new AtomicReferenceArray<>(2 * commandRingSize);
        lines = new long[2 * commandRingSize];
        mask = 2 * commandRingSize - 1;
    }

    /** Adds the row of the command about to be submitted, with the command's line (submitting thread). */
    public void add(final long line, final RowInfo row)
    {
        if (added - progress.getAcquire(TAKEN) >= slots.length())
        {
            throw new IllegalStateException("more rows pending than the ring of " + slots.length() + " holds");
        }
        lines[(int)(added & mask)] = line;
        slots.setRelease((int)(added & mask), row);
        added++;
    }

    /**
     * The row of the command with this line (its userRef), or null when the command came from no row (such as the
     * closing CLOCK). Engine thread.
     */
    public RowInfo take(final long line)
    {
        final long taken = progress.getPlain(TAKEN);
        final RowInfo row = slots.getAcquire((int)(taken & mask));
        if (row == null || lines[(int)(taken & mask)] != line)
        {
            return null;
        }
        progress.setRelease(TAKEN, taken + 1);
        return row;
    }
}
