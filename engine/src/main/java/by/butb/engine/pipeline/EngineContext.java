package by.butb.engine.pipeline;

import by.butb.engine.core.MarketRules;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.SessionSchedule;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Configuration of an {@link EnginePipeline}, Aeron-style: set fields with the fluent setters, then
 * {@link EnginePipeline#start(EngineContext)}. Not thread-safe; do not change it after start.
 */
public final class EngineContext
{
    private Catalog catalog;
    private MarketRules rules = MarketRules.DEFAULT;
    private SessionSchedule schedule = SessionSchedule.NONE;
    private int ringSize = 1 << 14;
    private WaitStrategyName waitStrategy = WaitStrategyName.BLOCKING;
    private boolean multiProducer;
    private Path dataDirectory;
    private PipelineLayout layout = PipelineLayout.forThisMachine();
    private boolean outputJournal = true;
    private int expectedOrders = 1024;
    private final List<EngineListener> listeners = new ArrayList<>();
    private Consumer<Throwable> onFailure = failure -> { };

    public EngineContext catalog(final Catalog catalog)
    {
        this.catalog = catalog;
        return this;
    }

    public Catalog catalog()
    {
        return catalog;
    }

    public EngineContext rules(final MarketRules rules)
    {
        this.rules = Objects.requireNonNull(rules);
        return this;
    }

    public MarketRules rules()
    {
        return rules;
    }

    /** Session phases per section; {@link SessionSchedule#NONE} (default) trades continuously. */
    public EngineContext schedule(final SessionSchedule schedule)
    {
        this.schedule = Objects.requireNonNull(schedule);
        return this;
    }

    public SessionSchedule schedule()
    {
        return schedule;
    }

    /** Ring size, a power of two (default 16384). */
    public EngineContext ringSize(final int ringSize)
    {
        if (Integer.bitCount(ringSize) != 1)
        {
            throw new IllegalArgumentException("ring size must be a power of two, got " + ringSize);
        }
        this.ringSize = ringSize;
        return this;
    }

    public int ringSize()
    {
        return ringSize;
    }

    public EngineContext waitStrategy(final WaitStrategyName waitStrategy)
    {
        this.waitStrategy = Objects.requireNonNull(waitStrategy);
        return this;
    }

    public WaitStrategyName waitStrategy()
    {
        return waitStrategy;
    }

    /** True when several threads submit commands (a gateway); false (default) for one submitting thread. */
    public EngineContext multiProducer(final boolean multiProducer)
    {
        this.multiProducer = multiProducer;
        return this;
    }

    public boolean multiProducer()
    {
        return multiProducer;
    }

    /**
     * Directory of the Chronicle journals; null (default) runs without a journal and without recovery.
     * When set, start recovers the state from what the directory holds.
     */
    public EngineContext dataDirectory(final Path dataDirectory)
    {
        this.dataDirectory = dataDirectory;
        return this;
    }

    public Path dataDirectory()
    {
        return dataDirectory;
    }

    /**
     * How the journaled pipeline uses threads; by default {@link PipelineLayout#forThisMachine()}: ONE_THREAD below
     * {@value PipelineLayout#STAGED_FROM_PROCESSORS} processors (measured fastest on 2 cores: 2.8-3.9 against
     * 2.0-2.3 M commands/s for a journal thread of its own, bench/RESULTS.md), STAGED from there.
     */
    public EngineContext layout(final PipelineLayout layout)
    {
        this.layout = Objects.requireNonNull(layout);
        return this;
    }

    public PipelineLayout layout()
    {
        return layout;
    }

    /**
     * True (default): with a data directory, events are also written to the output journal ({@code events/}).
     * False keeps only the input journal (recovery is the same; after a restart every recovered command's events
     * are published again, as nothing records which were).
     */
    public EngineContext outputJournal(final boolean outputJournal)
    {
        this.outputJournal = outputJournal;
        return this;
    }

    public boolean outputJournal()
    {
        return outputJournal;
    }

    /** Live orders to pre-allocate room for. */
    public EngineContext expectedOrders(final int expectedOrders)
    {
        this.expectedOrders = expectedOrders;
        return this;
    }

    public int expectedOrders()
    {
        return expectedOrders;
    }

    public EngineContext listener(final EngineListener listener)
    {
        listeners.add(Objects.requireNonNull(listener));
        return this;
    }

    public List<EngineListener> listeners()
    {
        return List.copyOf(listeners);
    }

    /**
     * Told once, on the thread that failed, when the pipeline stops taking commands: a stage ended by an exception
     * or an Error (a listener that threw, a journal that could not be written, out of memory); from then on
     * {@link EnginePipeline#submit} throws. Must not block. Default: nothing.
     */
    public EngineContext onFailure(final Consumer<Throwable> onFailure)
    {
        this.onFailure = Objects.requireNonNull(onFailure);
        return this;
    }

    public Consumer<Throwable> onFailure()
    {
        return onFailure;
    }
}
