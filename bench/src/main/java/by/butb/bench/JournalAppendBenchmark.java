package by.butb.bench;

import by.butb.engine.core.Command;
import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.EventList;
import by.butb.engine.core.MarketRules;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.journal.Journal;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The journals alone, on the benchmark thread, with no ring and no engine running: {@link #append} writes the
 * {@link MixedWorkload} commands to the input journal ({@link Journal#appendCommand}), closing a document every
 * {@code batch} commands (the pipeline closes one at the end of each Disruptor batch, at most
 * {@link Journal#MAX_BATCH}); {@link #appendEvents} writes to the output journal the events the engine produced for
 * the first {@value #RECORDED_COMMANDS} commands after the warm-up (recorded at setup, replayed round-robin),
 * ending a document after every {@code batch} commands' events, as the logic thread does. The journal is in a
 * fresh directory per trial (parent {@code -Dbutb.bench.dir=...} via {@code -jvmArgsPrepend}, default
 * {@code java.io.tmpdir}), deleted at the end. Score: commands per second ({@link #append}), events per second
 * ({@link #appendEvents}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
    JvmFlags.EXPORT_REF, JvmFlags.EXPORT_NIO, JvmFlags.EXPORT_MISC, JvmFlags.EXPORT_JAVAC_FILE, JvmFlags.OPEN_JAVAC,
    JvmFlags.OPEN_LANG, JvmFlags.OPEN_REFLECT, JvmFlags.OPEN_IO, JvmFlags.OPEN_UTIL, JvmFlags.OPEN_NIO,
    JvmFlags.NO_ANALYTICS, JvmFlags.HEAP_MIN, JvmFlags.HEAP_MAX,
    JvmFlags.THROUGHPUT_GC})
public class JournalAppendBenchmark
{
    public static final int OPS = 1024;
    /**
     * Commands whose events {@link #appendEvents} replays: ~1,500 events, ~320 KB, in the cache as the logic
     * thread's event list is.
     */
    static final int RECORDED_COMMANDS = 1 << 10;

    /** Commands per document. */
    @Param({"1", "16", "256"})
    public int batch;

    private MixedWorkload.Replay replay;
    private Journal journal;
    private Path directory;
    private final Command command = new Command();
    private long sequence;
    private EngineEvent[] recorded;
    /** For each recorded event: true when it is the last of its command's events. */
    private boolean[] endsCommand;
    private int nextEvent;
    private long commandsWritten;
    private long eventsWritten;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        final MixedWorkload workload = MixedWorkload.standard();
        replay = workload.replay();
        recordEvents(workload);
        final Path parent = Paths.get(System.getProperty("butb.bench.dir", System.getProperty("java.io.tmpdir")));
        Files.createDirectories(parent);
        directory = Files.createTempDirectory(parent, "butb-journal-bench-");
        journal = new Journal(directory);
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public boolean append()
    {
        final Command c = command;
        final int b = batch;
        boolean closed = false;
        for (int i = 0; i < OPS; i++)
        {
            c.clear();
            replay.next(c);
            c.sequence = sequence;
            closed = journal.appendCommand(c, ++sequence % b == 0);
        }
        return closed;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public int appendEvents()
    {
        final EngineEvent[] events = recorded;
        final boolean[] ends = endsCommand;
        final int b = batch;
        int i = nextEvent;
        for (int n = 0; n < OPS; n++)
        {
            journal.appendEvent(events[i]);
            if (ends[i])
            {
                journal.endEvents(++commandsWritten % b == 0);
            }
            if (++i == events.length)
            {
                i = 0;
            }
        }
        eventsWritten += OPS;
        nextEvent = i;
        return i;
    }

    /** Runs the engine over the warm-up commands, then records the events of the next {@link #RECORDED_COMMANDS}. */
    private void recordEvents(final MixedWorkload workload)
    {
        final MixedWorkload.Replay source = workload.replay();
        final MatchingEngine engine = new MatchingEngine(workload.catalog(), MarketRules.DEFAULT, 16_384);
        final Command c = new Command();
        final EventList events = new EventList(16);
        final ArrayList<EngineEvent> kept = new ArrayList<>();
        final ArrayList<Boolean> ends = new ArrayList<>();
        for (long i = 0, n = workload.warmUpCommands() + RECORDED_COMMANDS; i < n; i++)
        {
            c.clear();
            source.next(c);
            c.sequence = i;
            events.clear();
            engine.process(c, events);
            if (i < workload.warmUpCommands())
            {
                continue;
            }
            for (int e = 0; e < events.size(); e++)
            {
                final EngineEvent copy = new EngineEvent();
                copy.copyFrom(events.get(e));
                kept.add(copy);
                ends.add(e == events.size() - 1);
            }
        }
        recorded = kept.toArray(new EngineEvent[0]);
        endsCommand = new boolean[ends.size()];
        for (int i = 0; i < endsCommand.length; i++)
        {
            endsCommand[i] = ends.get(i);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        journal.close();
        final long bytes = PipelineThroughputBenchmark.sizeOf(directory);
        PipelineThroughputBenchmark.delete(directory);
        System.out.printf(Locale.ROOT, "%n[JournalAppendBenchmark] %,d commands, %,d events, journal %,d MiB " +
            "(%.1f B per command or event)%n", sequence, eventsWritten, bytes >> 20,
            (double)bytes / Math.max(1, sequence + eventsWritten));
    }
}
