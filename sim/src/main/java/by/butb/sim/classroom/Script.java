package by.butb.sim.classroom;

import by.butb.engine.core.Command;
import by.butb.engine.core.MarketRules;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.SessionSchedule;
import by.butb.sim.replay.OrderIds;
import by.butb.sim.replay.RowInfo;

import java.util.function.LongToIntFunction;

/**
 * A loaded scenario: the market it runs on (catalog, rules, schedule) and its planned commands, in order, with
 * their scenario times. Used by the classroom's driver thread only.
 */
interface Script
{
    String id();

    String title();

    Catalog catalog();

    MarketRules rules();

    SessionSchedule schedule();

    /** The order ids of this run: the scripted commands' and the students' (each owner numbers its own). */
    OrderIds ids();

    /** Number of planned commands (0 for free trading). */
    int size();

    /** Scenario time of command {@code i}, nanoseconds since the epoch (UTC). */
    long timeNanos(int i);

    /** The instrument (catalog index) of the first planned command that names one, or -1: the page shows it first. */
    int focusInstrument();

    /** The simulated time when the scenario is loaded: the first command's time, or a start of its own. */
    long startNanos();

    /**
     * Fills {@code command} (cleared first) for planned command {@code i}.
     *
     * @param instrumentOfExchangeOrder the instrument of a live order named by its exchange id (for a REPLACE
     *                                  that names nothing else), as the replay's reader needs it.
     * @return what the event log prints for it (the line and the row's text), or null when it names no row.
     */
    RowInfo fill(Command command, int i, LongToIntFunction instrumentOfExchangeOrder);
}
