package by.butb.engine.session;

/**
 * The current trading day: the UTC date of the latest command's time (epoch day). A command whose time falls on a
 * later date opens a new trading day, on which the DAY orders of the earlier days expire. Engine thread only.
 */
public final class TradingDay
{
    public static final long NANOS_PER_DAY = 86_400_000_000_000L;

    private long current = Long.MIN_VALUE;
    /** No command before this time (epoch nanoseconds) opens a new trading day; a lower bound is enough. */
    private long nextDayStart = Long.MIN_VALUE;

    /** Whether a command at {@code timeNanos} may open a new day (then call {@link #roll}). */
    public boolean mayRoll(final long timeNanos)
    {
        return timeNanos >= nextDayStart;
    }

    /**
     * Moves to the date of {@code timeNanos} when it is later than the current day.
     *
     * @return true when a new day opened after an earlier one (so the DAY orders of the earlier day expire); false
     * for the first day and when the date is not later.
     */
    public boolean roll(final long timeNanos)
    {
        final long day = dayOf(timeNanos);
        if (day <= current)
        {
            nextDayStart = startOf(current + 1);
            return false;
        }
        nextDayStart = startOf(day + 1);
        final boolean hadDay = current != Long.MIN_VALUE;
        current = day;
        return hadDay;
    }

    /** No command before this time (epoch nanoseconds) opens a new trading day. */
    public long nextDayStart()
    {
        return nextDayStart;
    }

    /** The current trading day (UTC epoch day), Long.MIN_VALUE before the first command. */
    public long current()
    {
        return current;
    }

    /** Restores the current day from a snapshot. */
    public void restore(final long day)
    {
        current = day;
        nextDayStart = Long.MIN_VALUE;
    }

    /** Whether {@code timeNanos} falls on a day after the current one (always before the first command). */
    public boolean isLaterDay(final long timeNanos)
    {
        return dayOf(timeNanos) > current;
    }

    /** The UTC epoch day of {@code timeNanos}. */
    public static long dayOf(final long timeNanos)
    {
        return Math.floorDiv(timeNanos, NANOS_PER_DAY);
    }

    /** Epoch nanoseconds at which {@code day} starts (saturated at Long.MAX_VALUE). */
    public static long startOf(final long day)
    {
        return day < Long.MAX_VALUE / NANOS_PER_DAY ? day * NANOS_PER_DAY : Long.MAX_VALUE;
    }
}
