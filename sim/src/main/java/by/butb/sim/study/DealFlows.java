package by.butb.sim.study;

import java.util.ArrayList;
import java.util.List;

/**
 * Which flow planned each deal: deals are numbered 1, 2, ... as planned, a flow's deals one after another, so one
 * entry per run of deals of the same flow is enough. Filled while planning (single-threaded), then only read.
 */
final class DealFlows
{
    /** Entry k: flow {@code flows[k]} planned the deals from number {@code firsts[k]} to before the next entry's. */
    private final List<Integer> firsts = new ArrayList<>();
    private final List<String> flows = new ArrayList<>();
    private int last;

    /** Records that {@code flow} planned deal number {@code deal} (numbers in increasing order, from 1). */
    void add(final int deal, final String flow)
    {
        if (deal <= last)
        {
            throw new IllegalArgumentException("deal " + deal + " after deal " + last);
        }
        last = deal;
        if (flows.isEmpty() || !flows.get(flows.size() - 1).equals(flow))
        {
            firsts.add(deal);
            flows.add(flow);
        }
    }

    /** The id of the flow that planned deal number {@code deal}, or "" for a number not planned. */
    String flowOf(final int deal)
    {
        if (deal < 1 || deal > last)
        {
            return "";
        }
        int low = 0;
        int high = firsts.size() - 1;
        while (low < high)
        {
            final int mid = low + high + 1 >>> 1;
            if (firsts.get(mid) <= deal)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }
        return flows.get(low);
    }
}
