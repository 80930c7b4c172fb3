package by.butb.peer;

import by.butb.harness.Driver;

/**
 * The exchange-core side of the comparison, run in a JVM of its own with this module's shaded jar:
 * {@code java <chronicle flags> -jar bench/exchange-core-peer/target/exchange-core-peer.jar --workload FILE --out DIR
 * --label NAME [driver options] [--wait W] [--risk R] [--matching-engines N] [--risk-engines N] [--msgs-in-group N]
 * [--ring-size N]}. The driver options
 * are {@link Driver}'s; the rest are {@link ExchangeCoreTarget}'s. Normally started by {@code ./butb bench}.
 */
public final class PeerHarness
{
    private PeerHarness()
    {
    }

    public static void main(final String[] args)
    {
        Driver.main(args, ExchangeCoreTarget::new);
    }
}
