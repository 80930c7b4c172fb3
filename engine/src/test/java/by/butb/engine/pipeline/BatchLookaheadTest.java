package by.butb.engine.pipeline;

import by.butb.engine.CommandStream;
import by.butb.engine.TestMarket;
import by.butb.engine.core.Command;
import by.butb.engine.core.EventList;
import by.butb.engine.core.MarketRules;
import by.butb.engine.core.MatchingEngine;
import com.lmax.disruptor.RingBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BatchLookaheadTest
{
    /**
     * Batches of every size, above and below the window, handed over as the Disruptor's processor does: every
     * command reaches the wrapped handler once, in order, with its end of batch, and the engine that was looked ahead
     * for ends in the state of one that was not.
     */
    @Test
    void handsEveryCommandOnInOrderAndLeavesTheEngineAsWithoutIt() throws Exception
    {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        final RingBuffer<CommandSlot> ring = RingBuffer.createSingleProducer(CommandSlot::new, 256);
        final MatchingEngine engine = new MatchingEngine(TestMarket.catalog(), MarketRules.DEFAULT);
        final MatchingEngine plain = new MatchingEngine(TestMarket.catalog(), MarketRules.DEFAULT);
        final EventList events = new EventList();
        final List<String> handed = new ArrayList<>();
        final BatchLookahead lookahead = new BatchLookahead(ring, engine, (slot, sequence, endOfBatch) ->
        {
            handed.add(sequence + " " + slot.command.clientOrderId + " " + endOfBatch);
            events.clear();
            engine.process(slot.command, events);
        }, random.nextInt(3));
        final CommandStream stream = new CommandStream(TestMarket.catalog(), seed);
        final List<String> expected = new ArrayList<>();
        long sequence = 0;
        while (sequence < 20_000)
        {
            final int n = 1 + random.nextInt(random.nextBoolean() ? 8 : 200);
            final long hi = ring.next(n);
            for (long s = hi - n + 1; s <= hi; s++)
            {
                final Command command = ring.get(s).command;
                stream.next(command.clear()).sequence = s;
                expected.add(s + " " + command.clientOrderId + " " + (s == hi));
                events.clear();
                plain.process(command, events);
            }
            ring.publish(hi - n + 1, hi);
            lookahead.onBatchStart(n, n);
            for (long s = hi - n + 1; s <= hi; s++)
            {
                lookahead.onEvent(ring.get(s), s, s == hi);
            }
            sequence = hi + 1;
            assertEquals(plain.stateHash(), engine.stateHash(), "seed " + seed + ", command " + hi);
        }
        assertEquals(expected, handed, "seed " + seed);
    }
}
