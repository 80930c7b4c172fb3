package by.butb.sim.study;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.Participant;
import by.butb.engine.model.ParticipantRole;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Who trades in a plan, from the generated catalog: each foreign country's index (in catalog order) and its
 * traders (the first {@code active} of them when the scenario says so), each trader's broker, the Belarusian
 * sellers and importers of each instrument, and the buyers each flow draws once. Participant indexes as in the
 * catalog. Single-threaded.
 */
final class PlanParticipants
{
    private final Map<String, Integer> countryIndex = new HashMap<>();
    private final Map<String, List<Integer>> traders = new HashMap<>();
    private final Map<Integer, Integer> brokerOf = new HashMap<>();
    private final Map<Integer, List<Integer>> sellersOf = new HashMap<>();
    private final Map<Integer, List<Integer>> importersOf = new HashMap<>();
    private final Map<Scenario.Flow, List<Integer>> flowBuyers = new HashMap<>();

    PlanParticipants(final Scenario scenario, final Catalog catalog)
    {
        for (final Participant p : catalog.participants())
        {
            if (p.country().equals("BY"))
            {
                continue;
            }
            countryIndex.putIfAbsent(p.country(), countryIndex.size());
            if (p.role() == ParticipantRole.BROKER)
            {
                for (final int client : p.clients())
                {
                    brokerOf.put(client, p.index());
                }
            }
            else
            {
                traders.computeIfAbsent(p.country(), k -> new ArrayList<>()).add(p.index());
            }
        }
        for (final Scenario.Country c : scenario.countries())
        {
            final List<Integer> list = traders.get(c.code());
            if (c.active() > 0 && list != null && list.size() > c.active())
            {
                traders.put(c.code(), new ArrayList<>(list.subList(0, c.active())));
            }
        }
        for (final Scenario.Seller s : scenario.sellers())
        {
            final int seller = catalog.participant(s.id()).index();
            for (final String symbol : s.sells())
            {
                sellersOf.computeIfAbsent(catalog.instrument(symbol).index(), k -> new ArrayList<>()).add(seller);
            }
            for (final String symbol : s.buys())
            {
                importersOf.computeIfAbsent(catalog.instrument(symbol).index(), k -> new ArrayList<>()).add(seller);
            }
        }
    }

    /** The index of a foreign country (0, 1, ... in catalog order); null for one without participants. */
    Integer country(final String code)
    {
        return countryIndex.get(code);
    }

    /** The broker of a trader, or null when it trades for itself. */
    Integer brokerOf(final int trader)
    {
        return brokerOf.get(trader);
    }

    /** The Belarusian sellers of an instrument, or null when none sells it. */
    List<Integer> sellers(final int instrument)
    {
        return sellersOf.get(instrument);
    }

    /** The Belarusian importers (buyers by reverse auction) of an instrument, or null when none buys it. */
    List<Integer> importers(final int instrument)
    {
        return importersOf.get(instrument);
    }

    /**
     * The country's traders a flow's deals go to: all of them, or the plan's number of {@code buyers} drawn once
     * for the flow.
     */
    List<Integer> flowBuyers(final Scenario.Flow f, final SplittableRandom rng)
    {
        final List<Integer> all = traders.get(f.country());
        final Integer wanted = f.plan().buyers();
        if (wanted == null || wanted >= all.size())
        {
            return all;
        }
        return flowBuyers.computeIfAbsent(f, k ->
        {
            final List<Integer> pool = new ArrayList<>(all);
            final List<Integer> chosen = new ArrayList<>();
            while (chosen.size() < wanted)
            {
                chosen.add(pool.remove(rng.nextInt(pool.size())));
            }
            return chosen;
        });
    }
}
