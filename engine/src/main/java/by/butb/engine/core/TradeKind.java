package by.butb.engine.core;

/** How a trade came about. */
public enum TradeKind
{
    /** Continuous double auction: an incoming order met a resting one. */
    CONTINUOUS(0),
    /** The uncrossing of a call (opening) auction: all at one price, no aggressor. */
    CALL_AUCTION(1),
    /** A lot auction closed with a winning bid. */
    LOT_AUCTION(2),
    /** A named counterparty took an address order (non-anonymous). */
    ADDRESS_DEAL(3);

    private static final TradeKind[] BY_CODE = {CONTINUOUS, CALL_AUCTION, LOT_AUCTION, ADDRESS_DEAL};
    public final byte code;

    TradeKind(final int code)
    {
        this.code = (byte)code;
    }

    public static TradeKind fromCode(final int code)
    {
        return BY_CODE[code];
    }
}
