package by.butb.sim.study;

import by.butb.engine.book.OrderKey;
import by.butb.engine.core.Command;
import by.butb.sim.replay.OrderIds;
import by.butb.sim.replay.OrderNames;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The study's client order ids by rule ({@link StudyOrderIds}): every name the plan makes comes back from its id,
 * no two names of an owner share an id, the ids fit the engine's bounds, and the commands name the same orders as
 * when they are numbered in a table ({@link OrderIds}, the classroom's way).
 */
class StudyOrderIdsTest
{
    @Test
    void everyNameThePlanMakesComesBackAndNoTwoNamesOfAnOwnerShareAnId()
    {
        final long seed = System.nanoTime();
        final List<Step> steps = new ArrayList<>();
        StudyPlan.of(Scenario.load(ScenarioSource.STUDY).with(seed, 3), steps::add);
        final Map<Long, String> byOwnerAndId = new HashMap<>();
        int names = 0;
        for (final Step s : steps)
        {
            if (s.kind == Step.CLOCK)
            {
                continue;
            }
            final String name = Step.orderName(s.role, s.deal, s.index);
            final long id = StudyOrderIds.idOf(s.role, s.deal, s.index);
            final String where = "seed " + seed + ": " + name;
            assertEquals(name, StudyOrderIds.nameOf(id), where);
            assertEquals(s.deal, StudyOrderIds.dealOf(id), where);
            assertTrue(OrderKey.isValidClientOrderId(id), where + ": id " + id);
            final int owner = s.owner >= 0 ? s.owner : s.submitter;
            final String before = byOwnerAndId.put(OrderKey.of(owner, id), name);
            assertTrue(before == null || before.equals(name), where + " and " + before + " share id " + id);
            names++;
        }
        assertTrue(names > 10_000, "seed " + seed + ": " + names + " orders");
    }

    @Test
    void everyTagOfEveryDealHasItsOwnIdUpToTheLargestDeal()
    {
        final Set<Long> ids = new HashSet<>();
        final Set<String> names = new HashSet<>();
        for (final int deal : new int[] {1, 2, 9, 10, 63, 64, 65, 99, 100, 4095, 4096, 1 << 20, Integer.MAX_VALUE})
        {
            for (final byte role : new byte[] {Step.ROLE_SELL, Step.ROLE_BUY, Step.ROLE_LOT})
            {
                final long id = StudyOrderIds.idOf(role, deal, 7);
                assertEquals(Step.orderName(role, deal, 7), StudyOrderIds.nameOf(id));
                assertEquals(id, StudyOrderIds.idOf(role, deal, 0), "the index counts only for a bid");
                assertTrue(ids.add(id) && names.add(StudyOrderIds.nameOf(id)), "deal " + deal + " role " + role);
            }
            for (int bid = 1; bid <= StudyOrderIds.MAX_BID; bid++)
            {
                final long id = StudyOrderIds.idOf(Step.ROLE_BID, deal, bid);
                assertEquals("L" + deal + "-" + bid, StudyOrderIds.nameOf(id));
                assertTrue(OrderKey.isValidClientOrderId(id), "id " + id);
                assertTrue(ids.add(id) && names.add(StudyOrderIds.nameOf(id)), "deal " + deal + " bid " + bid);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> StudyOrderIds.idOf(Step.ROLE_BID, 5, 0));
        assertThrows(IllegalArgumentException.class,
            () -> StudyOrderIds.idOf(Step.ROLE_BID, 5, StudyOrderIds.MAX_BID + 1));
        assertThrows(IllegalArgumentException.class, () -> StudyOrderIds.idOf(Step.ROLE_SELL, 0, 0));
    }

    @Test
    void anIdTheRuleDoesNotGiveHasNoName()
    {
        // Deal 0, tag 0, a deal number beyond an int, negative.
        for (final long id : new long[] {0, 1, 63, 64, 128, 1L << 20, Long.MAX_VALUE,
            (long)Integer.MAX_VALUE + 1 << 6 | 1, -1, Long.MIN_VALUE})
        {
            assertNull(StudyOrderIds.nameOf(id), "id " + id);
            assertEquals(0, StudyOrderIds.dealOf(id), "id " + id);
        }
    }

    @Test
    void theCommandsNameTheSameOrdersByRuleAsNumberedInATable()
    {
        final StudyPlan plan = StudyPlan.of(Scenario.load(ScenarioSource.STUDY));
        final StudyCommands byRule = new StudyCommands(plan);
        final OrderIds table = new OrderIds();
        final StudyCommands numbered = new StudyCommands(plan, table);
        final OrderNames ruleNames = byRule.names();
        final OrderNames tableNames = numbered.names();
        final Command a = new Command();
        final Command b = new Command();
        int counterparties = 0;
        for (int i = 0; i < byRule.size(); i++)
        {
            a.clear();
            b.clear();
            byRule.fill(a, i);
            numbered.fill(b, i);
            final String where = "command " + i;
            assertEquals(a.type, b.type, where);
            final StudyCommands.Planned p = byRule.get(i);
            assertEquals(p, numbered.get(i), where);
            if (p.orderId() == null)
            {
                assertEquals(0, byRule.clientOrderId(i), where);
                continue;
            }
            final String owner = p.owner() != null ? p.owner() : p.submitter();
            assertEquals(a.clientOrderId, byRule.clientOrderId(i), where);
            assertEquals(p.orderId(), ruleNames.nameOf(owner, a.clientOrderId), where);
            assertEquals(p.orderId(), tableNames.nameOf(owner, b.clientOrderId), where);
            assertEquals(b.clientOrderId, numbered.clientOrderId(i), where);
            if (p.counterpartyOrderId() != null)
            {
                counterparties++;
                assertEquals(p.counterpartyOrderId(), ruleNames.nameOf(p.counterparty(), a.counterpartyOrderId),
                    where);
                assertEquals(p.counterpartyOrderId(), tableNames.nameOf(p.counterparty(), b.counterpartyOrderId),
                    where);
            }
        }
        assertTrue(counterparties > 100, counterparties + " address takes and lot bids");
    }
}
