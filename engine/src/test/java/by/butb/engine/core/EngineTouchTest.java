package by.butb.engine.core;

import by.butb.engine.CommandStream;
import by.butb.engine.TestMarket;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineTouchTest
{
    /**
     * Cancels and replaces of live, finished and never-used ids, through brokers too; each batch is touched (stage
     * 1, then stage 2) before it is processed, as the pipeline does.
     */
    @Test
    void touchingABatchBeforeProcessingItChangesNoEventAndNoState()
    {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        final MatchingEngine touched = new MatchingEngine(TestMarket.catalog(), MarketRules.DEFAULT);
        final MatchingEngine plain = new MatchingEngine(TestMarket.catalog(), MarketRules.DEFAULT);
        final CommandStream stream = new CommandStream(TestMarket.catalog(), seed);
        final Command[] batch = new Command[64];
        for (int i = 0; i < batch.length; i++)
        {
            batch[i] = new Command();
        }
        final EventList touchedEvents = new EventList();
        final EventList plainEvents = new EventList();
        long sequence = 0;
        int ordersRead = 0;
        while (sequence < 30_000)
        {
            final int n = 1 + random.nextInt(batch.length);
            for (int i = 0; i < n; i++)
            {
                stream.next(batch[i].clear()).sequence = sequence + i;
            }
            for (int i = 0; i < n; i++)
            {
                touched.touch(batch[i], 1);
            }
            for (int i = 0; i < n; i++)
            {
                ordersRead += touched.touch(batch[i], 2) != 0 ? 1 : 0;
            }
            for (int i = 0; i < n; i++, sequence++)
            {
                touchedEvents.clear();
                plainEvents.clear();
                touched.process(batch[i], touchedEvents);
                plain.process(batch[i], plainEvents);
                assertEquals(plainEvents.size(), touchedEvents.size(), "seed " + seed + ", command " + sequence);
                for (int e = 0; e < plainEvents.size(); e++)
                {
                    assertEquals(plainEvents.get(e).toString(), touchedEvents.get(e).toString(),
                        "seed " + seed + ", command " + sequence);
                }
            }
            assertEquals(plain.stateHash(), touched.stateHash(), "seed " + seed + ", command " + sequence);
        }
        assertTrue(ordersRead > 100, "the touches found live orders to read: " + ordersRead + "; seed " + seed);
    }
}
