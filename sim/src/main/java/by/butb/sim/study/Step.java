package by.butb.sim.study;

/**
 * One command of the study replay, planned before the run: what an agent does at {@code time}. Order ids are
 * built from the deal number and the role (see {@link #orderName}), so a step holds no strings.
 */
final class Step
{
    static final byte NEW = 0;
    static final byte REPLACE = 1;
    static final byte LOT_OFFER = 2;
    static final byte LOT_BID = 3;
    static final byte CLOCK = 4;

    static final byte ROLE_SELL = 0;
    static final byte ROLE_BUY = 1;
    static final byte ROLE_LOT = 2;
    static final byte ROLE_BID = 3;

    long time;
    int deal;
    int index;
    byte kind;
    byte role;
    boolean sell;
    boolean ioc;
    int submitter;
    int owner = -1;
    int instrument;
    int counterparty = -1;
    long price;
    long quantity;
    long bidStep;
    long closeTime;

    /** Sets every field back to that of a new step. */
    void clear()
    {
        time = 0;
        deal = 0;
        index = 0;
        kind = 0;
        role = 0;
        sell = false;
        ioc = false;
        submitter = 0;
        owner = -1;
        instrument = 0;
        counterparty = -1;
        price = 0;
        quantity = 0;
        bidStep = 0;
        closeTime = 0;
    }

    /** The owner's order id string: S12 (seller), B12 (buyer), LOT12 (lot), L12-3 (third bid on lot 12). */
    static String orderName(final byte role, final int deal, final int index)
    {
        return switch (role)
        {
            case ROLE_SELL -> "S" + deal;
            case ROLE_BUY -> "B" + deal;
            case ROLE_LOT -> "LOT" + deal;
            default -> "L" + deal + "-" + index;
        };
    }
}
