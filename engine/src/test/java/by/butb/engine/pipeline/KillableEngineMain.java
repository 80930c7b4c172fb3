package by.butb.engine.pipeline;

import by.butb.engine.CommandStream;
import by.butb.engine.TestMarket;
import by.butb.engine.core.Command;
import by.butb.engine.core.EventType;
import by.butb.engine.model.Catalog;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * Child process of {@link KillAndRestartTest}: runs a journaled pipeline on {@code args[0]} with the command
 * stream of seed {@code args[1]}, printing "ACK clientOrderId orderId" for every accepted order as soon as the
 * pipeline publishes it, and keeps going until it is killed.
 */
public final class KillableEngineMain
{
    private KillableEngineMain()
    {
    }

    public static void main(final String[] args)
    {
        final Path data = Path.of(args[0]);
        final long seed = Long.parseLong(args[1]);
        final PipelineLayout layout = PipelineLayout.parse(args[2]);
        final Catalog catalog = TestMarket.catalog();
        final PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false);
        final EngineContext ctx = new EngineContext().catalog(catalog).dataDirectory(data).layout(layout)
            .listener(e ->
            {
                if (e.type == EventType.ACCEPTED)
                {
                    out.println("ACK " + e.owner + ' ' + e.clientOrderId + ' ' + e.exchangeOrderId);
                    out.flush();
                }
            });
        final CommandStream stream = new CommandStream(catalog, seed);
        final Command command = new Command();
        try (EnginePipeline pipeline = EnginePipeline.start(ctx))
        {
            for (long i = 0; i < 10_000_000; i++)
            {
                pipeline.submit(stream.next(command.clear()));
                if (i % 200 == 0)
                {
                    LockSupport.parkNanos(1_000_000);
                }
            }
        }
    }
}
