package by.butb.sim.study;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A store spilled to a file in many sorted runs gives back exactly what a store held in memory gives: every step,
 * with every field, in replay order (time, deal, index), to each of several cursors; and it leaves no file behind.
 */
class DealStoreTest
{
    @Test
    void aStoreSpilledInManyRunsGivesTheStepsOfTheInMemoryStoreInReplayOrder(@TempDir final Path dir)
        throws IOException
    {
        for (int round = 0; round < 4; round++)
        {
            final long seed = System.nanoTime();
            final SplittableRandom rng = new SplittableRandom(seed);
            // Runs from one deal (a run is cut before a deal once it holds runBytes) to a few hundred deals; at
            // least 2,000 deals of 1 to 8 steps (about 40 bytes a step) make several runs.
            final int runBytes = round == 0 ? 1 : 1 + rng.nextInt(20_000);
            final String where = "seed " + seed + ", runs of " + runBytes + " bytes";
            final List<Step> written = randomDeals(rng, 2000 + rng.nextInt(1000));
            final DealStore inMemory = new DealStore(Integer.MAX_VALUE, dir);
            final DealStore spilled = new DealStore(runBytes, dir);
            for (final Step s : written)
            {
                inMemory.add(s);
                spilled.add(s);
            }
            inMemory.seal();
            spilled.seal();
            assertEquals(0, inMemory.spilledRuns(), where);
            assertTrue(spilled.spilledRuns() > 1, where + ": " + spilled.spilledRuns() + " runs");
            assertEquals(written.size(), spilled.steps(), where);
            assertEquals(written.get(written.size() - 1).deal, spilled.deals(), where);
            final List<Step> expected = new ArrayList<>(written);
            expected.sort(StudyPlanStepOrderTest.REPLAY_ORDER);
            assertGives(expected, inMemory.cursor(), null, where + ", in memory");
            // Two cursors of the spilled store at once, one step each in turn.
            assertGives(expected, spilled.cursor(), spilled.cursor(), where + ", spilled");
            if (File.separatorChar == '/')
            {
                try (Stream<Path> left = Files.list(dir))
                {
                    assertEquals(List.of(), left.toList(), where + ": the spill file's name is removed at once");
                }
            }
        }
    }

    @Test
    void aStepBeforeItsDealsFirstOrADealOutOfTurnIsRefused(@TempDir final Path dir)
    {
        final DealStore store = new DealStore(1, dir);
        final Step first = new Step();
        first.deal = 1;
        first.time = 100;
        store.add(first);
        final Step early = new Step();
        early.deal = 1;
        early.time = 99;
        assertEquals("step 0 of deal 1 before the deal's first", refusal(store, early));
        final Step skipped = new Step();
        skipped.deal = 3;
        assertEquals("deal 3 after deal 1", refusal(store, skipped));
        store.seal();
        assertEquals("the deal store is sealed", refusal(store, first));
    }

    private static String refusal(final DealStore store, final Step s)
    {
        try
        {
            store.add(s);
        }
        catch (final IllegalStateException ex)
        {
            return ex.getMessage();
        }
        return "accepted";
    }

    private static void assertGives(final List<Step> expected, final StepCursor a, final StepCursor b,
        final String where)
    {
        for (int i = 0; i < expected.size(); i++)
        {
            assertTrue(a.hasNext(), where + ": ends after " + i + " steps");
            StudyPlanStepOrderTest.assertSame(expected.get(i), a.next(), where + ", step " + i);
            if (b != null)
            {
                assertTrue(b.hasNext(), where + ", second cursor: ends after " + i + " steps");
                StudyPlanStepOrderTest.assertSame(expected.get(i), b.next(), where + ", second cursor, step " + i);
            }
        }
        assertFalse(a.hasNext(), where);
        assertFalse(b != null && b.hasNext(), where);
    }

    /**
     * Deals 1 to {@code deals}, each of 1 to 8 steps with every field drawn (the first step the deal's earliest,
     * times often equal across deals), in the order a plan adds them.
     */
    static List<Step> randomDeals(final SplittableRandom rng, final int deals)
    {
        final List<Step> steps = new ArrayList<>();
        final long[] times = {rng.nextLong(-1L << 60, 1L << 60), rng.nextLong(1L << 50), 0};
        for (int deal = 1; deal <= deals; deal++)
        {
            final long first = rng.nextBoolean() ? times[rng.nextInt(times.length)] :
                rng.nextLong(-1L << 60, 1L << 60);
            for (int index = 0, n = 1 + rng.nextInt(8); index < n; index++)
            {
                final Step s = new Step();
                s.deal = deal;
                s.index = index == n - 1 && rng.nextBoolean() ? 99 : index;
                s.time = index == 0 ? first : first + (rng.nextBoolean() ? rng.nextLong(1L << 40) :
                    rng.nextInt(10_000) * 1_000_000_000L);
                s.kind = (byte)rng.nextInt(5);
                s.role = (byte)rng.nextInt(4);
                s.sell = rng.nextBoolean();
                s.ioc = rng.nextBoolean();
                s.submitter = rng.nextInt(1000);
                s.owner = rng.nextInt(1000) - 1;
                s.instrument = rng.nextInt(50);
                s.counterparty = rng.nextInt(1000) - 1;
                s.price = rng.nextLong() >> rng.nextInt(64);
                s.quantity = rng.nextLong() >> rng.nextInt(64);
                if (rng.nextInt(4) == 0)
                {
                    s.bidStep = rng.nextLong() >> rng.nextInt(64);
                    s.closeTime = rng.nextLong(-1L << 61, 1L << 61);
                }
                steps.add(s);
            }
        }
        return steps;
    }
}
