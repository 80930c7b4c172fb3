package by.butb.engine.book;

/**
 * The key an order or a lot is found by: its beneficial owner's participant index in the high
 * {@value #OWNER_BITS} bits and the owner's client order id in the low {@value #CLIENT_ORDER_ID_BITS} bits, so a
 * key is unique per (owner, client order id) and never 0 (client order ids are positive).
 */
public final class OrderKey
{
    public static final int CLIENT_ORDER_ID_BITS = 40;
    public static final int OWNER_BITS = 63 - CLIENT_ORDER_ID_BITS;
    /** Client order ids are positive and below this bound. */
    public static final long MAX_CLIENT_ORDER_ID = 1L << CLIENT_ORDER_ID_BITS;
    /** Participant indexes are below this bound. */
    public static final int MAX_PARTICIPANTS = 1 << OWNER_BITS;

    private OrderKey()
    {
    }

    public static long of(final int owner, final long clientOrderId)
    {
        return ((long)owner << CLIENT_ORDER_ID_BITS) | clientOrderId;
    }

    public static boolean isValidClientOrderId(final long clientOrderId)
    {
        return clientOrderId > 0 && clientOrderId < MAX_CLIENT_ORDER_ID;
    }
}
