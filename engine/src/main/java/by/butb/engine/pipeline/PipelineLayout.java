package by.butb.engine.pipeline;

/**
 * How a journaled pipeline spreads its work over threads (without a data directory there is no journal, and the
 * logic thread does everything whatever the layout). Listeners always run on the logic thread, which may query
 * the engine.
 * <ul>
 * <li>{@link #ONE_THREAD}: the logic thread appends a batch of commands to the input journal, applies them, and
 * appends their events to the output journal. Fastest on 2 cores, where another busy thread competes with the
 * producer and the logic.</li>
 * <li>{@link #JOURNAL_THREAD}: the input journal has a thread of its own, ahead of the logic (which applies a
 * command only once the journal thread has made it durable); the logic thread appends the events.</li>
 * <li>{@link #STAGED}: the LMAX shape: input journal thread, then the logic thread, then an output thread that
 * appends the events to the output journal, fed by a second ring of pre-allocated event slots; each stage batches
 * what it finds (without the output journal, {@code EngineContext.outputJournal(false)}, there is no third stage
 * and STAGED runs as JOURNAL_THREAD). For machines with a core per busy thread.</li>
 * </ul>
 */
public enum PipelineLayout
{
    ONE_THREAD,
    JOURNAL_THREAD,
    STAGED;

    /** Processors from which {@link #forProcessors} picks {@link #STAGED}. */
    public static final int STAGED_FROM_PROCESSORS = 4;

    /** {@link #STAGED} with at least {@value #STAGED_FROM_PROCESSORS} processors, else {@link #ONE_THREAD}. */
    public static PipelineLayout forProcessors(final int processors)
    {
        return processors >= STAGED_FROM_PROCESSORS ? STAGED : ONE_THREAD;
    }

    /** The layout for this machine ({@link Runtime#availableProcessors()}). */
    public static PipelineLayout forThisMachine()
    {
        return forProcessors(Runtime.getRuntime().availableProcessors());
    }

    /** Parses a name, case-insensitively; the message lists the names. */
    public static PipelineLayout parse(final String name)
    {
        for (final PipelineLayout layout : values())
        {
            if (layout.name().equalsIgnoreCase(name))
            {
                return layout;
            }
        }
        throw new IllegalArgumentException("unknown pipeline layout '" + name + "': use ONE_THREAD, JOURNAL_THREAD " +
            "or STAGED");
    }
}
