package by.butb.sim.replay;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The rows of the commands submitted to the engine and not answered yet, in submission order: a ring with a slot per
 * submitted row, so that no map is updated per row.
 *
 * <p>Threading: one thread {@link #add}s a row before it submits the row's command; the engine's thread
 * {@link #take}s it while it answers that command, in the order the commands were submitted. The ring holds twice
 * the engine's command ring, more than can be pending: the submitting thread waits for room in the engine's ring.
 */
final class PendingRows
{
    private final AtomicReferenceArray<RowInfo> slots;
    private final int mask;
    private long added;
    private long taken;

    /** @param commandRingSize the engine's command ring size, a power of two. */
    PendingRows(final int commandRingSize)
    {
        slots = new AtomicReferenceArray<>(2 * commandRingSize);
        mask = 2 * commandRingSize - 1;
    }

    /** Adds the row of the command about to be submitted (submitting thread). */
    void add(final RowInfo row)
    {
        final int slot = (int)(added & mask);
        if (slots.getAcquire(slot) != null)
        {
            throw new IllegalStateException("more rows pending than the ring of " + slots.length() + " holds");
        }
        slots.setRelease(slot, row);
        added++;
    }

    /**
     * The row of the command with this line (its userRef), or null when the command came from no row (the closing
     * CLOCK). Engine thread.
     */
    RowInfo take(final long line)
    {
        final int slot = (int)(taken & mask);
        final RowInfo row = slots.getAcquire(slot);
        if (row == null || row.line() != line)
        {
            return null;
        }
        slots.setRelease(slot, null);
        taken++;
        return row;
    }
}
