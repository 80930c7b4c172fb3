package by.butb.engine.core;

import java.util.Arrays;

/**
 * The events one command produced, in order. Pre-allocated and reused: {@link #add()} hands out a pooled
 * {@link EngineEvent} and only allocates while the list grows past its largest size so far. Single-threaded.
 */
public final class EventList
{
    private EngineEvent[] events;
    private int size;

    public EventList()
    {
        this(8);
    }

    public EventList(final int initialCapacity)
    {
        events = new EngineEvent[Math.max(1, initialCapacity)];
        for (int i = 0; i < events.length; i++)
        {
            events[i] = new EngineEvent();
        }
    }

    public void clear()
    {
        size = 0;
    }

    public EngineEvent add()
    {
        if (size == events.length)
        {
            grow();
        }
        return events[size++];
    }

    /** Cold path, kept out of line so that {@link #add()} stays small for the JIT. */
    private void grow()
    {
        final EngineEvent[] grown = Arrays.copyOf(events, events.length * 2);
        for (int i = events.length; i < grown.length; i++)
        {
            grown[i] = new EngineEvent();
        }
        events = grown;
    }

    public int size()
    {
        return size;
    }

    public EngineEvent get(final int index)
    {
        if (index >= size)
        {
            throw new IndexOutOfBoundsException(index);
        }
        return events[index];
    }
}
