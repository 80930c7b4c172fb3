package by.butb.gateway;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The index of a session store's latest messages: exactly the latest {@code capacity}, whatever their numbers. */
class RecordIndexTest
{
    @Test
    void holdsExactlyTheLatestMessagesWhateverTheGapsBetweenTheirNumbers()
    {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        final int capacity = 4096; // grows from 1,024 on the way
        final RecordIndex index = new RecordIndex(capacity);
        final List<int[]> added = new ArrayList<>(); // {seq, offset}
        final BitSet numbers = new BitSet();
        int seq = 0;
        for (int n = 0; n < 20_000; n++)
        {
            seq += 1 + random.nextInt(3);
            index.add(seq, 64L + 100L * n);
            added.add(new int[] {seq, 64 + 100 * n});
            numbers.set(seq);
            final int oldest = Math.max(0, added.size() - capacity);
            assertEquals(added.get(oldest)[1], index.oldestOffset(), "seed " + seed);
            assertEquals(added.get(oldest)[0], index.oldestSeq(), "seed " + seed);
            assertEquals(seq, index.newestSeq(), "seed " + seed);
            assertEquals(added.size() >= capacity, index.full(), "seed " + seed);
            for (int probe = 0; probe < 3; probe++)
            {
                final int i = random.nextInt(added.size());
                final int[] m = added.get(i);
                assertEquals(i >= oldest ? m[1] : -1, index.offsetOf(m[0]), "seed " + seed + ": message " + m[0]);
                final int skipped = added.get(oldest)[0] + random.nextInt(seq - added.get(oldest)[0] + 2);
                if (!numbers.get(skipped))
                {
                    assertEquals(-1, index.offsetOf(skipped), "seed " + seed + ": " + skipped + " was never added");
                }
            }
        }
        index.shift(64);
        assertEquals(added.get(added.size() - 1)[1] - 64, index.offsetOf(seq));
        index.clear();
        assertEquals(-1, index.offsetOf(seq));
        assertEquals(-1, index.oldestOffset());
        assertEquals(0, index.oldestSeq());
        assertEquals(0, index.newestSeq());
    }

    @Test
    void aCapacityThatIsNotAPowerOfTwoIsRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> new RecordIndex(1000));
    }
}
