package by.butb.engine.rules;

import by.butb.engine.core.ResultCode;
import by.butb.engine.model.Phase;

/**
 * What each session phase allows, for a section that has a session schedule; a section without one trades
 * continuously and allows everything (address orders included). One table, phase x action, the same as the table
 * in docs/market-model.md ("Session phases"), which a test compares it with. Immutable.
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

    static
    {
        final Phase[] phases = Phase.values();
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
}
