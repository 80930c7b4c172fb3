package by.butb.engine.pipeline;

import by.butb.engine.core.MatchingEngine;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;

/**
 * The logic handler with a look ahead: before it hands the commands of a batch to the wrapped handler, a window of
 * up to {@link #WINDOW} at a time, it has the engine {@linkplain MatchingEngine#touch touch} what they will read,
 * in two passes over the window, so that the cache misses of cancels and replaces in a large book overlap instead of
 * coming one command at a time. Only while the engine holds at least {@link #FROM_LIVE_ORDERS} live orders (by
 * default): in a smaller book the orders stay in the cache, and the touches would only add work. Reads only: what
 * the engine does and emits is the same with or without it.
 *
 * <p>Threading: the logic thread, which the Disruptor calls {@link #onBatchStart} and {@link #onEvent} on; the
 * commands of the batch are in ring slots that are not reused before this handler's sequence moves past them.
 */
final class BatchLookahead implements EventHandler<CommandSlot>
{
    /** Commands touched ahead at a time: enough for their misses to overlap, few enough to stay in the cache. */
    static final int WINDOW = 32;
    /**
     * Live orders from which batches are looked ahead: about 4 MB of orders, more than the 1-2 MB of a core's own
     * cache on common machines.
     */
    static final int FROM_LIVE_ORDERS = 32_768;

    private final RingBuffer<CommandSlot> ring;
    private final MatchingEngine engine;
    private final EventHandler<CommandSlot> apply;
    private final int fromLiveOrders;
    /** The sequence of the next command this handler will be given. */
    private long next;
    /** The last sequence of the current batch, and of the commands touched so far. */
    private long batchEnd = -1;
    private long touchedEnd = -1;
    /** What the touches read: kept so that they are not optimised away. */
    private long read;

    BatchLookahead(final RingBuffer<CommandSlot> ring, final MatchingEngine engine,
        final EventHandler<CommandSlot> apply)
    {
        this(ring, engine, apply, FROM_LIVE_ORDERS);
    }

    /** @param fromLiveOrders the live orders from which batches are looked ahead ({@link #FROM_LIVE_ORDERS}). */
    BatchLookahead(final RingBuffer<CommandSlot> ring, final MatchingEngine engine,
        final EventHandler<CommandSlot> apply, final int fromLiveOrders)
    {
        this.ring = ring;
        this.engine = engine;
        this.apply = apply;
        this.fromLiveOrders = fromLiveOrders;
    }

    @Override
    public void onBatchStart(final long batchSize, final long queueDepth)
    {
        if (engine.liveOrderCount() < fromLiveOrders)
        {
            batchEnd = -1;
            return;
        }
        batchEnd = next + batchSize - 1;
        touch(next);
    }

    @Override
    public void onEvent(final CommandSlot slot, final long sequence, final boolean endOfBatch) throws Exception
    {
        if (sequence > touchedEnd && sequence <= batchEnd)
        {
            touch(sequence);
        }
        next = sequence + 1;
        apply.onEvent(slot, sequence, endOfBatch);
    }

    private void touch(final long from)
    {
        final long to = Math.min(batchEnd, from + WINDOW - 1);
        long sum = read;
        for (long s = from; s <= to; s++)
        {
            sum += engine.touch(ring.get(s).command, 1);
        }
        for (long s = from; s <= to; s++)
        {
            sum += engine.touch(ring.get(s).command, 2);
        }
        read = sum;
        touchedEnd = to;
    }
}
