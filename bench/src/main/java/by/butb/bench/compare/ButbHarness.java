package by.butb.bench.compare;

import by.butb.harness.Driver;

/**
 * Our side of the comparison, in a JVM of its own:
 * {@code java <chronicle flags> -cp bench/target/benchmarks.jar by.butb.bench.compare.ButbHarness --workload FILE
 * --out DIR --label NAME [driver options] [--wait W] [--journal none|DIR] [--output-journal B] [--ring-size N]}.
 * Normally started by {@link BenchRunner}.
 */
public final class ButbHarness
{
    private ButbHarness()
    {
    }

    public static void main(final String[] args)
    {
        Driver.main(args, ButbTarget::new);
    }
}
