package by.butb.engine.core;

/**
 * Command kinds. LOT_OFFER opens a lot auction (price = start price, quantity = the lot, side SELL for a seller's
 * ascending auction, BUY for a buyer's descending one, {@link Command#bidStep}, {@link Command#closeTimeNanos});
 * LOT_BID bids on it (price = the bid; the lot named by {@link Command#exchangeOrderId} or by
 * {@link Command#counterparty} and {@link Command#counterpartyOrderId}); a bid may state the lot's terms it bids
 * on: an instrument (not {@link Command#UNKNOWN}) must be the lot's and then its side the opposite of the lot's,
 * and a quantity (not 0) must be the lot's, else it is rejected with LOT_TERMS_MISMATCH. CLOCK only brings the
 * time forward: lots due by then close and session phases change, and nothing else happens (a replay's end, a
 * server's timer). INVALID carries an input the edge could not parse: the engine answers it with a REJECTED event
 * (code from {@link Command#rejectCode}) so that rejects stay in order with everything else.
 */
public enum CommandType
{
    NEW_ORDER(0), CANCEL(1), REPLACE(2), INVALID(3), LOT_OFFER(4), LOT_BID(5), CLOCK(6);

    private static final CommandType[] BY_CODE = {NEW_ORDER, CANCEL, REPLACE, INVALID, LOT_OFFER, LOT_BID, CLOCK};
    public final byte code;

    CommandType(final int code)
    {
        this.code = (byte)code;
    }

    public static CommandType fromCode(final int code)
    {
        return BY_CODE[code];
    }
}
