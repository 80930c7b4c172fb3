package by.butb.engine.model;

/**
 * DAY rests until the trading day (UTC date of the command time) changes; GTC rests until cancelled;
 * IOC trades what it can and cancels the rest; FOK trades its whole quantity at once or nothing at all.
 */
public enum TimeInForce
{
    DAY(0), GTC(1), IOC(2), FOK(3);

    private static final TimeInForce[] BY_CODE = {DAY, GTC, IOC, FOK};
    public final byte code;

    TimeInForce(final int code)
    {
        this.code = (byte)code;
    }

    public boolean rests()
    {
        return this == DAY || this == GTC;
    }

    public static TimeInForce fromCode(final int code)
    {
        return BY_CODE[code];
    }
}
