package by.butb.sim.study;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The deals of a sealed {@link DealStore} in the order they fall due: by the time of their first step, equal times
 * by deal number. The store's runs are each sorted so; this merges them, each read through its own buffer.
 *
 * <p>A run is a sequence of records, one per deal: the first step's time (8 bytes), the deal number (4), the length
 * of its packed steps (4), then those bytes ({@link DealBytes}); big-endian.
 *
 * <p>One per cursor; single-threaded.
 */
final class DueDeals
{
    /** Bytes of a record's header: time, deal number, length. */
    static final int HEADER = 16;
    private static final int READ_BUFFER = 1 << 16;

    private final Run[] runs;
    /** A binary heap of indexes into {@link #runs} (those with a deal left), the earliest due at the top. */
    private final int[] heap;
    private int heapSize;

    /**
     * @param inMemory one sorted run in memory, or null.
     * @param file     the file of the other runs, or null when {@code runEnds} is empty.
     * @param runEnds  where each run of {@code file} ends (each starts where the one before ends, the first at 0).
     */
    DueDeals(final byte[] inMemory, final DealSpillFile file, final long[] runEnds)
    {
        runs = new Run[runEnds.length + (inMemory != null ? 1 : 0)];
        heap = new int[runs.length];
        for (int k = 0; k < runEnds.length; k++)
        {
            runs[k] = new Run(file, k == 0 ? 0 : runEnds[k - 1], runEnds[k]);
        }
        if (inMemory != null)
        {
            runs[runs.length - 1] = new Run(inMemory);
        }
        for (int k = 0; k < runs.length; k++)
        {
            if (runs[k].advance())
            {
                heap[heapSize] = k;
                siftUp(heapSize++);
            }
        }
    }

    /** Whether a deal is left. */
    boolean hasNext()
    {
        return heapSize > 0;
    }

    /** The time of the next deal's first step (only when {@link #hasNext()}). */
    long time()
    {
        return runs[heap[0]].time;
    }

    /** The next deal's number (only when {@link #hasNext()}). */
    int deal()
    {
        return runs[heap[0]].deal;
    }

    /** Unpacks the next deal's steps ({@link DealBytes#unpack}) and moves on to the deal after it. */
    void unpackNext(final Supplier<Step> blank, final Consumer<Step> sink)
    {
        final Run r = runs[heap[0]];
        DealBytes.unpack(r.buffer, r.position, r.position + r.length, r.deal, r.time, blank, sink);
        r.position += r.length;
        if (!r.advance())
        {
            heap[0] = heap[--heapSize];
        }
        siftDown(0);
    }

    private boolean before(final int a, final int b)
    {
        final Run x = runs[a];
        final Run y = runs[b];
        return x.time != y.time ? x.time < y.time : x.deal < y.deal;
    }

    private void siftUp(final int at)
    {
        int i = at;
        while (i > 0)
        {
            final int parent = (i - 1) / 2;
            if (!before(heap[i], heap[parent]))
            {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(final int at)
    {
        int i = at;
        while (true)
        {
            final int left = 2 * i + 1;
            if (left >= heapSize)
            {
                return;
            }
            final int child = left + 1 < heapSize && before(heap[left + 1], heap[left]) ? left + 1 : left;
            if (!before(heap[child], heap[i]))
            {
                return;
            }
            swap(i, child);
            i = child;
        }
    }

    private void swap(final int i, final int j)
    {
        final int t = heap[i];
        heap[i] = heap[j];
        heap[j] = t;
    }

    /** One sorted run: its next record's header and, from {@link #position}, its packed steps in the buffer. */
    private static final class Run
    {
        private final DealSpillFile file;
        private final long fileEnd;
        private long filePosition;
        private byte[] buffer;
        /** Where the unread bytes of {@link #buffer} start and end. */
        private int position;
        private int limit;
        long time;
        int deal;
        int length;

        /** A run of {@code file} from {@code start} to {@code end}. */
        Run(final DealSpillFile file, final long start, final long end)
        {
            this.file = file;
            this.filePosition = start;
            this.fileEnd = end;
            this.buffer = new byte[(int)Math.min(READ_BUFFER, Math.max(HEADER, end - start))];
        }

        /** A run in memory. */
        Run(final byte[] run)
        {
            this.file = null;
            this.fileEnd = 0;
            this.buffer = run;
            this.limit = run.length;
        }

        /** Reads the next record's header and makes its steps readable in the buffer; false at the run's end. */
        boolean advance()
        {
            if (!fill(HEADER))
            {
                if (position != limit)
                {
                    throw new IllegalStateException("a run of the plan ends inside a record");
                }
                return false;
            }
            time = getLong(buffer, position);
            deal = getInt(buffer, position + 8);
            length = getInt(buffer, position + 12);
            position += HEADER;
            if (length < 0 || !fill(length))
            {
                throw new IllegalStateException("a run of the plan ends inside deal " + deal);
            }
            return true;
        }

        /** Makes at least {@code n} unread bytes available; false when the run has fewer left. */
        private boolean fill(final int n)
        {
            if (limit - position >= n)
            {
                return true;
            }
            final long inFile = fileEnd - filePosition;
            if (file == null || limit - position + inFile < n)
            {
                return false;
            }
            final int unread = limit - position;
            if (n > buffer.length)
            {
                final byte[] bigger = new byte[n];
                System.arraycopy(buffer, position, bigger, 0, unread);
                buffer = bigger;
            }
            else
            {
                System.arraycopy(buffer, position, buffer, 0, unread);
            }
            final int read = (int)Math.min(buffer.length - unread, inFile);
            file.read(filePosition, buffer, unread, read);
            filePosition += read;
            position = 0;
            limit = unread + read;
            return true;
        }

        private static long getLong(final byte[] b, final int at)
        {
            return (long)getInt(b, at) << 32 | getInt(b, at + 4) & 0xFFFF_FFFFL;
        }

        private static int getInt(final byte[] b, final int at)
        {
            return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
        }
    }
}
