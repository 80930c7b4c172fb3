package by.butb.engine.core;

/**
 * Command kinds. INVALID carries an input the edge could not parse: the engine answers it with a
 * REJECTED event (code from {@link Command#rejectCode}) so that rejects stay in order with everything else.
 */
public enum CommandType
{
    NEW_ORDER(0), CANCEL(1), REPLACE(2), INVALID(3);

    private static final CommandType[] BY_CODE = {NEW_ORDER, CANCEL, REPLACE, INVALID};
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
