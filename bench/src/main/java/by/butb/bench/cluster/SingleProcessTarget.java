package by.butb.bench.cluster;

import by.butb.cluster.NodeConfig;
import by.butb.engine.core.Command;
import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.model.Catalog;
import by.butb.engine.pipeline.CommandTranslator;
import by.butb.engine.pipeline.EngineContext;
import by.butb.engine.pipeline.EngineListener;
import by.butb.engine.pipeline.EnginePipeline;
import by.butb.harness.CompletionRecorder;

import java.nio.file.Path;

/**
 * The single-process engine as {@code butb serve} runs it: an {@link EnginePipeline} with the engine's defaults
 * (wait strategy, layout for this machine, input and output journal when {@code journal} is given). A command is
 * answered when the pipeline calls {@link EngineListener#onCommandComplete} (its events journaled and published);
 * the intended send time rides in {@link Command#userRef}.
 */
final class SingleProcessTarget implements RoundTripTarget, CommandTranslator<Command>, EngineListener
{
    private final CompletionRecorder recorder;
    private final EnginePipeline pipeline;
    private final String description;
    private long intended;

    /** {@code journal}: the journal directory, or null for none. */
    SingleProcessTarget(final Catalog catalog, final Path journal, final CompletionRecorder recorder)
    {
        this.recorder = recorder;
        pipeline = EnginePipeline.start(new EngineContext().catalog(catalog).dataDirectory(journal)
            .expectedOrders(NodeConfig.EXPECTED_ORDERS).listener(this));
        description = "single process: EnginePipeline, layout " + pipeline.layout() + ", " +
            (journal == null ? "no journal" : "input and output journal in " + journal);
    }

    @Override
    public void submit(final Command command, final long intendedNanos)
    {
        intended = intendedNanos;
        pipeline.submit(this, command);
    }

    @Override
    public void translateTo(final Command slot, final Command source)
    {
        slot.copyFrom(source);
        slot.userRef = intended;
    }

    @Override
    public void onEvent(final EngineEvent event)
    {
    }

    @Override
    public void onCommandComplete(final Command command, final MatchingEngine engine)
    {
        recorder.complete(command.userRef);
    }

    @Override
    public int poll()
    {
        return 0;
    }

    @Override
    public String describe()
    {
        return description;
    }

    @Override
    public void close()
    {
        pipeline.close();
    }
}
