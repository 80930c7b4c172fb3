package by.butb.engine.core;

/**
 * Output event kinds. PHASE_CHANGED announces a section's new session phase ({@link EngineEvent#section},
 * {@link EngineEvent#phase}); it has no order.
 */
public enum EventType
{
    ACCEPTED(0), REJECTED(1), TRADE(2), CANCELLED(3), REPLACED(4), EXPIRED(5), PHASE_CHANGED(6);

    private static final EventType[] BY_CODE =
        {ACCEPTED, REJECTED, TRADE, CANCELLED, REPLACED, EXPIRED, PHASE_CHANGED};
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
