package by.butb.sim.agents;

import by.butb.engine.core.Command;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.Side;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An agent market driven from outside, for a market where people trade beside the agents (the classroom's
 * rounds): the caller owns the engine and the time; {@link #submit} applies a person's command and delivers its
 * events to the agents (a fill of an agent's order, a shout a ZIP trader learns from), and {@link #runUntil} runs
 * the agents' wakes up to a simulated time. The agents, their wakes and their random draws are those of
 * {@link AgentRun} (the same classes, seeded the same way from the seed and their position), so robots alone
 * trade as an {@code AgentRun} of the same agents, values and seed does. One trading day, from {@link #open}.
 * Deterministic: the same seed, robots and outside commands (with their times) give the same commands and events,
 * however the calls to {@link #runUntil} fall in between. Times are epoch nanoseconds of simulated time.
 * Single-threaded: the caller serialises the calls.
 */
public final class LiveMarket
{
    /**
     * A robot: a participant of the engine's catalog that trades {@code instrument} as a {@code type} agent
     * (zic, ziu or zip) on {@code side}, one unit (a lot) per order, with its values (buyer) or costs (seller) as
     * scaled prices, waking on average every {@code wakeSeconds} of simulated time.
     */
    public record Robot(String participant, String instrument, AgentType type, Side side, long[] limits,
                        double wakeSeconds)
    {
    }

    private final AgentMarket market;
    private final List<Agent> agents;
    private boolean opened;

    /**
     * @param engine a fresh engine whose catalog holds the robots' participants and instruments; only this market
     *               sends it commands from now on.
     * @throws IllegalArgumentException for a robot of another type, or of a participant or instrument the catalog
     *                                  does not have.
     */
    public LiveMarket(final MatchingEngine engine, final List<Robot> robots, final long seed)
    {
        final Catalog catalog = engine.catalog();
        final double feeRate = engine.rules().feeBps() / 10_000.0;
        final long[] unitQuantities = new long[catalog.instruments().size()];
        final int[] all = new int[unitQuantities.length];
        for (int i = 0; i < unitQuantities.length; i++)
        {
            unitQuantities[i] = catalog.instrument(i).lotSize();
            all[i] = i;
        }
        agents = new ArrayList<>();
        for (final Robot r : robots)
        {
            if (r.type() != AgentType.ZIC && r.type() != AgentType.ZIU && r.type() != AgentType.ZIP)
            {
                throw new IllegalArgumentException("robot " + r.participant() + ": type " + r.type().key() +
                    " is not one of zic, ziu, zip");
            }
            final Instrument in = catalog.instrument(r.instrument());
            if (in == null || catalog.participant(r.participant()) == null)
            {
                throw new IllegalArgumentException("robot " + r.participant() + ": no such participant or " +
                    "instrument '" + r.instrument() + "' in the catalog");
            }
            final String country = catalog.participant(r.participant()).country();
            final AgentScenario.Group group = new AgentScenario.Group(r.participant(), r.type(),
                r.side() == Side.BUY ? "buy" : "sell", in.symbol(), 1, country, BigDecimal.ZERO, r.wakeSeconds(),
                null, null, Map.of(), "", 0, "robots[" + agents.size() + "]");
            agents.add(AgentFactory.create(new AgentSpec(catalog.participant(r.participant()).index(),
                r.participant(), group, null, in.index(), r.side(), AgentFactory.random(seed, agents.size()),
                new Units(r.limits(), r.side() == Side.BUY), feeRate, unitQuantities[in.index()])));
        }
        final Equilibrium[] none = new Equilibrium[unitQuantities.length];
        Arrays.fill(none, Equilibrium.NONE);
        market = new AgentMarket(engine, agents, unitQuantities, new Measures(catalog, all, none),
            new TradeLog(catalog, false));
    }

    /** Hears every command applied from now on (the robots', the CLOCKs, the outside ones) with its events. */
    public void listen(final CommandListener listener)
    {
        market.listen(listener);
    }

    /** Opens the trading day: a CLOCK at {@code open}; the robots wake from {@code open} until before {@code close}. */
    public void open(final long open, final long close)
    {
        if (opened)
        {
            throw new IllegalStateException("the market is open already");
        }
        opened = true;
        market.openDay(1, open, open, close);
    }

    /**
     * Runs every robot wake due before {@code time} (at most the close), in time order, with the commands the
     * robots send; the market's time is then {@code time} (or the close), unless it was later already.
     */
    public void runUntil(final long time)
    {
        requireOpen();
        market.runBefore(time);
    }

    /**
     * Applies a command from outside (an order or cancel of a participant who is not a robot): first the robots run
     * until the command's {@code timeNanos} ({@link #runUntil}), then the command is applied at the market's time,
     * and its events reach the robots (fills of their orders, shouts) and the listener. The command's sequence and
     * time are set by the market; {@code command} itself is left as it was.
     */
    public void submit(final Command command)
    {
        requireOpen();
        market.submit(command);
    }

    /** The market's simulated time (epoch nanoseconds). */
    public long now()
    {
        return market.now();
    }

    /** The robot of that participant, or null (for tests in this package). */
    Agent robot(final String participant)
    {
        return agents.stream().filter(a -> a.id.equals(participant)).findFirst().orElse(null);
    }

    private void requireOpen()
    {
        if (!opened)
        {
            throw new IllegalStateException("the market is not open yet: call open first");
        }
    }
}
