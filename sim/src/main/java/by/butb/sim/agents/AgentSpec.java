package by.butb.sim.agents;

import by.butb.engine.model.Side;

import java.util.SplittableRandom;

/**
 * What an agent is built from: its participant, group, market and instrument index, side (null: both), random
 * stream, units (null for a type without valuations), the exchange fee as a fraction, and one trading unit's
 * quantity (scaled).
 */
record AgentSpec(int participant, String id, AgentScenario.Group group, AgentScenario.Market market, int instrument,
                 Side side, SplittableRandom rng, Units units, double feeRate, long unitQuantity)
{
}
