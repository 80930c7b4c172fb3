package by.butb.gateway;

/**
 * The exchange's user-defined FIX tags, defined on NewOrderSingle in the bundled data dictionary
 * {@link GatewayServer#DATA_DICTIONARY} (docs/gateway.md, "BUTB mechanisms").
 */
public final class ButbTags
{
    /** String: the ClOrdID the counterparty gave its address order or its lot (with a PartyRole 17 party). */
    public static final int CONTRA_CL_ORD_ID = 9001;
    /** String: the exchange's OrderID(37) of the lot a bid is for. */
    public static final int CONTRA_ORDER_ID = 9002;
    /** Char: {@link #LOT_OFFER} or {@link #LOT_BID}; absent on ordinary and address orders. */
    public static final int LOT_ACTION = 9010;
    /** Price: a lot offer's minimum increment between bids, in the instrument's price scale. */
    public static final int BID_STEP = 9011;

    /** LotAction value: the order opens a lot auction. */
    public static final char LOT_OFFER = 'O';
    /** LotAction value: the order bids on an open lot. */
    public static final char LOT_BID = 'B';

    /** PartyRole(452) of the counterparty of an address deal or of the lot owner a bid names. */
    public static final int CONTRA_FIRM_ROLE = 17;

    private ButbTags()
    {
    }
}
