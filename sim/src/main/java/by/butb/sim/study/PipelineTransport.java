package by.butb.sim.study;

import by.butb.engine.core.Command;
import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.MarketRules;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.model.Catalog;
import by.butb.engine.pipeline.EngineContext;
import by.butb.engine.pipeline.EngineListener;
import by.butb.engine.pipeline.EnginePipeline;
import by.butb.engine.pipeline.WaitStrategyName;
import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The study in process: commands stream into the engine's ring as fast as it takes them. About
 * {@link #LATENCY_SAMPLES} of them (every n-th, and the final CLOCK) are timed, each submitted into an empty
 * pipeline so that its latency is the engine's (submit to events published) and not a queue's. While the
 * pipeline empties, the submitting thread sleeps; the engine's thread wakes it when the last command is done.
 */
final class PipelineTransport implements StudyTransport
{
    /** The engine's command ring: at most this many commands are submitted and not answered yet. */
    static final int RING_SIZE = 1 << 14;

    static final long LATENCY_SAMPLES = 20_000;

    private final StudyCommands commands;
    private final EnginePipeline pipeline;
    /**
     * Submission time of the sampled command in each ring slot (slot: the command's reference modulo the ring's
     * size), 0 for a command not sampled: the ring never holds two commands of the same slot.
     */
    private final long[] submitted = new long[RING_SIZE];
    private final long samplePeriod;
    private final AtomicLong completed = new AtomicLong();
    /** The submitting thread waits until this command (reference) is done; Long.MAX_VALUE when not waiting. */
    private final AtomicLong wakeAt = new AtomicLong(Long.MAX_VALUE);
    private volatile Thread submitter;

    PipelineTransport(final Catalog catalog, final MarketRules rules, final StudyCommands commands,
        final List<EngineListener> listeners, final Histogram latency)
    {
        this.commands = commands;
        this.samplePeriod = Math.max(1, commands.size() / LATENCY_SAMPLES);
        final EngineContext context = new EngineContext()
            .ringSize(RING_SIZE)
            .catalog(catalog)
            .rules(rules)
            .waitStrategy(WaitStrategyName.BLOCKING)
            .expectedOrders(4096)
            .listener(new EngineListener()
            {
                @Override
                public void onEvent(final EngineEvent event)
                {
                }

                @Override
                public void onCommandComplete(final Command command, final MatchingEngine engine)
                {
                    final long at = submitted[(int)command.userRef & RING_SIZE - 1];
                    if (at != 0)
                    {
                        latency.recordValue(Math.max(0, System.nanoTime() - at));
                    }
                    completed.set(command.userRef);
                    if (command.userRef >= wakeAt.get())
                    {
                        LockSupport.unpark(submitter);
                    }
                }
            });
        listeners.forEach(context::listener);
        pipeline = EnginePipeline.start(context);
    }

    @Override
    public void submit(final int i)
    {
        final int ref = i + 1;
        final boolean sample = ref % samplePeriod == 0 || ref == commands.size();
        if (sample && completed.get() < ref - 1)
        {
            submitter = Thread.currentThread();
            wakeAt.set(ref - 1);
            // The engine's thread sets completed before it reads wakeAt, this thread the reverse: one of the two
            // sees the other's write, so a wake-up is not lost; the timeout bounds the sleep all the same.
            while (completed.get() < ref - 1)
            {
                LockSupport.parkNanos(this, 1_000_000);
            }
            wakeAt.set(Long.MAX_VALUE);
        }
        pipeline.submit((command, list) ->
        {
            list.fill(command, i);
            command.userRef = ref;
            submitted[ref & RING_SIZE - 1] = sample ? System.nanoTime() : 0;
        }, commands);
    }

    @Override
    public void finish()
    {
        pipeline.drain();
    }

    @Override
    public long stateHash()
    {
        return pipeline.engine().stateHash();
    }

    @Override
    public long commands()
    {
        return pipeline.submittedCommands();
    }

    @Override
    public String latencyMeaning()
    {
        return "submit to events published";
    }

    @Override
    public String describe()
    {
        return "in process, through the engine's Disruptor ring";
    }

    @Override
    public void close()
    {
        pipeline.close();
    }
}
