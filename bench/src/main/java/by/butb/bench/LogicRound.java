package by.butb.bench;

import by.butb.engine.core.Command;
import by.butb.engine.core.EventList;
import by.butb.engine.core.MarketRules;
import by.butb.engine.core.MatchingEngine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The engine's logic alone on its own {@link MixedWorkload} and {@link MatchingEngine}: {@link #apply()} prepares
 * the next command as a ring slot would be ({@link Command#clear()}, then filled by the replay), clears the event
 * list as the pipeline does, and applies the command. {@link MatchingEngineBenchmark} times {@link #apply()};
 * {@link LogicAbProbe} loads one per build, each in its own class loader, and calls {@link #getAsLong()}, which
 * applies the next {@code commandsPerRound} commands and returns the CPU nanoseconds the calling thread spent.
 * Single-threaded.
 */
public final class LogicRound implements LongSupplier
{
    private final MixedWorkload workload;
    private final MixedWorkload.Replay replay;
    private final MatchingEngine engine;
    private final int commandsPerRound;
    private final Command command = new Command();
    private final EventList events = new EventList(16);
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long sequence;

    /** Generates the workload (the standard one but for {@code mixedCommands}) and warms the engine up with it. */
    public LogicRound(final int mixedCommands, final int commandsPerRound)
    {
        this(MixedWorkload.generate(new MixedWorkload.Config(MixedWorkload.DEFAULT_SEED,
            MixedWorkload.DEFAULT_PARTICIPANTS, mixedCommands, MixedWorkload.DEFAULT_DEPTH_PER_SIDE,
            MixedWorkload.DEFAULT_PASSIVE_LEVELS)), commandsPerRound);
    }

    /** Warms a new engine up with {@code workload} ({@link MixedWorkload#warmUpCommands()}). */
    LogicRound(final MixedWorkload workload, final int commandsPerRound)
    {
        this.workload = workload;
        this.replay = workload.replay();
        this.engine = new MatchingEngine(workload.catalog(), MarketRules.DEFAULT, 16_384);
        this.commandsPerRound = commandsPerRound;
        for (long i = 0, n = workload.warmUpCommands(); i < n; i++)
        {
            apply();
        }
    }

    @Override
    public long getAsLong()
    {
        final long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < commandsPerRound; i++)
        {
            apply();
        }
        return threads.getCurrentThreadCpuTime() - start;
    }

    void apply()
    {
        final Command c = command;
        c.clear();
        replay.next(c);
        c.sequence = sequence++;
        events.clear();
        engine.process(c, events);
    }

    String describe()
    {
        return String.format(Locale.ROOT, "%,d commands applied, %,d live orders, cycle position %,d of %,d",
            sequence, engine.liveOrderCount(), replay.position(), workload.cycleLength());
    }
}
