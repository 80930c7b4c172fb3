package by.butb.engine.rules;

import by.butb.engine.core.ResultCode;
import by.butb.engine.model.Phase;

/**
 * What each session phase allows, for a section that has a session schedule, and how it matches; a section without
 * one trades continuously and allows everything (address orders included). One table, phase x action, and the
 * matching of each phase: the table in docs/market-model.md ("Session phases"), which a test compares them with.
 * Immutable.
 */
public final class PhasePolicy
{
    /** What a command asks of its section's session. */
    public enum Action
    {
        /** A new anonymous LIMIT order that may rest (DAY, GTC). */
        RESTING_ORDER,
        /** A new anonymous order that may not rest: MARKET, or IOC/FOK. */
        IMMEDIATE_ORDER,
        /** A new address order: posting one, or taking one. */
        ADDRESS_ORDER,
        REPLACE,
        CANCEL,
        LOT_OFFER,
        LOT_BID
    }

    /** How a phase matches orders: the table's "matching" column. */
    public enum Matching
    {
        /** Orders are collected (or only cancelled); nothing trades. */
        NONE,
        /** Orders are collected for a call auction, which uncrosses the book when the phase ends. */
        CALL,
        /** An order trades against the book as it arrives. */
        CONTINUOUS,
        /** Only address orders trade, each with the order it names. */
        ADDRESS_DEALS
    }

    private static final ResultCode OK = ResultCode.OK;
    private static final ResultCode NO = ResultCode.NOT_ALLOWED_IN_PHASE;
    private static final ResultCode SHUT = ResultCode.MARKET_CLOSED;

    /** Rows in {@link Phase} order, columns in {@link Action} order. */
    private static final ResultCode[][] TABLE = {
        //               resting  immediate  address  replace  cancel  lot offer  lot bid
        /* CLOSED     */ {SHUT,   SHUT,      SHUT,    SHUT,    OK,     SHUT,      SHUT},
        /* PRE_OPEN   */ {OK,     NO,        NO,      OK,      OK,     NO,        NO},
        /* OPENING    */ {OK,     NO,        NO,      OK,      OK,     NO,        NO},
        /* CONTINUOUS */ {OK,     OK,        NO,      OK,      OK,     OK,        OK},
        /* ADDRESS    */ {NO,     NO,        OK,      NO,      OK,     NO,        NO},
        /* CLOSE      */ {SHUT,   SHUT,      SHUT,    SHUT,    OK,     SHUT,      SHUT},
    };

    /** In {@link Phase} order. */
    private static final Matching[] MATCHING = {
        /* CLOSED     */ Matching.NONE,
        /* PRE_OPEN   */ Matching.NONE,
        /* OPENING    */ Matching.CALL,
        /* CONTINUOUS */ Matching.CONTINUOUS,
        /* ADDRESS    */ Matching.ADDRESS_DEALS,
        /* CLOSE      */ Matching.NONE,
    };

    static
    {
        final Phase[] phases = Phase.values();
        if (TABLE.length != phases.length || MATCHING.length != phases.length)
        {
            throw new IllegalStateException("the phase table does not match Phase");
        }
        for (int i = 0; i < phases.length; i++)
        {
            if (phases[i].code != i || TABLE[i].length != Action.values().length)
            {
                throw new IllegalStateException("the phase table does not match Phase and Action");
            }
        }
    }

    private PhasePolicy()
    {
    }

    /**
     * @param scheduled whether the section has a session schedule.
     * @return OK, NOT_ALLOWED_IN_PHASE or MARKET_CLOSED.
     */
    public static ResultCode check(final Action action, final Phase phase, final boolean scheduled)
    {
        return scheduled ? TABLE[phase.code][action.ordinal()] : OK;
    }

    /** How {@code phase} matches orders (a section without a schedule is always in CONTINUOUS). */
    public static Matching matching(final Phase phase)
    {
        return MATCHING[phase.code];
    }

    /**
     * Whether a section going from {@code previous} to {@code next} uncrosses its books: a call ends, or continuous
     * matching starts after a phase without it (orders collected meanwhile may cross). False when {@code previous} is
     * null (no phase yet).
     */
    public static boolean uncrosses(final Phase previous, final Phase next)
    {
        return previous != null && previous != next && (matching(previous) == Matching.CALL ||
            matching(next) == Matching.CONTINUOUS && matching(previous) != Matching.CONTINUOUS);
    }
}
