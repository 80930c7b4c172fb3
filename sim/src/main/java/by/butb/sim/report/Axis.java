package by.butb.sim.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Tick positions for the report's charts: round numbers on a value axis, month starts on a date axis. */
final class Axis
{
    private Axis()
    {
    }

    /** A step of 1, 2 or 5 times a power of ten giving about {@code count} ticks over {@code range}. */
    static double niceStep(final double range, final int count)
    {
        final double rough = range / Math.max(1, count);
        final double power = Math.pow(10, Math.floor(Math.log10(rough)));
        final double f = rough / power;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
    }

    /** The multiples of {@code step} from {@code lo} to {@code hi}, both included. */
    static List<Double> ticks(final double lo, final double hi, final double step)
    {
        final List<Double> ticks = new ArrayList<>();
        for (double t = Math.ceil(lo / step - 1e-9) * step; t <= hi + 1e-9 * step; t += step)
        {
            ticks.add(t == 0 ? 0.0 : t);
        }
        return ticks;
    }

    /** The first days of the months from {@code first}'s to {@code last}'s, every {@code every}-th month. */
    static List<LocalDate> months(final LocalDate first, final LocalDate last, final int every)
    {
        final List<LocalDate> months = new ArrayList<>();
        for (LocalDate m = first.withDayOfMonth(1); !m.isAfter(last); m = m.plusMonths(every))
        {
            months.add(m);
        }
        return months;
    }
}
