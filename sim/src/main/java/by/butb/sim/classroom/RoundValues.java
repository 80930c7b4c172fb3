package by.butb.sim.classroom;

import by.butb.sim.agents.Units;

import java.util.SplittableRandom;

/**
 * The private valuations (buyers) and costs (sellers) of a round, drawn from the round's seed: each trader's units
 * are drawn uniformly on the price steps from {@link #LOW} to {@link #HIGH}, from a random stream of its own that
 * depends only on the seed, the round number and the trader's place in the round. No clock, no shared random
 * source: the same seed, round and place give the same values. Prices scaled (2 decimals), minor units.
 */
final class RoundValues
{
    /** Lowest and highest value or cost, and the price step (scaled: 50.00, 150.00 and 1.00). */
    static final long LOW = 5_000;
    static final long HIGH = 15_000;
    static final long STEP = 100;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    /** Sets the robots' seeds apart from the values' streams. */
    private static final long ROBOTS = 0x5DEECE66DL;

    private RoundValues()
    {
    }

    /**
     * The limits of one trader, the best first (a buyer's highest value, a seller's lowest cost).
     *
     * @param place the trader's 0-based place among the round's traders.
     */
    static long[] draw(final long seed, final int round, final int place, final boolean buyer, final int units)
    {
        final SplittableRandom rng = new SplittableRandom(mix(mix(seed + GOLDEN * round) + GOLDEN * (place + 1)));
        final long steps = (HIGH - LOW) / STEP + 1;
        final long[] limits = new long[units];
        for (int u = 0; u < units; u++)
        {
            limits[u] = LOW + rng.nextLong(steps) * STEP;
        }
        return Units.bestFirst(limits, buyer);
    }

    /**
     * The seed of a round's robots (their random draws, {@link by.butb.sim.agents.LiveMarket}): from the setup's
     * seed and the round, unrelated to the values' streams.
     */
    static long robotSeed(final long seed, final int round)
    {
        return mix(mix(seed + GOLDEN * round) ^ ROBOTS);
    }

    /** Stafford's mix13 (SplitMix64's finaliser): neighbouring seeds give unrelated streams. */
    private static long mix(final long z0)
    {
        long z = (z0 ^ (z0 >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
