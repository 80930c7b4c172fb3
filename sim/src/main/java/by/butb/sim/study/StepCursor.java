package by.butb.sim.study;

import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The plan's steps in the order they are replayed: by time, equal times by deal number, then by the step's index in
 * its deal. A deal's steps are unpacked ({@link DueDeals}) when its first step falls due; its later steps
 * (a lot's bids and close, an address deal's take) wait in a small queue, so what the cursor holds is bounded by the
 * deals open at once, not by the size of the run. Single-threaded.
 */
final class StepCursor
{
    private final DueDeals due;
    private final PriorityQueue<Step> waiting = new PriorityQueue<>(StepCursor::compare);
    /** Steps returned before the last one, to be filled again. */
    private final ArrayDeque<Step> spare = new ArrayDeque<>();
    private final Supplier<Step> blanks = this::blank;
    private final Consumer<Step> toWaiting = waiting::add;
    private Step lent;

    StepCursor(final DueDeals due)
    {
        this.due = due;
    }

    /** Whether there is a next step. */
    boolean hasNext()
    {
        return !waiting.isEmpty() || due.hasNext();
    }

    /** The next step, valid until the next call (the cursor then fills it again); only when {@link #hasNext()}. */
    Step next()
    {
        if (lent != null)
        {
            spare.push(lent);
        }
        if (due.hasNext())
        {
            final int deal = due.deal();
            final long time = due.time();
            final Step head = waiting.peek();
            if (head == null || time < head.time || time == head.time && deal < head.deal)
            {
                due.unpackNext(blanks, toWaiting);
            }
        }
        lent = waiting.remove();
        return lent;
    }

    private Step blank()
    {
        return spare.isEmpty() ? new Step() : spare.pop();
    }

    /** Number of steps unpacked and not returned yet (the later steps of the deals open now). */
    int held()
    {
        return waiting.size();
    }

    /** The replay order: time, then deal number, then the step's index in its deal. */
    static int compare(final Step a, final Step b)
    {
        if (a.time != b.time)
        {
            return Long.compare(a.time, b.time);
        }
        if (a.deal != b.deal)
        {
            return Integer.compare(a.deal, b.deal);
        }
        return Integer.compare(a.index, b.index);
    }
}
