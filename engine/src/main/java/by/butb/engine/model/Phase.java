package by.butb.engine.model;

/**
 * Trading phases of a section's session. Without a schedule a section is always CONTINUOUS.
 * <ul>
 * <li>PRE_OPEN and OPENING_AUCTION: limit DAY/GTC orders are collected, nothing matches; the book uncrosses at one
 * price when the call ends (leaving OPENING_AUCTION, or entering CONTINUOUS from a phase without
 * continuous matching: {@code PhasePolicy.uncrosses}).</li>
 * <li>CONTINUOUS: the continuous double auction; lots are offered and take bids.</li>
 * <li>ADDRESS: after the main period (BUTB's dairy export session): only address orders, no anonymous trading.</li>
 * <li>CLOSE: DAY orders expire on entry; new orders are refused; cancels are accepted.</li>
 * <li>CLOSED: outside the session; new orders are refused; cancels are accepted.</li>
 * </ul>
 */
public enum Phase
{
    CLOSED(0), PRE_OPEN(1), OPENING_AUCTION(2), CONTINUOUS(3), ADDRESS(4), CLOSE(5);

    private static final Phase[] BY_CODE = {CLOSED, PRE_OPEN, OPENING_AUCTION, CONTINUOUS, ADDRESS, CLOSE};
    public final byte code;

    Phase(final int code)
    {
        this.code = (byte)code;
    }

    public static Phase fromCode(final int code)
    {
        return BY_CODE[code];
    }
}
