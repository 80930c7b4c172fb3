package by.butb.gateway;

import java.util.Arrays;

/**
 * Where in a {@link NativeSessionStore} file the latest messages kept lie: a ring of (MsgSeqNum, file offset) in the
 * order the messages were kept, holding the latest {@code capacity} of them whatever their numbers (admin messages
 * take numbers and are not kept, so the numbers have gaps). Numbers rise in that order, so a lookup is a binary
 * search. It starts small and grows to its capacity; 12 bytes a message. Not thread-safe: the store's lock guards it.
 */
final class RecordIndex
{
    private static final int INITIAL = 1024;

    private final int capacity;
    private long[] offsets;
    private int[] seqs;
    /** Messages indexed since the index was made or cleared; the newest is at slot {@code (added - 1) & mask}. */
    private long added;
    private int size;

    /** {@code capacity}: how many of the latest messages are kept, a power of two. */
    RecordIndex(final int capacity)
    {
        if (Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("a record index's capacity must be a power of two: " + capacity);
        }
        this.capacity = capacity;
        final int initial = Math.min(INITIAL, capacity);
        offsets = new long[initial];
        seqs = new int[initial];
    }

    /** Indexes message {@code seq}, kept at file offset {@code at}; {@code seq} is above every number indexed. */
    void add(final int seq, final long at)
    {
        assert size == 0 || seq > seqs[slot(size - 1)] : "message " + seq + " kept after a higher number";
        if (size == offsets.length && offsets.length < capacity)
        {
            grow();
        }
        final int slot = (int)(added & (offsets.length - 1));
        offsets[slot] = at;
        seqs[slot] = seq;
        added++;
        size = Math.min(size + 1, offsets.length);
    }

    private void grow()
    {
        final long[] oldOffsets = offsets;
        final int[] oldSeqs = seqs;
        offsets = new long[oldOffsets.length * 2];
        seqs = new int[oldSeqs.length * 2];
        for (long i = added - size; i < added; i++)
        {
            offsets[(int)(i & (offsets.length - 1))] = oldOffsets[(int)(i & (oldOffsets.length - 1))];
            seqs[(int)(i & (seqs.length - 1))] = oldSeqs[(int)(i & (oldSeqs.length - 1))];
        }
    }

    /** The file offset of message {@code seq}, or -1 when it is not among those indexed. */
    long offsetOf(final int seq)
    {
        int low = 0;
        int high = size - 1;
        while (low <= high)
        {
            final int middle = (low + high) >>> 1;
            final int slot = slot(middle);
            if (seqs[slot] < seq)
            {
                low = middle + 1;
            }
            else if (seqs[slot] > seq)
            {
                high = middle - 1;
            }
            else
            {
                return offsets[slot];
            }
        }
        return -1;
    }

    /** The slot of the {@code i}-th oldest message indexed (0: the oldest). */
    private int slot(final int i)
    {
        return (int)((added - size + i) & (offsets.length - 1));
    }

    /** Whether as many messages are indexed as it holds: a message kept next drops the oldest. */
    boolean full()
    {
        return size == capacity;
    }

    /** The file offset of the oldest message indexed, or -1 when none is. */
    long oldestOffset()
    {
        return size == 0 ? -1 : offsets[slot(0)];
    }

    /** The number of the oldest message indexed, or 0 when none is. */
    int oldestSeq()
    {
        return size == 0 ? 0 : seqs[slot(0)];
    }

    /** The number of the newest message indexed, or 0 when none is. */
    int newestSeq()
    {
        return size == 0 ? 0 : seqs[slot(size - 1)];
    }

    /** Every offset moved {@code by} bytes towards the file's start (the file was compacted). */
    void shift(final long by)
    {
        for (int i = 0; i < size; i++)
        {
            offsets[slot(i)] -= by;
        }
    }

    void clear()
    {
        Arrays.fill(offsets, 0);
        Arrays.fill(seqs, 0);
        added = 0;
        size = 0;
    }
}
