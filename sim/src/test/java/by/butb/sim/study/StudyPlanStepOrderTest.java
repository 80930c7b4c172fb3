package by.butb.sim.study;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plan hands its steps out as they fall due (deal by deal, from packed bytes) instead of holding them all: the
 * order and content must be exactly those of every planned step held in memory and sorted by time, deal and index.
 */
class StudyPlanStepOrderTest
{
    static final Comparator<Step> REPLAY_ORDER = Comparator.comparingLong((Step s) -> s.time)
        .thenComparingInt(s -> s.deal).thenComparingInt(s -> s.index);

    @Test
    void theCursorGivesEveryPlannedStepInTheOrderOfTheSortedList(@TempDir final Path dir)
    {
        final long random = System.nanoTime();
        for (final long seed : new long[] {20240917L, 7L, random})
        {
            for (final int scale : new int[] {1, 3})
            {
                // In memory (one run), and spilled to a file in runs of 64 KiB.
                final boolean spill = scale == 3;
                final String where = "seed " + seed + ", scale " + scale + (spill ? ", spilled" : "");
                final List<Step> all = new ArrayList<>();
                final DealStore store = spill ? new DealStore(1 << 16, dir) : new DealStore();
                final StudyPlan plan = StudyPlan.of(Scenario.load(ScenarioSource.STUDY).with(seed, scale), all::add,
                    store);
                assertEquals(spill, store.spilledRuns() > 3, where + ": " + store.spilledRuns() + " runs spilled");
                all.sort(REPLAY_ORDER);
                assertEquals(all.size(), plan.stepCount(), where);
                final StepCursor cursor = plan.steps();
                int maxHeld = 0;
                for (int i = 0; i < all.size(); i++)
                {
                    assertTrue(cursor.hasNext(), where + ": ends after " + i + " steps");
                    assertSame(all.get(i), cursor.next(), where + ", step " + i);
                    maxHeld = Math.max(maxHeld, cursor.held());
                }
                assertFalse(cursor.hasNext(), where);
                // It holds only the deals open at once: lots of an hour, address deals of ten minutes.
                assertTrue(maxHeld < all.size() / 50, where + ": held " + maxHeld + " of " + all.size());
            }
        }
    }

    @Test
    void readingTheCommandsBackwardsGivesTheSameCommands()
    {
        final StudyPlan plan = StudyPlan.of(Scenario.load(ScenarioSource.STUDY));
        final StudyCommands forward = new StudyCommands(plan);
        final List<StudyCommands.Planned> inOrder = new ArrayList<>();
        for (int i = 0; i < 300; i++)
        {
            inOrder.add(forward.get(i));
        }
        final StudyCommands backward = new StudyCommands(plan);
        for (int i = 299; i >= 0; i -= 7)
        {
            assertEquals(inOrder.get(i), backward.get(i), "command " + i);
            assertEquals(inOrder.get(i).timeNanos(), backward.timeNanos(i), "command " + i);
        }
        assertEquals(plan.endNanos(), backward.timeNanos(backward.size() - 1));
    }

    @Test
    void packedStepsComeBackAsTheyWere()
    {
        final long seed = System.nanoTime();
        final SplittableRandom rng = new SplittableRandom(seed);
        final DealBytes.Writer writer = new DealBytes.Writer(16, 64);
        final List<Step> written = DealStoreTest.randomDeals(rng, 2000);
        final List<int[]> bounds = new ArrayList<>();
        for (final Step s : written)
        {
            if (bounds.isEmpty() || bounds.get(bounds.size() - 1)[0] != s.deal)
            {
                bounds.add(new int[] {s.deal, writer.size(), 0});
                writer.startDeal(s.time);
            }
            writer.add(s);
            bounds.get(bounds.size() - 1)[2] = writer.size();
        }
        final List<Step> read = new ArrayList<>();
        int k = 0;
        for (final int[] deal : bounds)
        {
            DealBytes.unpack(writer.bytes(), deal[1], deal[2], deal[0], written.get(k).time, () -> junk(rng),
                read::add);
            k = read.size();
        }
        assertEquals(written.size(), read.size(), "seed " + seed);
        for (int i = 0; i < written.size(); i++)
        {
            assertSame(written.get(i), read.get(i), "seed " + seed + ", step " + i);
        }
    }

    @Test
    void dueOrderSortsByTimeThenPosition()
    {
        final long seed = System.nanoTime();
        final SplittableRandom rng = new SplittableRandom(seed);
        for (int round = 0; round < 50; round++)
        {
            final long[] times = new long[rng.nextInt(1, 3000)];
            final long[] pool = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, rng.nextLong(), rng.nextLong()};
            for (int i = 0; i < times.length; i++)
            {
                times[i] = round % 3 == 0 ? pool[rng.nextInt(pool.length)] : 1_700_000_000_000_000_000L +
                    rng.nextLong(round % 3 == 1 ? 1000 : 1L << 55);
            }
            final List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < times.length; i++)
            {
                expected.add(i);
            }
            expected.sort(Comparator.comparingLong((Integer i) -> times[i]));
            final int[] order = DueOrder.byTime(times);
            for (int i = 0; i < times.length; i++)
            {
                assertEquals(expected.get(i), order[i], "seed " + seed + ", round " + round + ", position " + i);
            }
        }
    }

    /** A step whose every field is set to something else than a new step's. */
    private static Step junk(final SplittableRandom rng)
    {
        final Step s = new Step();
        s.time = rng.nextLong();
        s.deal = rng.nextInt();
        s.index = rng.nextInt();
        s.kind = (byte)rng.nextInt();
        s.role = (byte)rng.nextInt();
        s.sell = true;
        s.ioc = true;
        s.submitter = rng.nextInt();
        s.owner = rng.nextInt();
        s.instrument = rng.nextInt();
        s.counterparty = rng.nextInt();
        s.price = rng.nextLong();
        s.quantity = rng.nextLong();
        s.bidStep = rng.nextLong() | 1;
        s.closeTime = rng.nextLong() | 1;
        return s;
    }

    static void assertSame(final Step expected, final Step actual, final String where)
    {
        assertEquals(describe(expected), describe(actual), where);
    }

    private static String describe(final Step s)
    {
        return s.time + " deal " + s.deal + " #" + s.index + " kind " + s.kind + " role " + s.role + " sell " +
            s.sell + " ioc " + s.ioc + " by " + s.submitter + " for " + s.owner + " in " + s.instrument + " to " +
            s.counterparty + " at " + s.price + " x " + s.quantity + " step " + s.bidStep + " close " + s.closeTime;
    }
}
