package by.butb.bench.compare;

import by.butb.bench.MixedWorkload;
import by.butb.engine.core.Command;
import by.butb.engine.core.CommandType;
import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.EventType;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import by.butb.engine.pipeline.CommandTranslator;
import by.butb.engine.pipeline.EngineContext;
import by.butb.engine.pipeline.EngineListener;
import by.butb.engine.pipeline.EnginePipeline;
import by.butb.engine.pipeline.PipelineLayout;
import by.butb.engine.pipeline.WaitStrategyName;
import by.butb.harness.CompletionRecorder;
import by.butb.harness.DriverOptions;
import by.butb.harness.Target;
import by.butb.harness.Workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Our {@link EnginePipeline} as a benchmark {@link Target}: the workload's commands go through
 * {@link EnginePipeline#submit} exactly as {@code MixedWorkload.TRANSLATOR} sends them (same catalog, same
 * fields, time 1 ns apart from 2025-06-02 07:00 UTC); the intended send time rides in {@link Command#userRef}, which
 * the engine does not interpret. Completion is {@link EngineListener#onCommandComplete}: the command's events have
 * been journaled (when the output journal is on) and handed to the listeners, on the logic thread.
 *
 * <p>Options: {@code --wait} (BLOCKING default, the engine's), {@code --journal} ({@code none} by default, or a
 * parent directory in which a fresh journal directory is made and deleted at the end), {@code --output-journal}
 * (true, the engine's default), {@code --ring-size} (16384, the engine's default).
 */
final class ButbTarget implements Target, CommandTranslator<ButbTarget>, EngineListener
{
    private static final Side[] SIDES = {Side.BUY, Side.SELL};
    private static final TimeInForce[] TIFS = {TimeInForce.DAY, TimeInForce.GTC, TimeInForce.IOC};

    private final Workload w;
    private final Workload.Replay replay;
    private final CompletionRecorder recorder;
    private final EnginePipeline pipeline;
    private final Path journalDirectory;
    private final String configuration;
    private long time = MixedWorkload.START_TIME_NANOS;
    private long intended;
    // Written on the logic thread, read after a drain.
    private long trades;
    private long rejects;

    ButbTarget(final Workload w, final DriverOptions o, final CompletionRecorder recorder)
    {
        this.w = w;
        this.replay = new Workload.Replay(w);
        this.recorder = recorder;
        final WaitStrategyName wait = o.takeEnum("wait", WaitStrategyName.class, WaitStrategyName.BLOCKING);
        final PipelineLayout layout = o.takeEnum("layout", PipelineLayout.class, PipelineLayout.forThisMachine());
        final String journal = o.take("journal", "none");
        final boolean outputJournal = Boolean.parseBoolean(o.take("output-journal", "true"));
        final int ringSize = (int)o.takeLong("ring-size", 16_384, 64);
        try
        {
            if ("none".equals(journal))
            {
                journalDirectory = null;
            }
            else
            {
                final Path parent = Path.of(journal);
                Files.createDirectories(parent);
                journalDirectory = Files.createTempDirectory(parent, "butb-bench-journal-");
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot make a journal directory in " + journal, ex);
        }
        configuration = String.format(Locale.ROOT, "butb pipeline, wait %s, ring %d, %s", wait, ringSize,
            journalDirectory == null ? "no journal" :
                "Chronicle journal " + (outputJournal ? "input and output" : "input only") + ", layout " + layout +
                    " (" + Runtime.getRuntime().availableProcessors() + " processors), journal in " +
                    FileStoreType.describe(journalDirectory));
        pipeline = EnginePipeline.start(new EngineContext()
            .catalog(MixedWorkload.catalog(w.participants))
            .waitStrategy(wait)
            .ringSize(ringSize)
            .dataDirectory(journalDirectory)
            .layout(layout)
            .outputJournal(outputJournal)
            .expectedOrders(16_384)
            .listener(this));
    }

    @Override
    public String engine()
    {
        return "butb";
    }

    @Override
    public String configuration()
    {
        return configuration;
    }

    @Override
    public void submit(final long intendedNanos)
    {
        intended = intendedNanos;
        pipeline.submit(this, this);
    }

    /** Fills the ring slot with the next workload command (producer thread). */
    @Override
    public void translateTo(final Command c, final ButbTarget self)
    {
        final Workload.Replay r = replay;
        r.advance();
        final Workload wl = w;
        final int i = r.index;
        c.timeNanos = time++;
        c.submitter = wl.participant[i];
        c.clientOrderId = r.clientOrderId;
        c.userRef = intended;
        if (wl.kind[i] == Workload.NEW)
        {
            c.type = CommandType.NEW_ORDER;
            c.instrument = MixedWorkload.INSTRUMENT;
            c.side = SIDES[wl.side[i]];
            c.orderType = OrderType.LIMIT;
            c.timeInForce = TIFS[wl.tif[i]];
            c.price = wl.price[i];
            c.quantity = wl.quantity[i];
        }
        else
        {
            c.type = CommandType.CANCEL;
        }
    }

    @Override
    public void onEvent(final EngineEvent event)
    {
        final EventType type = event.type;
        if (type == EventType.TRADE)
        {
            trades++;
        }
        else if (type == EventType.REJECTED)
        {
            rejects++;
        }
    }

    @Override
    public void onCommandComplete(final Command command, final MatchingEngine engine)
    {
        recorder.complete(command.userRef);
    }

    @Override
    public String counters()
    {
        return "counters.trades=" + trades + "\ncounters.rejects=" + rejects + "\n";
    }

    @Override
    public void close()
    {
        pipeline.close();
        if (journalDirectory != null)
        {
            try (Stream<Path> files = Files.walk(journalDirectory))
            {
                for (final Path f : (Iterable<Path>)files.sorted(Comparator.reverseOrder())::iterator)
                {
                    Files.deleteIfExists(f);
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot delete the journal " + journalDirectory, ex);
            }
        }
    }
}
