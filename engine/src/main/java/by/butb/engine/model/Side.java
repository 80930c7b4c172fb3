package by.butb.engine.model;

/** Order side. The byte code is the wire and journal encoding. */
public enum Side
{
    BUY(0), SELL(1);

    private static final Side[] BY_CODE = {BUY, SELL};
    public final byte code;

    Side(final int code)
    {
        this.code = (byte)code;
    }

    public Side opposite()
    {
        return this == BUY ? SELL : BUY;
    }

    public static Side fromCode(final int code)
    {
        return BY_CODE[code];
    }
}
