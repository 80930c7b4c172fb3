package by.butb.engine.pipeline;

import by.butb.engine.core.Command;
import by.butb.engine.core.EngineSnapshot;
import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.EventList;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.journal.Journal;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The engine behind a Disruptor ring: [input journal] then [logic + listeners] then [output journal].
 *
 * <p>Stages: with a data directory, each command is appended to the input journal before the logic sees it; the
 * logic thread applies the command with the {@link MatchingEngine} and hands the events to the listeners; the
 * events are appended to the output journal. Which thread does what is the {@link PipelineLayout}
 * ({@link EngineContext#layout}): all on the logic thread, the input journal on a thread of its own, or each stage
 * on its own thread with a second ring of pre-allocated event slots between the logic and the output journal. On
 * start with a data directory, the journal is replayed first: the state is rebuilt, and events of journaled
 * commands that never reached the output journal are published then.
 *
 * <p>Threading: {@link #submit} from one thread, or from many with {@link EngineContext#multiProducer}.
 * {@link #engine()} queries are safe only after {@link #drain()} and while nothing is submitted.
 */
public final class EnginePipeline implements AutoCloseable
{
    private final MatchingEngine engine;
    private final Journal journal;
    private final Disruptor<CommandSlot> disruptor;
    private final RingBuffer<CommandSlot> ring;
    private final EventHandler<CommandSlot> logicHandler;
    private final PipelineLayout layout;
    /** The output stage of {@link PipelineLayout#STAGED} (with an output journal), or null. */
    private final Disruptor<EventSlot> output;
    private final RingBuffer<EventSlot> outputRing;
    private final EventHandler<EventSlot> outputHandler;
    private final long baseSequence;
    private final long recoveredCommands;
    private final Path snapshots;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Consumer<Throwable> onFailure;
    private volatile boolean closed;

    private EnginePipeline(final EngineContext ctx)
    {
        if (ctx.catalog() == null)
        {
            throw new IllegalArgumentException("EngineContext has no catalog");
        }
        engine = new MatchingEngine(ctx.catalog(), ctx.rules(), ctx.schedule(), ctx.expectedOrders());
        onFailure = ctx.onFailure();
        final List<EngineListener> listeners = ctx.listeners();
        final EngineListener[] listenerArray = listeners.toArray(new EngineListener[0]);
        snapshots = ctx.dataDirectory() == null ? null : ctx.dataDirectory().resolve("snapshots");
        final long snapshotSequence = snapshots == null ? -1 : PipelineRecovery.loadLatestSnapshot(snapshots, engine);
        journal = ctx.dataDirectory() == null ? null : new Journal(ctx.dataDirectory());
        try
        {
            recoveredCommands = journal == null ? 0 :
                PipelineRecovery.recover(journal, ctx.outputJournal(), engine, listenerArray, snapshotSequence);
        }
        catch (final RuntimeException ex)
        {
            journal.close();
            throw ex;
        }
        baseSequence = engine.lastSequence() + 1;

        layout = ctx.layout();
        disruptor = new Disruptor<>(CommandSlot::new, ctx.ringSize(), threads("butb-engine"),
            ctx.multiProducer() ? ProducerType.MULTI : ProducerType.SINGLE, ctx.waitStrategy().create());
        disruptor.setDefaultExceptionHandler(new FailureRecorder<>());
        ring = disruptor.getRingBuffer();
        final boolean staged = journal != null && ctx.outputJournal() && layout == PipelineLayout.STAGED;
        final Journal outputJournal = ctx.outputJournal() && !staged ? journal : null;
        if (staged)
        {
            output = new Disruptor<>(EventSlot::new, OUTPUT_SLOTS_PER_COMMAND_SLOT * ctx.ringSize(),
                threads("butb-engine-out"), ProducerType.SINGLE, ctx.waitStrategy().create());
            output.setDefaultExceptionHandler(new FailureRecorder<>());
            outputRing = output.getRingBuffer();
            outputHandler = (slot, sequence, endOfBatch) ->
            {
                if (slot.hasEvent)
                {
                    journal.appendEvent(slot.event);
                }
                if (slot.lastOfCommand)
                {
                    journal.endEvents(endOfBatch);
                }
            };
            output.handleEventsWith(outputHandler);
        }
        else
        {
            output = null;
            outputRing = null;
            outputHandler = null;
        }

        // One event list, reused for every command on the logic thread, stays hot in the cache.
        final EventList events = new EventList(64);
        final RingBuffer<EventSlot> stage = outputRing;
        final EventHandler<CommandSlot> apply = new BatchLookahead(ring, engine, (slot, sequence, endOfBatch) ->
        {
            events.clear();
            engine.process(slot.command, events);
            publish(slot.command, events, engine, outputJournal, listenerArray, endOfBatch);
            if (stage != null)
            {
                stageEvents(stage, events); // after the listeners: the output journal never runs ahead of them
            }
        });
        if (journal == null)
        {
            logicHandler = apply;
            disruptor.handleEventsWith(logicHandler);
        }
        else if (layout == PipelineLayout.ONE_THREAD)
        {
            logicHandler = new JournalThenApply(journal, ring, apply);
            disruptor.handleEventsWith(logicHandler);
        }
        else
        {
            // The journal thread closes a document at the end of each batch it sees; the Disruptor publishes its
            // progress only after the batch, so the logic never applies a command that is not durable yet.
            final EventHandler<CommandSlot> journalHandler = (slot, sequence, endOfBatch) ->
                journal.appendCommand(slot.command, endOfBatch);
            logicHandler = apply;
            disruptor.handleEventsWith(journalHandler).then(logicHandler);
        }
        if (output != null)
        {
            output.start();
        }
        disruptor.start();
    }

    /**
     * Claims {@code count} slots of the output ring, waiting while the output stage is a ring behind; gives up
     * (throws) once the pipeline has failed, so that a dead output thread cannot hold the logic thread for ever.
     */
    private long claim(final RingBuffer<EventSlot> stage, final int count)
    {
        while (true)
        {
            try
            {
                return stage.tryNext(count);
            }
            catch (final InsufficientCapacityException ex)
            {
                if (failure.get() != null)
                {
                    throw new IllegalStateException("the output stage failed: " + failure.get(), failure.get());
                }
                LockSupport.parkNanos(1_000);
            }
        }
    }

    /** Output slots per command slot in {@link PipelineLayout#STAGED}: room for the events of a few commands. */
    private static final int OUTPUT_SLOTS_PER_COMMAND_SLOT = 4;

    /** The threads of the pipeline's stages, which {@link #close} waits for before it closes the journal. */
    private final List<Thread> stageThreads = new CopyOnWriteArrayList<>();

    private ThreadFactory threads(final String name)
    {
        return r ->
        {
            final Thread t = new Thread(r, name);
            t.setDaemon(true);
            stageThreads.add(t);
            return t;
        };
    }

    /**
     * Copies a command's events into the output ring and publishes them, a chunk at a time when there are more
     * than the ring holds; a command without events is published as one slot that only marks its end. Waits (by the
     * ring's claim) while the output stage is a ring behind.
     */
    private void stageEvents(final RingBuffer<EventSlot> stage, final EventList events)
    {
        final int n = events.size();
        if (n == 0)
        {
            final long s = claim(stage, 1);
            final EventSlot slot = stage.get(s);
            slot.hasEvent = false;
            slot.lastOfCommand = true;
            stage.publish(s);
            return;
        }
        final int chunk = stage.getBufferSize();
        for (int from = 0; from < n; from += chunk)
        {
            final int count = Math.min(chunk, n - from);
            final long hi = claim(stage, count);
            final long lo = hi - count + 1;
            for (int i = 0; i < count; i++)
            {
                final EventSlot slot = stage.get(lo + i);
                slot.event.copyFrom(events.get(from + i));
                slot.hasEvent = true;
                slot.lastOfCommand = from + i == n - 1;
            }
            stage.publish(lo, hi);
        }
    }

    /**
     * One thread journals and applies: it appends the commands of a batch to the journal, closes the document
     * (the batch is durable), then applies them from their ring slots, which cannot be reused before this
     * handler's sequence moves on.
     */
    private static final class JournalThenApply implements EventHandler<CommandSlot>
    {
        private final Journal journal;
        private final RingBuffer<CommandSlot> ring;
        private final EventHandler<CommandSlot> apply;
        private long pendingFrom = -1;

        JournalThenApply(final Journal journal, final RingBuffer<CommandSlot> ring,
            final EventHandler<CommandSlot> apply)
        {
            this.journal = journal;
            this.ring = ring;
            this.apply = apply;
        }

        @Override
        public void onBatchStart(final long batchSize, final long queueDepth)
        {
            apply.onBatchStart(batchSize, queueDepth);
        }

        @Override
        public void onEvent(final CommandSlot slot, final long sequence, final boolean endOfBatch) throws Exception
        {
            if (pendingFrom < 0)
            {
                pendingFrom = sequence;
            }
            if (journal.appendCommand(slot.command, endOfBatch))
            {
                for (long s = pendingFrom; s <= sequence; s++)
                {
                    apply.onEvent(ring.get(s), s, s == sequence);
                }
                pendingFrom = -1;
            }
        }
    }

    /** Builds the engine, recovers it from the data directory if one is set, and starts the pipeline threads. */
    public static EnginePipeline start(final EngineContext ctx)
    {
        return new EnginePipeline(ctx);
    }

    /**
     * Hands a command's events to the listeners and stages them in the output journal (when there is one), tells the
     * listeners the command is complete, and only then lets the journal write its batch ({@code endOfBatch}): the
     * output journal never holds a command the listeners have not finished with, since a restart republishes only
     * what comes after its last command.
     */
    static void publish(final Command command, final EventList events, final MatchingEngine engine,
        final Journal outputJournal, final EngineListener[] listeners, final boolean endOfBatch)
    {
        for (int i = 0, n = events.size(); i < n; i++)
        {
            final EngineEvent event = events.get(i);
            if (outputJournal != null)
            {
                outputJournal.appendEvent(event);
            }
            for (final EngineListener listener : listeners)
            {
                listener.onEvent(event);
            }
        }
        for (final EngineListener listener : listeners)
        {
            listener.onCommandComplete(command, engine);
        }
        if (outputJournal != null)
        {
            outputJournal.endEvents(endOfBatch);
        }
    }

    /**
     * Claims a slot, lets {@code translator} fill the cleared command, and publishes it. If the translator throws,
     * the slot is published cleared (the engine rejects it as malformed input) and the exception goes on.
     */
    public <A> void submit(final CommandTranslator<A> translator, final A arg)
    {
        final long sequence = claimCommands(1);
        fillAndPublish(translator, arg, sequence, sequence);
    }

    /**
     * Claims {@code count} consecutive slots, lets {@code translator} fill each cleared command in turn, and
     * publishes them together, so the logic thread finds them all at once instead of following the producer
     * command by command (measured faster on the project's 2-core machine, bench/RESULTS.md). Commands are
     * applied in the order the translator fills them. If the translator throws, the slots not filled yet are
     * published cleared (the engine rejects each as malformed input) and the exception goes on.
     *
     * @param count 1 to {@link EngineContext#ringSize}.
     */
    public <A> void submit(final CommandTranslator<A> translator, final A arg, final int count)
    {
        if (count < 1 || count > ring.getBufferSize())
        {
            throw new IllegalArgumentException("cannot submit a batch of " + count + " commands: a batch holds 1 to " +
                ring.getBufferSize() + " (the ring size)");
        }
        final long hi = claimCommands(count);
        fillAndPublish(translator, arg, hi - count + 1, hi);
    }

    /**
     * Claims {@code count} slots of the command ring, waiting (as the ring's own claim does) while it is full; throws
     * once the pipeline has failed, so that a dead logic thread (an exception, an OutOfMemoryError in a listener)
     * fails the submitter instead of holding it for ever.
     */
    private long claimCommands(final int count)
    {
        if (closed)
        {
            throw new IllegalStateException("the engine pipeline is closed: a command submitted now would be lost");
        }
        checkFailure();
        while (true)
        {
            try
            {
                return ring.tryNext(count);
            }
            catch (final InsufficientCapacityException ex)
            {
                checkFailure();
                LockSupport.parkNanos(1L);
            }
        }
    }

    private <A> void fillAndPublish(final CommandTranslator<A> translator, final A arg, final long lo, final long hi)
    {
        long s = lo;
        try
        {
            for (; s <= hi; s++)
            {
                final Command command = ring.get(s).command;
                command.clear();
                translator.translateTo(command, arg);
                command.sequence = baseSequence + s;
            }
        }
        finally
        {
            for (; s <= hi; s++)
            {
                ring.get(s).command.clear().sequence = baseSequence + s;
            }
            ring.publish(lo, hi);
        }
    }

    /** Submits a copy of {@code command} (its sequence is assigned here). */
    public void submit(final Command command)
    {
        submit(COPY, command);
    }

    private static final CommandTranslator<Command> COPY = (slot, source) -> slot.copyFrom(source);

    /** Waits until every submitted command has been applied and its events published and journaled. */
    public void drain()
    {
        final long target = ring.getCursor();
        while (disruptor.getSequenceValueFor(logicHandler) < target)
        {
            checkFailure();
            LockSupport.parkNanos(50_000);
        }
        if (output != null)
        {
            final long staged = outputRing.getCursor();
            while (output.getSequenceValueFor(outputHandler) < staged)
            {
                checkFailure();
                LockSupport.parkNanos(50_000);
            }
        }
        checkFailure();
    }

    /** The thread layout this pipeline runs with. */
    public PipelineLayout layout()
    {
        return layout;
    }

    /**
     * Drains, then writes the whole engine state to {@code snapshots/snapshot-<sequence>.bin} in the data
     * directory; the next start loads the latest snapshot and replays only the journal after it. Call it from the
     * submitting thread (with several producers: while none submits).
     *
     * @return the snapshot file.
     */
    public Path snapshot()
    {
        if (snapshots == null)
        {
            throw new IllegalStateException("snapshots need a data directory (EngineContext.dataDirectory)");
        }
        drain();
        final Path file = snapshots.resolve("snapshot-" + engine.lastSequence() + ".bin");
        EngineSnapshot.write(engine, file);
        return file;
    }

    /** The engine, for queries after {@link #drain()}. */
    public MatchingEngine engine()
    {
        return engine;
    }

    /** Commands replayed from the journal when this pipeline started (after the snapshot it loaded, if any). */
    public long recoveredCommands()
    {
        return recoveredCommands;
    }

    /** Number of commands submitted through this pipeline since start. */
    public long submittedCommands()
    {
        return ring.getCursor() + 1;
    }

    private void checkFailure()
    {
        final Throwable t = failure.get();
        if (t != null)
        {
            throw new IllegalStateException("engine pipeline failed: " + t, t);
        }
    }

    /** Drains, stops the threads and closes the journal. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            if (failure.get() == null)
            {
                drain();
            }
        }
        finally
        {
            disruptor.halt();
            if (output != null)
            {
                output.halt();
            }
            awaitStageThreads(); // none may still use the journal's appenders as it closes
            if (journal != null)
            {
                if (failure.get() != null)
                {
                    journal.discardStaged(); // part of a batch, part of a command: made again at the next start
                }
                journal.close();
            }
        }
    }

    private void awaitStageThreads()
    {
        for (final Thread t : stageThreads)
        {
            if (t == Thread.currentThread())
            {
                continue; // closed by a listener, on the logic thread itself
            }
            try
            {
                t.join(5_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private final class FailureRecorder<T> implements ExceptionHandler<T>
    {
        @Override
        public void handleEventException(final Throwable ex, final long sequence, final T slot)
        {
            failed(ex);
            final String what = slot instanceof CommandSlot c ? String.valueOf(c.command) :
                slot instanceof EventSlot e ? "the output journal, at " + e.event : String.valueOf(slot);
            throw new IllegalStateException("engine failed on " + what, ex);
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            failed(ex);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            failed(ex);
        }

        private void failed(final Throwable ex)
        {
            if (failure.compareAndSet(null, ex))
            {
                onFailure.accept(ex);
            }
        }
    }
}
