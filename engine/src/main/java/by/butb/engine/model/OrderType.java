package by.butb.engine.model;

/** LIMIT rests at its price; MARKET trades what it can inside the price band and never rests. */
public enum OrderType
{
    LIMIT(0), MARKET(1);

    private static final OrderType[] BY_CODE = {LIMIT, MARKET};
    public final byte code;

    OrderType(final int code)
    {
        this.code = (byte)code;
    }

    public static OrderType fromCode(final int code)
    {
        return BY_CODE[code];
    }
}
