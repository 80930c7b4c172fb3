package by.butb.gateway;

import by.butb.engine.core.ResultCode;

/** How engine result codes appear on the FIX wire. */
final class FixCodes
{
    private static final String[] TEXTS = texts();

    private FixCodes()
    {
    }

    /** OrdRejReason(103) for a rejected new order (FIX 4.4 values only). */
    static int ordRejReason(final ResultCode code)
    {
        return switch (code)
        {
            case UNKNOWN_INSTRUMENT -> 1;
            case PARTICIPANT_NOT_ACTIVE, NOT_ADMITTED_TO_SECTION, CURRENCY_MISMATCH -> 0;
            case UNKNOWN_PARTICIPANT, UNKNOWN_CLIENT, NOT_CLIENT_OF_BROKER -> 10;
            case ORDER_VALUE_TOO_LARGE, INSUFFICIENT_DEPOSIT -> 3;
            case MARKET_ORDER_CANNOT_REST -> 11;
            case QUANTITY_NOT_ON_LOT, QUANTITY_NOT_POSITIVE -> 13;
            case DUPLICATE_ORDER_ID -> 6;
            case UNKNOWN_ORDER, ORDER_NOT_OWNED -> 5;
            default -> 99;
        };
    }

    /** CxlRejReason(102) for a cancel or replace that cannot be done. */
    static int cxlRejReason(final ResultCode code)
    {
        return switch (code)
        {
            case UNKNOWN_ORDER, ORDER_NOT_OWNED -> 1;
            case DUPLICATE_ORDER_ID -> 6;
            case PARTICIPANT_NOT_ACTIVE, NOT_ADMITTED_TO_SECTION -> 2;
            default -> 99;
        };
    }

    /**
     * The code as the participant may see it: an order of someone else is reported exactly like an order that
     * does not exist, so that a reject never reveals that it exists.
     */
    static ResultCode visible(final ResultCode code)
    {
        return code == ResultCode.ORDER_NOT_OWNED ? ResultCode.UNKNOWN_ORDER : code;
    }

    /** Text(58) for a result code: "<code> <description>" (made once per code). */
    static String text(final ResultCode code)
    {
        return TEXTS[code.ordinal()];
    }

    private static String[] texts()
    {
        final ResultCode[] codes = ResultCode.values();
        final String[] texts = new String[codes.length];
        for (final ResultCode code : codes)
        {
            final ResultCode shown = visible(code);
            texts[code.ordinal()] = shown.code() + " " + shown.text();
        }
        return texts;
    }
}
