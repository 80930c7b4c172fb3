package by.butb.bench;

import by.butb.engine.core.Command;
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
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The input journal alone: {@link Journal#appendCommand} of the {@link MixedWorkload} commands on the benchmark
 * thread, with no ring and no engine; a document is closed every {@code batch} commands (the pipeline closes one
 * at the end of each Disruptor batch, at most {@link Journal#MAX_BATCH}). The journal is in a fresh directory per
 * trial (parent {@code -Dbutb.bench.dir=...} via {@code -jvmArgsPrepend}, default {@code java.io.tmpdir}), deleted
 * at the end. Score: commands per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
    JvmFlags.EXPORT_REF, JvmFlags.EXPORT_NIO, JvmFlags.EXPORT_MISC, JvmFlags.EXPORT_JAVAC_FILE, JvmFlags.OPEN_JAVAC,
    JvmFlags.OPEN_LANG, JvmFlags.OPEN_REFLECT, JvmFlags.OPEN_IO, JvmFlags.OPEN_UTIL, JvmFlags.OPEN_NIO,
    JvmFlags.NO_ANALYTICS, JvmFlags.HEAP_MIN, JvmFlags.HEAP_MAX})
public class JournalAppendBenchmark
{
    public static final int OPS = 1024;

    /** Commands per document. */
    @Param({"1", "16", "256"})
    public int batch;

    private MixedWorkload.Replay replay;
    private Journal journal;
    private Path directory;
    private final Command command = new Command();
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        replay = MixedWorkload.standard().replay();
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

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        journal.close();
        final long bytes = PipelineThroughputBenchmark.sizeOf(directory);
        PipelineThroughputBenchmark.delete(directory);
        System.out.printf(Locale.ROOT, "%n[JournalAppendBenchmark] %,d commands, journal %,d MiB (%.1f B/command)%n",
            sequence, bytes >> 20, (double)bytes / sequence);
    }
}
