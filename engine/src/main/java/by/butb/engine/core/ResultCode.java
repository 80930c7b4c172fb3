package by.butb.engine.core;

/**
 * Every business outcome of the engine. Codes are grouped in ranges per subsystem and never change meaning:
 * 0 ok; 1xx input; 2xx accreditation; 3xx order parameters; 4xx deposit; 5xx order state;
 * 6xx why a live order ended without a fill (cancel and expiry reasons).
 * The engine emits codes only; {@link #text()} is a short fixed description, edges add context.
 */
public enum ResultCode
{
    OK(0, "ok"),

    MALFORMED_INPUT(100, "the input could not be read"),
    UNKNOWN_PARTICIPANT(101, "unknown participant"),
    UNKNOWN_INSTRUMENT(102, "unknown instrument"),
    UNKNOWN_CLIENT(103, "on_behalf_of names an unknown participant"),
    UNKNOWN_COUNTERPARTY(104, "counterparty names an unknown participant"),

    PARTICIPANT_NOT_ACTIVE(201, "participant is not active"),
    NOT_ADMITTED_TO_SECTION(202, "participant is not admitted to the instrument's section"),
    NOT_CLIENT_OF_BROKER(203, "submitter is not a broker of that client"),

    PRICE_NOT_ON_STEP(301, "price is not a multiple of the price step"),
    QUANTITY_NOT_ON_LOT(302, "quantity is not a multiple of the lot size"),
    QUANTITY_NOT_POSITIVE(303, "quantity must be positive"),
    PRICE_OUTSIDE_BAND(304, "price is outside the price band"),
    ORDER_VALUE_TOO_LARGE(305, "order value is too large"),
    PRICE_NOT_POSITIVE(306, "a limit order needs a positive price"),
    MARKET_ORDER_CANNOT_REST(307, "a market order cannot be DAY or GTC; use IOC or FOK"),
    ORDER_ID_INVALID(308, "order id out of range"),
    REPLACE_QUANTITY_NOT_ABOVE_FILLED(309, "new total quantity is not above the quantity already filled"),

    INSUFFICIENT_DEPOSIT(401, "free deposit is too small for the guarantee"),
    CURRENCY_MISMATCH(402, "deposit currency differs from the instrument's currency"),

    DUPLICATE_ORDER_ID(501, "a live order already has this order id"),
    UNKNOWN_ORDER(502, "no live order with this id"),
    ORDER_NOT_OWNED(503, "the order belongs to another participant"),

    CANCELLED_BY_PARTICIPANT(601, "cancelled on request"),
    SELF_MATCH_PREVENTED(602, "resting order cancelled: it would have traded with the same participant"),
    IOC_REMAINDER(603, "immediate-or-cancel remainder cancelled"),
    FOK_NOT_FILLED(604, "fill-or-kill could not be filled in full; nothing traded"),
    MARKET_REMAINDER(605, "market order remainder cancelled: no more liquidity inside the band"),
    DAY_ORDER_EXPIRED(606, "DAY order expired at the end of the trading day"),
    OUTBID(607, "bid released: a better bid arrived"),
    LOT_UNSOLD(608, "the lot's auction closed without a bid"),

    NOT_ALLOWED_IN_PHASE(701, "not accepted in the current phase of the section's session"),
    MARKET_CLOSED(702, "the section's session is closed"),
    UNKNOWN_LOT(710, "no open lot with this id"),
    LOT_CLOSED(711, "the lot's auction has closed"),
    BID_NOT_BETTER(712, "the bid does not beat the start price or the best bid by the bid step"),
    OWN_LOT(713, "a participant cannot bid on its own lot"),
    INVALID_LOT(714, "a lot needs a positive bid step on the price step and a closing time in the future"),
    NOT_ADDRESSEE(720, "only the named counterparty can take this address order"),
    ADDRESS_TERMS_MISMATCH(721, "instrument, side or price differ from the address order"),
    ADDRESS_ORDER_NOT_REPLACEABLE(722, "an address order cannot be replaced: cancel it and post a new one"),
    SELF_ADDRESSED(723, "an address order cannot name its own participant"),
    /** Last of the enum although not in code order: journals store codes by ordinal. */
    LOT_TERMS_MISMATCH(715, "instrument, side or quantity differ from the lot's"),
    /** After the last, as appended: journals store codes by ordinal. See {@link SectionScope}. */
    SECTION_ELSEWHERE(204, "the instrument's section is traded on another engine of the exchange"),
    /** After the last, as appended: journals store codes by ordinal. */
    REPLACE_OWNER_NOT_NAMED(504, "a new order id for a client's order needs the client named (on_behalf_of)"),
    /** After the last, as appended: journals store codes by ordinal. */
    REPLACE_INSTRUMENT_MISMATCH(310, "the replace names another instrument than its order's");

    private static final ResultCode[] BY_ORDINAL = values();

    private final int code;
    private final String text;

    ResultCode(final int code, final String text)
    {
        this.code = code;
        this.text = text;
    }

    public int code()
    {
        return code;
    }

    public String text()
    {
        return text;
    }

    public static ResultCode fromOrdinal(final int ordinal)
    {
        return BY_ORDINAL[ordinal];
    }
}
