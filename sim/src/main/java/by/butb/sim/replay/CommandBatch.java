package by.butb.sim.replay;

import by.butb.engine.core.Command;
import by.butb.engine.pipeline.CommandTranslator;
import by.butb.engine.pipeline.EnginePipeline;

/**
 * Collects the commands read from a file and submits them to the pipeline {@link #SIZE} at a time, so that the
 * engine's thread is woken, and the ring's cursor published, once a batch instead of once a command; the order ids
 * pending for them are numbered first. Reading thread only.
 */
final class CommandBatch
{
    static final int SIZE = 64;

    private static final CommandTranslator<CommandBatch> COPY =
        (slot, batch) -> slot.copyFrom(batch.commands[batch.copied++]);

    private final Command[] commands = new Command[SIZE];
    private final PendingOrderIds pendingIds;
    private int count;
    private int copied;

    /** @param pendingIds the order ids of the commands added that wait to be numbered. */
    CommandBatch(final PendingOrderIds pendingIds)
    {
        this.pendingIds = pendingIds;
        for (int i = 0; i < SIZE; i++)
        {
            commands[i] = new Command();
        }
    }

    /** The command to fill next; {@link #add} it once filled. */
    Command next()
    {
        return commands[count];
    }

    /** Adds the command {@link #next} gave, submitting the batch when it is full. */
    void add(final EnginePipeline pipeline)
    {
        if (++count == SIZE)
        {
            flush(pipeline);
        }
    }

    /**
     * Submits the commands added so far. The command {@link #next} gave, which may be being filled, stays the next
     * one.
     */
    void flush(final EnginePipeline pipeline)
    {
        if (count == 0)
        {
            return;
        }
        pendingIds.number();
        copied = 0;
        pipeline.submit(COPY, this, count);
        final Command filling = commands[count % SIZE];
        commands[count % SIZE] = commands[0];
        commands[0] = filling;
        count = 0;
    }
}
