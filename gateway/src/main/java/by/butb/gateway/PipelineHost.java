package by.butb.gateway;

import by.butb.engine.core.MatchingEngine;
import by.butb.engine.pipeline.CommandTranslator;
import by.butb.engine.pipeline.EngineContext;
import by.butb.engine.pipeline.EnginePipeline;

import java.nio.file.Path;

/** The engine in this process: an {@link EnginePipeline} (Disruptor, journal and recovery in the data directory). */
final class PipelineHost implements EngineHost
{
    private final EnginePipeline pipeline;
    private final Path dataDirectory;

    PipelineHost(final EngineContext context, final Path dataDirectory)
    {
        this.pipeline = EnginePipeline.start(context);
        this.dataDirectory = dataDirectory;
    }

    EnginePipeline pipeline()
    {
        return pipeline;
    }

    @Override
    public <A> void submit(final CommandTranslator<A> translator, final A arg)
    {
        pipeline.submit(translator, arg);
    }

    @Override
    public void drain()
    {
        pipeline.drain();
    }

    @Override
    public MatchingEngine engine()
    {
        return pipeline.engine();
    }

    @Override
    public String describe()
    {
        return "engine journal in " + (dataDirectory == null ? "(none)" : dataDirectory.toAbsolutePath()) +
            (pipeline.recoveredCommands() > 0 ? ", recovered " + pipeline.recoveredCommands() + " commands" : "");
    }

    @Override
    public void close()
    {
        pipeline.close();
    }
}
