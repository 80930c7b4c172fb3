package by.butb.engine.core;

/** Output event kinds. */
public enum EventType
{
    ACCEPTED(0), REJECTED(1), TRADE(2), CANCELLED(3), REPLACED(4), EXPIRED(5);

    private static final EventType[] BY_CODE = {ACCEPTED, REJECTED, TRADE, CANCELLED, REPLACED, EXPIRED};
    public final byte code;

    EventType(final int code)
    {
        this.code = (byte)code;
    }

    public static EventType fromCode(final int code)
    {
        return BY_CODE[code];
    }
}
