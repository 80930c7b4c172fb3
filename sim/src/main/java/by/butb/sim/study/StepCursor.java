package by.butb.sim.study;

import java.util.ArrayDeque;
import java.util.PriorityQueue;

/**
 * The plan's steps in the order they are replayed: by time, equal times by deal number, then by the step's index in
 * its deal. A deal's steps are unpacked from the {@link DealStore} when its first step falls due; its later steps
 * (a lot's bids and close, an address deal's take) wait in a small queue, so what the cursor holds is bounded by the
 * deals open at once, not by the size of the run. Single-threaded.
 */
final class StepCursor
{
    private final DealStore store;
    private final PriorityQueue<Step> waiting = new PriorityQueue<>(StepCursor::compare);
    /** Steps returned before the last one, to be filled again. */
    private final ArrayDeque<Step> spare = new ArrayDeque<>();
    private Step lent;
    private int nextDue;

    StepCursor(final DealStore store)
    {
        this.store = store;
    }

    /** Whether there is a next step. */
    boolean hasNext()
    {
        return !waiting.isEmpty() || nextDue < store.deals();
    }

    /** The next step, valid until the next call (the cursor then fills it again); only when {@link #hasNext()}. */
    Step next()
    {
        if (lent != null)
        {
            spare.push(lent);
        }
        if (nextDue < store.deals())
        {
            final int deal = store.dueDeal(nextDue);
            final long time = store.firstTime(deal);
            final Step head = waiting.peek();
            if (head == null || time < head.time || time == head.time && deal < head.deal)
            {
                nextDue++;
                store.unpack(deal, this::blank, waiting::add);
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
