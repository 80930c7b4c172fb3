package by.butb.engine.session;

import by.butb.engine.book.OrderBook;
import by.butb.engine.core.EventWriter;
import by.butb.engine.core.ResultCode;
import by.butb.engine.matching.CallAuction;
import by.butb.engine.model.Phase;
import by.butb.engine.model.SessionSchedule;
import by.butb.engine.rules.PhasePolicy;

/**
 * The session phase of every section, moved on by command time: a section with a schedule goes through the phases
 * of its trading day as commands pass their start times (every phase a command's time jumps over is entered in
 * order, with its effects, also across days); a section without one is always CONTINUOUS. Entering a phase writes
 * PHASE_CHANGED; leaving OPENING_AUCTION (or entering CONTINUOUS from a phase without continuous matching:
 * {@link PhasePolicy#uncrosses}) uncrosses the section's books in a {@link CallAuction}; entering CLOSE expires the
 * section's DAY orders. What each phase allows is {@link PhasePolicy}'s table. Engine thread only.
 */
public final class TradingSessions
{
    private final SessionSchedule schedule;
    private final OrderBook[] books;
    private final TradingDay tradingDay;
    private final EventWriter events;
    private final Phase[] phase;
    private final long[] phaseDay;
    private final int[] phaseBoundary;
    private final boolean[] scheduled;
    private final boolean anySchedule;
    /** A section without a schedule was restored in another phase than CONTINUOUS (a snapshot taken with one). */
    private boolean restoredOutOfPhase;
    private CallAuction callAuction;
    private DayOrderExpiry expiry;

    public TradingSessions(final SessionSchedule schedule, final int sections, final OrderBook[] books,
        final TradingDay tradingDay, final EventWriter events)
    {
        this.schedule = schedule;
        this.books = books;
        this.tradingDay = tradingDay;
        this.events = events;
        this.phase = new Phase[sections];
        this.phaseDay = new long[sections];
        this.phaseBoundary = new int[sections];
        this.scheduled = new boolean[sections];
        boolean any = false;
        for (int i = 0; i < sections; i++)
        {
            scheduled[i] = schedule.hasSchedule(i);
            any |= scheduled[i];
            phase[i] = schedule.hasSchedule(i) ? Phase.CLOSED : Phase.CONTINUOUS;
            phaseDay[i] = Long.MIN_VALUE;
            phaseBoundary[i] = -1;
        }
        this.anySchedule = any;
    }

    /** Wires the mechanisms a phase change sets off (they need the sessions themselves). */
    public void wire(final CallAuction callAuction, final DayOrderExpiry expiry)
    {
        this.callAuction = callAuction;
        this.expiry = expiry;
    }

    /** Whether any section has a schedule (else no command ever changes a phase, but see {@link #mayChangePhase}). */
    public boolean anySchedule()
    {
        return anySchedule;
    }

    /** Whether the next command may change a section's phase: {@link #advance} has work. */
    public boolean mayChangePhase()
    {
        return anySchedule || restoredOutOfPhase;
    }

    /** Whether the current phase of a section allows {@code action}: OK, NOT_ALLOWED_IN_PHASE or MARKET_CLOSED. */
    public ResultCode allows(final PhasePolicy.Action action, final int section)
    {
        return anySchedule ? PhasePolicy.check(action, phase[section], scheduled[section]) : ResultCode.OK;
    }

    /**
     * The current phase of a section (CONTINUOUS when it has no schedule; restored from a snapshot taken with one, from
     * the next command on).
     */
    public Phase phase(final int section)
    {
        return phase[section];
    }

    public int sectionCount()
    {
        return phase.length;
    }

    /**
     * Enters every phase whose start a command at {@code timeNanos} has passed, section by section. A command
     * earlier than a section's last passes no start of it. Moving to a later day, a section ends its day (CLOSED)
     * and expires the DAY orders of earlier days before it enters the new day's phases, so they cannot trade in
     * them.
     */
    public void advance(final long timeNanos)
    {
        if (restoredOutOfPhase)
        {
            restoredOutOfPhase = false;
            for (int s = 0; s < phase.length; s++)
            {
                if (!scheduled[s] && phase[s] != Phase.CONTINUOUS)
                {
                    enter(s, Phase.CONTINUOUS); // what it collected in its snapshot's phase uncrosses
                }
            }
        }
        final long day = TradingDay.dayOf(timeNanos);
        final long timeOfDay = timeNanos - day * TradingDay.NANOS_PER_DAY;
        for (int s = 0; s < phase.length; s++)
        {
            if (!scheduled[s] || day < phaseDay[s])
            {
                continue;
            }
            final int target = schedule.boundaryAt(s, timeOfDay);
            if (phaseDay[s] == Long.MIN_VALUE)
            {
                phase[s] = null;
                enter(s, target < 0 ? Phase.CLOSED : schedule.phase(s, target));
            }
            else if (day == phaseDay[s])
            {
                for (int b = phaseBoundary[s] + 1; b <= target; b++)
                {
                    enter(s, schedule.phase(s, b));
                }
            }
            else
            {
                for (int b = phaseBoundary[s] + 1; b < schedule.boundaries(s); b++)
                {
                    enter(s, schedule.phase(s, b));
                }
                enter(s, Phase.CLOSED);
                expiry.expireSection(s, day);
                for (int b = 0; b <= target; b++)
                {
                    enter(s, schedule.phase(s, b));
                }
            }
            phaseBoundary[s] = day == phaseDay[s] ? Math.max(phaseBoundary[s], target) : target;
            phaseDay[s] = day;
        }
    }

    private void enter(final int section, final Phase next)
    {
        final Phase previous = phase[section];
        if (previous == next)
        {
            return;
        }
        phase[section] = next;
        if (PhasePolicy.uncrosses(previous, next))
        {
            for (final OrderBook book : books)
            {
                if (book.instrument.sectionIndex() == section)
                {
                    callAuction.uncross(book);
                }
            }
        }
        events.phaseChanged(section, next);
        if (next == Phase.CLOSE)
        {
            expiry.expireSection(section, tradingDay.current() + 1);
        }
    }

    /** The UTC epoch day whose phases a section last went through (Long.MIN_VALUE before the first command). */
    public long phaseDay(final int section)
    {
        return phaseDay[section];
    }

    /** The index of the schedule boundary a section is at on its phase day (-1 before its first phase). */
    public int phaseBoundary(final int section)
    {
        return phaseBoundary[section];
    }

    /**
     * Restores a section's phase state from a snapshot. A section without a schedule restored in another phase (the
     * snapshot was taken with a schedule) enters CONTINUOUS at the next command, its book uncrossing as it does.
     */
    public void restore(final int section, final Phase sectionPhase, final long day, final int boundary)
    {
        phase[section] = sectionPhase;
        restoredOutOfPhase |= !scheduled[section] && sectionPhase != Phase.CONTINUOUS;
        phaseDay[section] = day;
        phaseBoundary[section] = boundary;
    }
}
