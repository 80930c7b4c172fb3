package by.butb.sim.study;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The planned deals' steps, packed ({@link DealBytes}: about 14 bytes a step instead of a {@link Step} object), and
 * handed out in the order the deals fall due (the time of their first step, then deal number) by {@link #cursor()}.
 *
 * <p>What it holds does not grow with the plan: deals are packed into a run of about {@code runBytes} bytes; a full
 * run is sorted by due time and written to a temporary file ({@link DealSpillFile}), and the next run starts. When
 * the plan is sealed, a plan that filled no run stays in memory (sorted, no file); else its last run is written too
 * and the cursors merge the file's sorted runs, reading each through a small buffer ({@link DueDeals}). Memory: one
 * run while planning; while reading, per cursor a 64 KiB buffer per run of the file (one run per {@code runBytes}
 * of packed steps). Nothing is kept per deal.
 *
 * <p>Filled by {@link #add} with the steps of deal 1, then deal 2, ... (each deal's steps together), then
 * {@link #seal()}; only then read. Single-threaded while filling; once sealed, several cursors may read it, each
 * from one thread.
 */
final class DealStore
{
    /** The default size of a run: large enough that the study at scale 100 stays in memory. */
    static final int RUN_BYTES = 16 << 20;
    private static final int WRITE_BUFFER = 1 << 18;

    private final int runBytes;
    private final Path spillDir;
    private DealBytes.Writer run;
    /** Per deal of the run (from 0): where its bytes start in {@link #run}. */
    private int[] runStarts = new int[1024];
    /** Per deal of the run (from 0): the time of its first step (the smallest of its step times), epoch ns. */
    private long[] runFirstTimes = new long[1024];
    private int runDeals;
    private int deals;
    private long steps;
    private boolean sealed;
    /** The file the full runs are written to, or null while none is. */
    private DealSpillFile spill;
    /** Where each run in {@link #spill} ends (it starts where the one before ends, the first at 0). */
    private long[] runEnds = new long[16];
    private int spilledRuns;
    /** When nothing was spilled: the sealed plan's one sorted run ({@link DueDeals} format); else null. */
    private byte[] sortedInMemory;

    /** A store with runs of {@link #RUN_BYTES}, spilled to {@code java.io.tmpdir}. */
    DealStore()
    {
        this(RUN_BYTES, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** A store with runs of about {@code runBytes} bytes of packed steps, spilled to a file in {@code spillDir}. */
    DealStore(final int runBytes, final Path spillDir)
    {
        if (runBytes < 1)
        {
            throw new IllegalArgumentException("run bytes " + runBytes);
        }
        this.runBytes = runBytes;
        this.spillDir = spillDir;
        // Room for a full run and the deal that crosses its end (a deal's steps take a few hundred bytes).
        run = new DealBytes.Writer(Math.min(runBytes, 1 << 16), (int)Math.min(Integer.MAX_VALUE - 8,
            runBytes + 4096L));
    }

    /** Adds a step of the deal being written, or the first step of the next deal (number {@code deals + 1}). */
    void add(final Step s)
    {
        if (sealed)
        {
            throw new IllegalStateException("the deal store is sealed");
        }
        if (s.deal != deals)
        {
            if (s.deal != deals + 1)
            {
                throw new IllegalStateException("deal " + s.deal + " after deal " + deals);
            }
            startDeal(s.time);
        }
        if (s.time < runFirstTimes[runDeals - 1])
        {
            throw new IllegalStateException("step " + s.index + " of deal " + s.deal + " before the deal's first");
        }
        steps++;
        run.add(s);
    }

    private void startDeal(final long time)
    {
        if (runDeals > 0 && run.size() >= runBytes)
        {
            spillRun();
        }
        if (runDeals + 1 >= runStarts.length)
        {
            final int length = (int)Math.min(Integer.MAX_VALUE - 8, runStarts.length * 2L);
            runStarts = Arrays.copyOf(runStarts, length);
            runFirstTimes = Arrays.copyOf(runFirstTimes, length);
        }
        runStarts[runDeals] = run.size();
        runFirstTimes[runDeals] = time;
        runDeals++;
        deals++;
        run.startDeal(time);
    }

    /** Ends the filling: the last run is sorted (and spilled when runs were); the run's memory is let go. */
    void seal()
    {
        if (sealed)
        {
            return;
        }
        sealed = true;
        if (spill == null)
        {
            final ByteBuffer out = ByteBuffer.wrap(new byte[run.size() + runDeals * DueDeals.HEADER]);
            writeSortedRun(out, null);
            sortedInMemory = out.array();
        }
        else if (runDeals > 0)
        {
            spillRun();
        }
        run = null;
        runStarts = null;
        runFirstTimes = null;
    }

    /** Number of deals added. */
    int deals()
    {
        return deals;
    }

    /** Number of steps added. */
    long steps()
    {
        return steps;
    }

    /** Number of runs written to the temporary file (0: the plan is in memory). */
    int spilledRuns()
    {
        return spilledRuns;
    }

    /** A new cursor over every step, in time order (see {@link StepCursor}); the store must be sealed. */
    StepCursor cursor()
    {
        if (!sealed)
        {
            throw new IllegalStateException("the deal store is not sealed");
        }
        return new StepCursor(new DueDeals(sortedInMemory, spill, Arrays.copyOf(runEnds, spilledRuns)));
    }

    private void spillRun()
    {
        if (spill == null)
        {
            spill = DealSpillFile.create(spillDir);
        }
        final ByteBuffer out = ByteBuffer.allocate(WRITE_BUFFER);
        writeSortedRun(out, spill);
        out.flip();
        spill.append(out);
        if (spilledRuns == runEnds.length)
        {
            runEnds = Arrays.copyOf(runEnds, spilledRuns * 2);
        }
        runEnds[spilledRuns++] = spill.size();
        run.clear();
        runDeals = 0;
    }

    /**
     * Writes the run's deals in due order as {@link DueDeals} records to {@code out}; when it is full, its contents
     * go to {@code file} (then {@code out} must hold at least a record's header).
     */
    private void writeSortedRun(final ByteBuffer out, final DealSpillFile file)
    {
        runStarts[runDeals] = run.size();
        final int[] order = DueOrder.byTime(Arrays.copyOf(runFirstTimes, runDeals));
        final int firstDeal = deals - runDeals + 1;
        final byte[] bytes = run.bytes();
        for (final int k : order)
        {
            if (out.remaining() < DueDeals.HEADER)
            {
                drain(out, file);
            }
            final int from = runStarts[k];
            final int length = runStarts[k + 1] - from;
            out.putLong(runFirstTimes[k]).putInt(firstDeal + k).putInt(length);
            for (int done = 0; done < length; )
            {
                if (!out.hasRemaining())
                {
                    drain(out, file);
                }
                final int n = Math.min(out.remaining(), length - done);
                out.put(bytes, from + done, n);
                done += n;
            }
        }
    }

    private static void drain(final ByteBuffer out, final DealSpillFile file)
    {
        out.flip();
        file.append(out);
        out.clear();
    }
}
