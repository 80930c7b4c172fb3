package by.butb.sim.agents;

import by.butb.engine.core.EngineEvent;
import by.butb.engine.model.Side;

import java.util.SplittableRandom;

/**
 * A trading agent: one accredited participant of the exchange that acts only through commands to the engine
 * ({@link AgentMarket}'s order methods) and learns only from the engine's events and the public market view.
 * It wakes at random times of simulated time (exponential gaps of mean {@code wakeNanos}) and, when it
 * {@link #reactNanos() reacts}, after the trades of its instrument. Single-threaded: one market drives it.
 */
abstract class Agent
{
    final int participant;
    final String id;
    final String group;
    final String country;
    final int instrument;
    final Side side;
    final SplittableRandom rng;
    final double wakeNanos;
    /** The agent's units of the day, or null for a type without valuations. */
    final Units units;
    /** Scheduled wake (epoch nanoseconds), Long.MAX_VALUE when none: a queued wake at another time is stale. */
    long nextWake = Long.MAX_VALUE;
    /** The agent's index in its market's list. */
    int slot;
    /** Its trading hours as nanoseconds after midnight UTC (-1: from the open, until the close). */
    final long fromOffset;
    final long untilOffset;
    /** Today's trading hours, epoch nanoseconds: it wakes only in [dayFrom, dayUntil). */
    long dayFrom;
    long dayUntil = Long.MAX_VALUE;
    /** Position: quantity bought minus sold (scaled like the instrument's quantities); positive is long. */
    long inventory;
    /** Money received minus paid for trades, minor units (fees apart). */
    long cash;
    long fees;
    /** Gains of valued units: value minus price (buyer) or price minus cost (seller), times quantity, minor units. */
    long unitGains;
    private long nextClientOrderId = 1;

    Agent(final AgentSpec spec)
    {
        this.participant = spec.participant();
        this.id = spec.id();
        this.group = spec.group().name();
        this.country = spec.group().country();
        this.instrument = spec.instrument();
        this.side = spec.side();
        this.rng = spec.rng();
        this.wakeNanos = spec.group().wakeSeconds() * 1e9;
        this.units = spec.units();
        this.fromOffset = spec.group().hoursFrom() == null ? -1 : spec.group().hoursFrom().toNanoOfDay();
        this.untilOffset = spec.group().hoursUntil() == null ? -1 : spec.group().hoursUntil().toNanoOfDay();
    }

    /** Called at each wake: the agent looks at the market and may send commands. */
    abstract void wake(AgentMarket market);

    /** An event about one of this agent's orders, lots or bids (not trades: {@link #onFill}). */
    void onOrderEvent(final EngineEvent e, final AgentMarket market)
    {
    }

    /** This agent traded {@code e.quantity} at {@code e.price} on {@code tradeSide}. */
    void onFill(final EngineEvent e, final Side tradeSide, final AgentMarket market)
    {
    }

    /** Whether the agent hears every shout and trade of its instrument ({@link #onShout}). */
    boolean listens()
    {
        return false;
    }

    /**
     * A shout on the agent's instrument: a trade at {@code price} ({@code traded}, {@code side} the side of the
     * resting order accepted), or a bid or ask that rests in the book without trading (its price, or the price it
     * was replaced to). {@code tick} is the instrument's price step.
     */
    void onShout(final Side shoutSide, final long price, final boolean traded, final long tick)
    {
    }

    /** Delay after a trade of its instrument before the agent wakes (nanoseconds), or -1: it does not react. */
    long reactNanos()
    {
        return -1;
    }

    /** A trading day begins: units are fresh, no order of the agent is live. */
    void startDay()
    {
        if (units != null)
        {
            units.resetDay();
        }
    }

    long newClientOrderId()
    {
        return nextClientOrderId++;
    }

    /** Next gap between wakes, exponential with the agent's mean, at least 1 ms. */
    long nextGap()
    {
        return Math.max(1_000_000L, (long)(-Math.log(1.0 - rng.nextDouble()) * wakeNanos));
    }
}
