package by.butb.sim.experiment;

import java.util.List;

/**
 * Mean and 95 % confidence interval of a metric over seeds: Student's t interval, mean +- t(0.975, n-1) x s /
 * sqrt(n), with s the sample standard deviation; half-width 0 for a single value.
 */
public record Stats(int n, double mean, double halfWidth)
{
    /** t(0.975, df) for df = 1..30. */
    private static final double[] T = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201,
        2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052,
        2.048, 2.045, 2.042};

    /** The standard normal quantile 0.975. */
    private static final double Z = 1.959964;

    public static Stats of(final List<Double> values)
    {
        final int n = values.size();
        double sum = 0;
        for (final double v : values)
        {
            sum += v;
        }
        final double mean = n == 0 ? Double.NaN : sum / n;
        if (n < 2)
        {
            return new Stats(n, mean, 0);
        }
        double squares = 0;
        for (final double v : values)
        {
            squares += (v - mean) * (v - mean);
        }
        final double sd = Math.sqrt(squares / (n - 1));
        return new Stats(n, mean, t(n - 1) * sd / Math.sqrt(n));
    }

    /**
     * Student's t quantile 0.975 for {@code df} degrees of freedom: tabled to 30, then the Cornish-Fisher expansion
     * about the normal quantile (within 0.0005 of the exact value from df 31 on).
     */
    static double t(final int df)
    {
        if (df <= T.length)
        {
            return T[df - 1];
        }
        final double z2 = Z * Z;
        final double n = df;
        return Z + Z * (z2 + 1) / (4 * n) + Z * ((5 * z2 + 16) * z2 + 3) / (96 * n * n) +
            Z * (((3 * z2 + 19) * z2 + 17) * z2 - 15) / (384 * n * n * n);
    }

    public double low()
    {
        return mean - halfWidth;
    }

    public double high()
    {
        return mean + halfWidth;
    }
}
