package by.butb.engine.lots;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Open lots close earliest closing time first, equal times in offer order, against a plain list as reference. */
class LotRegistryTest
{
    @Test
    void dueLotsComeOutByClosingTimeThenOfferOrder()
    {
        final long seed = System.nanoTime();
        final SplittableRandom rng = new SplittableRandom(seed);
        final LotRegistry registry = new LotRegistry();
        final List<Lot> reference = new ArrayList<>();
        long now = 0;
        long id = 0;
        for (int round = 0; round < 3000; round++)
        {
            for (int k = rng.nextInt(4); k > 0; k--)
            {
                final Lot lot = new Lot();
                lot.lotId = ++id;
                lot.clientOrderId = id;
                lot.owner = rng.nextInt(5);
                lot.closeTime = now + rng.nextInt(1, 30);
                registry.add(lot);
                reference.add(lot);
            }
            now += rng.nextInt(10);
            for (Lot due = registry.takeDue(now); due != null; due = registry.takeDue(now))
            {
                final Lot expected = firstDue(reference, now);
                assertEquals(expected.lotId, due.lotId, "seed " + seed + ", round " + round);
                reference.remove(expected);
                due.closed = true;
            }
            assertNull(firstDue(reference, now), "seed " + seed + ", round " + round);
            assertEquals(reference.stream().mapToLong(l -> l.closeTime).min().orElse(Long.MAX_VALUE),
                registry.nextClose(), "seed " + seed + ", round " + round);
            assertEquals(reference, registry.open(), "seed " + seed + ", round " + round);
        }
    }

    private static Lot firstDue(final List<Lot> open, final long time)
    {
        Lot first = null;
        for (final Lot lot : open)
        {
            if (lot.closeTime <= time && (first == null || lot.closeTime < first.closeTime))
            {
                first = lot;
            }
        }
        return first;
    }
}
