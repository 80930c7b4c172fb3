package by.butb.bench.cluster;

import by.butb.bench.gateway.CpuShare;
import by.butb.cluster.OrderFlow;
import by.butb.engine.core.Command;
import by.butb.harness.CompletionRecorder;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/**
 * The two measurements of one {@link RoundTripTarget}, on the calling thread, with the commands of one
 * {@link OrderFlow} in order: throughput with a window of commands in flight, and latency at a fixed offered rate
 * from each command's intended send time to its answer (coordinated-omission free: a stalled target delays the
 * sends behind it, and their wait counts). While it waits, the thread polls the target and yields its core when
 * there is nothing to do.
 */
final class RoundTripMeasurement
{
    /** A paced run stops sending when it falls this far behind its schedule: the target cannot carry the rate. */
    private static final long MAX_LAG_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long SPIN_BELOW_NANOS = 2_000;

    private final RoundTripTarget target;
    private final CompletionRecorder recorder;
    private final OrderFlow flow;
    private final Command command = new Command();

    /** One paced run: orders sent and answered, the rate achieved, the histogram (ns) and CPU shares. */
    record Paced(int rate, long sent, long answered, double achieved, boolean saturated, Histogram latency,
        String cpu)
    {
    }

    RoundTripMeasurement(final RoundTripTarget target, final CompletionRecorder recorder, final OrderFlow flow)
    {
        this.target = target;
        this.recorder = recorder;
        this.flow = flow;
    }

    /** Sends {@code orders} commands keeping at most {@code window} unanswered; returns answered commands/s. */
    double throughput(final int orders, final int window)
    {
        final long base = recorder.completed();
        final long start = System.nanoTime();
        long sent = 0;
        long lastProgress = start;
        long answered = 0;
        while (answered < orders)
        {
            int work = target.poll();
            while (sent < orders && sent - (recorder.completed() - base) < window)
            {
                target.submit(flow.next(command), System.nanoTime());
                sent++;
                work++;
            }
            final long now = recorder.completed() - base;
            if (now > answered || work > 0)
            {
                answered = now;
                lastProgress = System.nanoTime();
            }
            else
            {
                stalled(lastProgress, answered, sent);
                Thread.yield();
            }
        }
        return orders / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * Sends at {@code rate} per second for {@code warmupSeconds + seconds}, recording the latency of the commands
     * due after the warm-up into a new histogram (nanoseconds), then waits for every answer.
     */
    Paced paced(final int rate, final int warmupSeconds, final int seconds)
    {
        final Histogram h = CompletionRecorder.newHistogram();
        final long n = (long)rate * (warmupSeconds + seconds);
        final long base = recorder.completed();
        final CpuShare cpu = CpuShare.now();
        final long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
        recorder.record(h, start + TimeUnit.SECONDS.toNanos(warmupSeconds));
        long sent = 0;
        boolean saturated = false;
        while (sent < n)
        {
            final int work = target.poll();
            final long due = start + (long)(sent * 1e9 / rate);
            final long now = System.nanoTime();
            if (due - now > 0)
            {
                if (work == 0 && due - now > SPIN_BELOW_NANOS)
                {
                    Thread.yield();
                }
                continue;
            }
            if (now - due > MAX_LAG_NANOS)
            {
                saturated = true;
                break;
            }
            target.submit(flow.next(command), due);
            sent++;
        }
        final long answered = drain(base, sent);
        final double achieved = answered / ((System.nanoTime() - start) / 1e9);
        recorder.record(null);
        return new Paced(rate, sent, answered, achieved, saturated, h, CpuShare.since(cpu));
    }

    /** Polls until {@code sent} commands since {@code base} are answered or nothing moves for a minute. */
    private long drain(final long base, final long sent)
    {
        long answered = recorder.completed() - base;
        long lastProgress = System.nanoTime();
        while (answered < sent)
        {
            final int work = target.poll();
            final long now = recorder.completed() - base;
            if (now > answered || work > 0)
            {
                answered = now;
                lastProgress = System.nanoTime();
            }
            else if (System.nanoTime() - lastProgress > STALL_NANOS)
            {
                return answered;
            }
            else
            {
                Thread.yield();
            }
        }
        return answered;
    }

    private static void stalled(final long lastProgress, final long answered, final long sent)
    {
        if (System.nanoTime() - lastProgress > STALL_NANOS)
        {
            throw new IllegalStateException("no answer for " + STALL_NANOS / 1_000_000_000 + " s: " + answered +
                " of " + sent + " sent answered");
        }
    }
}
