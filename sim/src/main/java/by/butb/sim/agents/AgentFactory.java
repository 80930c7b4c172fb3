package by.butb.sim.agents;

import java.util.SplittableRandom;

/**
 * Builds agents, for {@link AgentRun} and {@link LiveMarket} alike: the class of each type, and each agent's own
 * random stream, seeded from the market's seed and the agent's position among its market's agents.
 */
final class AgentFactory
{
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private AgentFactory()
    {
    }

    /** The random stream of the agent at 0-based {@code position} of a market seeded {@code seed}. */
    static SplittableRandom random(final long seed, final int position)
    {
        return new SplittableRandom(mix(seed + GOLDEN * (position + 1)));
    }

    static Agent create(final AgentSpec spec)
    {
        return switch (spec.group().type())
        {
            case ZIC -> new ZiTrader(spec, true);
            case ZIU -> new ZiTrader(spec, false);
            case ZIP -> new ZipTrader(spec);
            case MARKET_MAKER -> new MarketMaker(spec, spec.unitQuantity());
            case MOMENTUM -> new MomentumTrader(spec, spec.unitQuantity());
            case NOISE -> new NoiseTrader(spec, spec.unitQuantity());
            case BY_SELLER -> new BelarusianSeller(spec);
            case FOREIGN_BUYER -> new ForeignBuyer(spec);
        };
    }

    /** Stafford's mix13 (SplitMix64's finaliser): decorrelates the seeds of neighbouring agents. */
    private static long mix(final long z0)
    {
        long z = (z0 ^ (z0 >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
