package by.butb.sim.replay;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongFunction;

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
public final class PendingRows implements LongFunction<RowInfo>
{
    /** Bytes kept per slot for the row's order id; a longer id is not kept. */
    private static final int ID_ROOM = 32;

    /** The index in {@link #progress} of the count of rows taken, with a cache line of padding either side. */
    private static final int TAKEN = 8;
    /** The index in {@link #progress} of the slot {@link #take} last took, or -1: beside {@link #TAKEN}. */
    private static final int LAST_TAKEN = TAKEN + 1;

    private final AtomicReferenceArray<RowInfo> slots;
    /** The line of each slot's row: a row may serve many lines ({@link RowInfo}). */
    private final long[] lines;
    /** {@link #ID_ROOM} bytes per slot: the row's order id, when {@link #idLengths} has its length. */
    private final byte[] ids;
    /** Per slot: the length of the row's order id in {@link #ids}, or -1 when it is not kept. */
    private final byte[] idLengths;
    private final int mask;
    /** Written by the engine's thread only: the engine's own cache line. */
    private final AtomicLongArray progress = new AtomicLongArray(2 * TAKEN);
    private long added;

    /** @param commandRingSize the engine's command ring size, a power of two. */
    public PendingRows(final int commandRingSize)
    {
        slots = new AtomicReferenceArray<>(2 * commandRingSize);
        lines = new long[2 * commandRingSize];
        ids = new byte[2 * commandRingSize * ID_ROOM];
        idLengths = new byte[2 * commandRingSize];
        mask = 2 * commandRingSize - 1;
        progress.setPlain(LAST_TAKEN, -1);
    }

    /** Adds the row of the command about to be submitted, with the command's line (submitting thread). */
    public void add(final long line, final RowInfo row)
    {
        add(line, row, null, 0, -1);
    }

    /**
     * As {@link #add(long, RowInfo)}, with the UTF-8 bytes of the row's order id, {@code utf8[from, from + length)},
     * kept for {@link #takenOrderIdLength} when they fit {@link #ID_ROOM}.
     */
    public void add(final long line, final RowInfo row, final byte[] utf8, final int from, final int length)
    {
        if (added - progress.getAcquire(TAKEN) >= slots.length())
        {
            throw new IllegalStateException("more rows pending than the ring of " + slots.length() + " holds");
        }
        final int slot = (int)(added & mask);
        lines[slot] = line;
        if (length >= 0 && length <= ID_ROOM)
        {
            System.arraycopy(utf8, from, ids, slot * ID_ROOM, length);
            idLengths[slot] = (byte)length;
        }
        else
        {
            idLengths[slot] = -1;
        }
        slots.setRelease(slot, row);
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
            progress.setPlain(LAST_TAKEN, -1);
            return null;
        }
        progress.setPlain(LAST_TAKEN, taken & mask);
        progress.setRelease(TAKEN, taken + 1);
        return row;
    }

    /** {@link #take}. */
    @Override
    public RowInfo apply(final long line)
    {
        return take(line);
    }

    /**
     * The length of the order id bytes of the row {@link #take} last took, or -1 when there are none (no row, or no
     * bytes given): they lie in {@link #orderIds()} from {@link #takenOrderIdStart()}. Engine thread; valid until the
     * next take.
     */
    public int takenOrderIdLength()
    {
        final int slot = (int)progress.getPlain(LAST_TAKEN);
        return slot < 0 ? -1 : idLengths[slot];
    }

    /** Where the bytes {@link #takenOrderIdLength} counts start in {@link #orderIds()}. */
    public int takenOrderIdStart()
    {
        return (int)progress.getPlain(LAST_TAKEN) * ID_ROOM;
    }

    /** The order id bytes of every slot ({@link #takenOrderIdLength}). */
    public byte[] orderIds()
    {
        return ids;
    }
}
