package by.butb.gateway;

import by.butb.engine.core.EngineEvent;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.Consumer;

/**
 * What one engine command produced, handed from the logic thread to the gateway's sending thread: copies of its
 * events, and the books it touched (market data only). Instances and their event copies are reused through a
 * bounded pool ({@link Pool}): the logic thread takes one, fills it and hands it on as the task that reports it
 * ({@link #run}); the sending thread returns it once it has written the reports. An instance belongs to one thread at
 * a time.
 */
final class CommandOutcome implements Runnable
{
    private final Consumer<CommandOutcome> reporter;
    long userRef;
    /** The command's engine sequence. */
    long sequence;
    /** What begins the ExecIDs of its events (see EngineBridge): empty, or its engine's section and a dash. */
    String execIdPrefix = "";
    private EngineEvent[] events = new EngineEvent[4];
    private int eventCount;
    int[] instruments = new int[4];
    BookCopy[] books = new BookCopy[4];
    int instrumentCount;

    private CommandOutcome(final Consumer<CommandOutcome> reporter)
    {
        this.reporter = reporter;
    }

    /** Writes this outcome's reports (the pool's reporter), on the sending thread. */
    @Override
    public void run()
    {
        reporter.accept(this);
    }

    /** Copies {@code e} after the events so far. */
    void add(final EngineEvent e)
    {
        if (eventCount == events.length)
        {
            events = java.util.Arrays.copyOf(events, eventCount * 2);
        }
        if (events[eventCount] == null)
        {
            events[eventCount] = new EngineEvent();
        }
        events[eventCount++].copyFrom(e);
    }

    /** Notes the book of {@code instrument} as the command left it. */
    void book(final int instrument, final BookCopy book)
    {
        if (instrumentCount == instruments.length)
        {
            instruments = java.util.Arrays.copyOf(instruments, instrumentCount * 2);
            books = java.util.Arrays.copyOf(books, instrumentCount * 2);
        }
        instruments[instrumentCount] = instrument;
        books[instrumentCount++] = book;
    }

    int eventCount()
    {
        return eventCount;
    }

    EngineEvent event(final int index)
    {
        return events[index];
    }

    private void clear()
    {
        eventCount = 0;
        for (int i = 0; i < instrumentCount; i++)
        {
            books[i] = null;
        }
        instrumentCount = 0;
    }

    /** The instances not in use; bounded (beyond it, returned ones are left to the collector). Thread-safe. */
    static final class Pool
    {
        private final ArrayBlockingQueue<CommandOutcome> free;
        private final Consumer<CommandOutcome> reporter;

        /** {@code reporter}: what each outcome's {@link #run} does with it. */
        Pool(final int capacity, final Consumer<CommandOutcome> reporter)
        {
            free = new ArrayBlockingQueue<>(capacity);
            this.reporter = reporter;
        }

        CommandOutcome take()
        {
            final CommandOutcome o = free.poll();
            return o != null ? o : new CommandOutcome(reporter);
        }

        void giveBack(final CommandOutcome o)
        {
            o.clear();
            free.offer(o);
        }
    }
}
