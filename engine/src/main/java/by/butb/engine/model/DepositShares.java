package by.butb.engine.model;

/**
 * The share of a participant's deposit that guarantees its commitments in each section when every section runs on
 * an engine of its own (a cluster per section, docs/cluster.md), in money minor units. A share given in the
 * participants file stands; the rest of the deposit is split evenly over the other sections the participant is
 * admitted to, in whole minor units, the remainder one unit each to the first of them in catalog order; a section
 * the participant is not admitted to gets 0. The shares never add up to more than the deposit. Immutable helper.
 */
public final class DepositShares
{
    /** Marks a section without a share of its own in the array {@link #split} takes. */
    public static final long NOT_GIVEN = -1;

    private DepositShares()
    {
    }

    /**
     * @param deposit     the whole deposit, minor units, at least 0.
     * @param sectionMask bit {@code i} set for each section {@code i} the participant is admitted to.
     * @param given       per section index: the share given, or {@link #NOT_GIVEN}; given shares of admitted
     *                    sections only, adding up to at most {@code deposit} (the caller checks).
     * @return per section index, the share.
     */
    public static long[] split(final long deposit, final long sectionMask, final long[] given)
    {
        final long[] shares = new long[given.length];
        long rest = deposit;
        int open = 0;
        for (int s = 0; s < given.length; s++)
        {
            if (given[s] != NOT_GIVEN)
            {
                shares[s] = given[s];
                rest -= given[s];
            }
            else if ((sectionMask & (1L << s)) != 0)
            {
                open++;
            }
        }
        if (open == 0)
        {
            return shares;
        }
        final long each = rest / open;
        long remainder = rest % open;
        for (int s = 0; s < given.length; s++)
        {
            if (given[s] == NOT_GIVEN && (sectionMask & (1L << s)) != 0)
            {
                shares[s] = each + (remainder > 0 ? 1 : 0);
                remainder--;
            }
        }
        return shares;
    }
}
