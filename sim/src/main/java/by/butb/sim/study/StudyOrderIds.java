package by.butb.sim.study;

import by.butb.engine.book.OrderKey;
import by.butb.sim.replay.OrderNames;

/**
 * The study's order ids as engine client order ids by a rule, with no table: the id of the order named by
 * {@link Step#orderName(byte, int, int)} is {@code deal << 6 | tag}, the tag 1 for S (seller), 2 for B (buyer), 3 for
 * LOT and 3 + n for L{deal}-n (the n-th bid on a lot, n from 1 to {@value #MAX_BID}). Different names give different
 * ids (under every owner, so ids are unique per owner), every id is positive and below the engine's bound
 * ({@link OrderKey#MAX_CLIENT_ORDER_ID}: deal numbers are ints), and {@link #nameOf(long)} gives the name back.
 *
 * <p>Stateless; any thread.
 */
final class StudyOrderIds implements OrderNames
{
    /** The names of every id, for the event writer. */
    static final StudyOrderIds NAMES = new StudyOrderIds();
    /** The largest bid number n of an L{deal}-n name. */
    static final int MAX_BID = 60;

    private static final int TAG_BITS = 6;
    private static final int TAG_MASK = (1 << TAG_BITS) - 1;
    private static final int TAG_SELL = 1;
    private static final int TAG_BUY = 2;
    private static final int TAG_LOT = 3;

    private StudyOrderIds()
    {
    }

    /**
     * The client order id of the order that {@link Step#orderName(byte, int, int)} names {@code role}, {@code deal},
     * {@code index} ({@code index} counts only for a lot bid, from 1 to {@value #MAX_BID}); deal numbers from 1.
     */
    static long idOf(final byte role, final int deal, final int index)
    {
        if (deal < 1)
        {
            throw new IllegalArgumentException("deal " + deal + ": deals are numbered from 1");
        }
        final int tag = switch (role)
        {
            case Step.ROLE_SELL -> TAG_SELL;
            case Step.ROLE_BUY -> TAG_BUY;
            case Step.ROLE_LOT -> TAG_LOT;
            default ->
            {
                if (index < 1 || index > MAX_BID)
                {
                    throw new IllegalArgumentException("bid " + index + " on lot " + deal + ": bids are numbered " +
                        "from 1 to " + MAX_BID);
                }
                yield TAG_LOT + index;
            }
        };
        return (long)deal << TAG_BITS | tag;
    }

    /** The name behind {@code id} (S12, B12, LOT12, L12-3), or null for an id {@link #idOf} does not give. */
    static String nameOf(final long id)
    {
        if (!isStudyId(id))
        {
            return null;
        }
        final long deal = id >>> TAG_BITS;
        final int tag = (int)(id & TAG_MASK);
        return switch (tag)
        {
            case TAG_SELL -> "S" + deal;
            case TAG_BUY -> "B" + deal;
            case TAG_LOT -> "LOT" + deal;
            default -> "L" + deal + "-" + (tag - TAG_LOT);
        };
    }

    /** The deal number in {@code id}, or 0 for an id {@link #idOf} does not give. */
    static int dealOf(final long id)
    {
        return isStudyId(id) ? (int)(id >>> TAG_BITS) : 0;
    }

    private static boolean isStudyId(final long id)
    {
        final long deal = id >>> TAG_BITS;
        final int tag = (int)(id & TAG_MASK);
        return id > 0 && deal >= 1 && deal <= Integer.MAX_VALUE && tag != 0 && tag <= TAG_LOT + MAX_BID;
    }

    /** {@link #nameOf(long)}: the names do not depend on the owner. */
    @Override
    public String nameOf(final String owner, final long clientOrderId)
    {
        return nameOf(clientOrderId);
    }
}
