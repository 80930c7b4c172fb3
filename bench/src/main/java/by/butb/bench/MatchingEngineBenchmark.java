package by.butb.bench;

import by.butb.engine.core.Command;
import by.butb.engine.core.EventList;
import by.butb.engine.core.MarketRules;
import by.butb.engine.core.MatchingEngine;
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
 * The business logic alone: {@link MatchingEngine#process} on the {@link MixedWorkload}, on the benchmark thread,
 * with no ring, no journal and no other thread. This is the ceiling for {@link PipelineThroughputBenchmark}. Each
 * command is prepared as a ring slot would be ({@link Command#clear()}, then filled by the replay), and the event
 * list is cleared per command as the pipeline does. Score: commands per second.
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

    private MixedWorkload workload;
    private MixedWorkload.Replay replay;
    private MatchingEngine engine;
    private final Command command = new Command();
    private final EventList events = new EventList(16);
    private long sequence;

    @Setup(Level.Trial)
    public void setUp()
    {
        workload = MixedWorkload.standard();
        replay = workload.replay();
        engine = new MatchingEngine(workload.catalog(), MarketRules.DEFAULT, 16_384);
        for (long i = 0, n = workload.warmUpCommands(); i < n; i++)
        {
            apply();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int process()
    {
        for (int i = 0; i < BATCH; i++)
        {
            apply();
        }
        return events.size();
    }

    private void apply()
    {
        final Command c = command;
        c.clear();
        replay.next(c);
        c.sequence = sequence++;
        events.clear();
        engine.process(c, events);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        System.out.printf(Locale.ROOT, "%n[MatchingEngineBenchmark] %,d commands applied, %,d live orders, " +
            "cycle position %,d of %,d%n", sequence, engine.liveOrderCount(), replay.position(),
            workload.cycleLength());
    }
}
