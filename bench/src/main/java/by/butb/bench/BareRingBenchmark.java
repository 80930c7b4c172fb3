package by.butb.bench;

import by.butb.engine.core.Command;
import by.butb.engine.pipeline.WaitStrategyName;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
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

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The ceiling the pipeline can approach: a bare Disruptor ring with the pipeline's event (a slot holding a
 * {@link Command}), the same producer work as {@code EnginePipeline.submit} (claim, clear, fill from the
 * {@link MixedWorkload} replay, set the sequence, publish) and an empty handler on the consumer thread. Same
 * structure as {@link PipelineThroughputBenchmark}: {@value #BATCH} commands per invocation, the backlog drained
 * after each iteration outside the timing. Score: events per second.
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
public class BareRingBenchmark
{
    public static final int BATCH = 1024;

    @Param({"BLOCKING"})
    public WaitStrategyName waitStrategy;

    @Param({"16384"})
    public int ringSize;

    /** The ring entry: as the pipeline's, a pre-allocated command filled in place. */
    static final class Slot
    {
        final Command command = new Command();
    }

    private MixedWorkload.Replay replay;
    private Disruptor<Slot> disruptor;
    private RingBuffer<Slot> ring;
    private EventHandler<Slot> handler;

    @Setup(Level.Trial)
    public void setUp()
    {
        replay = MixedWorkload.standard().replay();
        disruptor = new Disruptor<>(Slot::new, ringSize, r ->
        {
            final Thread t = new Thread(r, "bare-ring-consumer");
            t.setDaemon(true);
            return t;
        }, ProducerType.SINGLE, waitStrategy.create());
        handler = (slot, sequence, endOfBatch) ->
        {
        };
        disruptor.handleEventsWith(handler);
        ring = disruptor.start();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void publish()
    {
        final RingBuffer<Slot> r = ring;
        final MixedWorkload.Replay source = replay;
        for (int i = 0; i < BATCH; i++)
        {
            final long sequence = r.next();
            try
            {
                final Command c = r.get(sequence).command;
                c.clear();
                source.next(c);
                c.sequence = sequence;
            }
            finally
            {
                r.publish(sequence);
            }
        }
    }

    @TearDown(Level.Iteration)
    public void drain()
    {
        final long target = ring.getCursor();
        while (disruptor.getSequenceValueFor(handler) < target)
        {
            LockSupport.parkNanos(50_000);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        drain();
        disruptor.halt();
    }
}
