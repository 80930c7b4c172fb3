package by.butb.sim.report;

/** Round bounds for the report's value axes. */
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
}
