package by.butb.bench;

import by.butb.engine.pipeline.EngineContext;
import by.butb.engine.pipeline.EnginePipeline;
import by.butb.engine.pipeline.PipelineLayout;
import by.butb.engine.pipeline.WaitStrategyName;
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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Throughput of the whole engine pipeline: the benchmark thread is the single producer and submits
 * {@value #BATCH} commands per invocation with the stateless {@link MixedWorkload#TRANSLATOR}, one at a time or
 * {@code publishBatch} at a time; the pipeline's own threads journal (optionally) and apply them. Score: commands
 * per second accepted by the ring; as the ring (16384 slots) fills, the producer runs at the consumers' pace, and
 * each iteration ends with a drain (outside the timing) so an iteration's commands are applied before the next one
 * starts.
 *
 * <p>Parameters: {@code journal} (true: Chronicle input and output journals in a fresh temporary directory per
 * trial, deleted afterwards; the parent directory is {@code -Dbutb.bench.dir=...}, passed with
 * {@code -jvmArgsPrepend}, default {@code java.io.tmpdir}), {@code waitStrategy} of the pipeline threads (both by
 * default: BLOCKING is the engine's default; SLEEPING, which spins, yields, then naps while idle and makes the
 * producer's publish a plain store, measured fastest here, see RESULTS.md), {@code layout} (with the journal on:
 * the {@link PipelineLayout}, ONE_THREAD by default; ignored without journal), {@code outputJournal} (with the
 * journal on: also journal the events), {@code ringSize}, {@code publishBatch} (1 and 64 by default; a divisor of
 * {@value #BATCH}).
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
public class PipelineThroughputBenchmark
{
    public static final int BATCH = 1024;

    @Param({"false", "true"})
    public boolean journal;

    @Param({"BLOCKING", "SLEEPING"})
    public WaitStrategyName waitStrategy;

    /** Thread layout with the journal on (see {@link PipelineLayout}). */
    @Param({"ONE_THREAD"})
    public PipelineLayout layout;

    /** With the journal on: also write the events to the output journal (false: input journal only). */
    @Param({"true"})
    public boolean outputJournal;

    /** Ring slots (a power of two); 16384 is the engine's default. */
    @Param({"16384"})
    public int ringSize;

    /**
     * Commands the producer claims and publishes together: 1 is {@link EnginePipeline#submit(
     * by.butb.engine.pipeline.CommandTranslator, Object)} per command, more is the batch {@code submit}.
     */
    @Param({"1", "64"})
    public int publishBatch;

    private MixedWorkload workload;
    private MixedWorkload.Replay replay;
    private EnginePipeline pipeline;
    private Path directory;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        if (publishBatch < 1 || BATCH % publishBatch != 0)
        {
            throw new IllegalArgumentException("publishBatch must divide " + BATCH + ", got " + publishBatch);
        }
        workload = MixedWorkload.standard();
        replay = workload.replay();
        if (journal)
        {
            final Path parent = Paths.get(System.getProperty("butb.bench.dir", System.getProperty("java.io.tmpdir")));
            Files.createDirectories(parent);
            directory = Files.createTempDirectory(parent, "butb-bench-");
        }
        pipeline = EnginePipeline.start(new EngineContext()
            .catalog(workload.catalog())
            .waitStrategy(waitStrategy)
            .dataDirectory(directory)
            .layout(layout)
            .outputJournal(outputJournal)
            .ringSize(ringSize)
            .expectedOrders(16_384));
        for (long i = 0, n = workload.warmUpCommands(); i < n; i++)
        {
            pipeline.submit(MixedWorkload.TRANSLATOR, replay);
        }
        pipeline.drain();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void submit()
    {
        final EnginePipeline p = pipeline;
        final MixedWorkload.Replay r = replay;
        final int n = publishBatch;
        if (n == 1)
        {
            for (int i = 0; i < BATCH; i++)
            {
                p.submit(MixedWorkload.TRANSLATOR, r);
            }
        }
        else
        {
            for (int i = 0; i < BATCH; i += n)
            {
                p.submit(MixedWorkload.TRANSLATOR, r, n);
            }
        }
    }

    @TearDown(Level.Iteration)
    public void drain()
    {
        pipeline.drain();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        pipeline.drain();
        final long commands = pipeline.submittedCommands();
        final int live = pipeline.engine().liveOrderCount();
        pipeline.close();
        String journalSize = "";
        if (directory != null)
        {
            final long bytes = sizeOf(directory);
            journalSize = String.format(Locale.ROOT, ", journal %,d MiB (%.0f B/command)", bytes >> 20,
                (double)bytes / commands);
            delete(directory);
        }
        System.out.printf(Locale.ROOT, "%n[PipelineThroughputBenchmark] %,d commands submitted, %,d live orders%s%n",
            commands, live, journalSize);
    }

    static long sizeOf(final Path directory) throws IOException
    {
        try (Stream<Path> files = Files.walk(directory))
        {
            return files.filter(Files::isRegularFile).mapToLong(f ->
            {
                try
                {
                    return Files.size(f);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            }).sum();
        }
    }

    static void delete(final Path directory) throws IOException
    {
        try (Stream<Path> files = Files.walk(directory))
        {
            for (final Path f : (Iterable<Path>)files.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.deleteIfExists(f);
            }
        }
    }
}
