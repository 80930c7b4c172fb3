package by.butb.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The business logic alone: {@code MatchingEngine.process} on the {@link MixedWorkload}, on the benchmark thread,
 * with no ring, no journal and no other thread ({@link LogicRound#apply()}: each command is prepared as a ring
 * slot would be, and the event list is cleared per command as the pipeline does). This is the ceiling for
 * {@link PipelineThroughputBenchmark}. Score: commands per second.
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
public class MatchingEngineBenchmark
{
    public static final int BATCH = 1024;

    private LogicRound logic;

    @Setup(Level.Trial)
    public void setUp()
    {
        logic = new LogicRound(MixedWorkload.standard(), BATCH);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void process()
    {
        final LogicRound l = logic;
        for (int i = 0; i < BATCH; i++)
        {
            l.apply();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        System.out.printf(Locale.ROOT, "%n[MatchingEngineBenchmark] %s%n", logic.describe());
    }
}
