package by.butb.sim.agents;

import by.butb.engine.core.Command;
import by.butb.engine.core.CommandType;
import by.butb.engine.core.EventType;
import by.butb.engine.core.MarketRules;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.CatalogLoader;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.SessionSchedule;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent market driven from outside: a person's command reaches the robots, and time is the caller's. */
@Timeout(30)
class LiveMarketTest
{
    private static final long OPEN = 1_767_607_200L * 1_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    /** A robot's command or fill as the listener heard it. */
    private record Heard(long time, String who, CommandType type, long price, boolean traded)
    {
    }

    private static MatchingEngine engine()
    {
        final Catalog catalog = CatalogLoader.fromText(String.join(",", CatalogLoader.INSTRUMENT_COLUMNS) +
            "\nUNIT,Unit,AGRI,unit,USD,2,0,1.00,1,100.00,60\n", String.join(",",
            CatalogLoader.PARTICIPANT_COLUMNS) + "\n" + participant("ZIP-S") + participant("ZIC-B") +
            participant("ZIP-B") + participant("STUDENT-B") + participant("STUDENT-S"));
        return new MatchingEngine(catalog, new MarketRules(0, 0), SessionSchedule.NONE, 64);
    }

    private static String participant(final String id)
    {
        return id + "," + id + ",BY,true,TRADER,,AGRI,ACTIVE,1000000.00,USD\n";
    }

    /** A ZIP seller of two units (costs 60.00 and 70.00) and a ZI-C buyer who values its unit at 50.00. */
    private static List<LiveMarket.Robot> sellerAndLowBuyer()
    {
        return List.of(
            new LiveMarket.Robot("ZIP-S", "UNIT", AgentType.ZIP, Side.SELL, new long[] {7_000, 6_000}, 1.0),
            new LiveMarket.Robot("ZIC-B", "UNIT", AgentType.ZIC, Side.BUY, new long[] {5_000}, 1.0));
    }

    private static LiveMarket market(final MatchingEngine engine, final List<LiveMarket.Robot> robots,
        final long seed, final List<Heard> heard)
    {
        final LiveMarket m = new LiveMarket(engine, robots, seed);
        m.listen((c, events) ->
        {
            boolean traded = false;
            for (int i = 0; i < events.size(); i++)
            {
                traded |= events.get(i).type == EventType.TRADE;
            }
            heard.add(new Heard(c.timeNanos, engine.catalog().participant(Math.max(0, c.submitter)).id(), c.type,
                c.price, traded));
        });
        m.open(OPEN, OPEN + 60 * SECOND);
        return m;
    }

    private static Command order(final MatchingEngine engine, final String who, final Side side, final long price,
        final long time)
    {
        return new Command().newOrder(time, engine.catalog().participant(who).index(), 1,
            engine.catalog().instrument("UNIT").index(), side, OrderType.LIMIT, TimeInForce.DAY, price, 1);
    }

    @Test
    void shouldDeliverAStudentsFillToTheZipRobotWhichThenAsksForItsNextUnit()
    {
        final long seed = new SplittableRandom().nextLong();
        final MatchingEngine engine = engine();
        final List<Heard> heard = new ArrayList<>();
        final LiveMarket m = market(engine, sellerAndLowBuyer(), seed, heard);
        long t = OPEN;
        while (heard.stream().noneMatch(h -> h.who().equals("ZIP-S") && h.type() != CommandType.CLOCK))
        {
            t += SECOND / 10;
            m.runUntil(t);
            assertTrue(t < OPEN + 60 * SECOND, "seed " + seed + ": the ZIP robot asks within the round");
        }
        final Heard ask = heard.stream().filter(h -> h.who().equals("ZIP-S")).reduce((a, b) -> b).orElseThrow();
        final ZipTrader zip = (ZipTrader)m.robot("ZIP-S");
        final double margin = zip.margin();
        assertEquals(6_000, zip.units.current(), "seed " + seed + ": the cheaper unit first");
        assertTrue(ask.price() >= 6_000, "seed " + seed + ": never below cost " + ask);

        m.submit(order(engine, "STUDENT-B", Side.BUY, ask.price(), t));

        final Heard student = heard.get(heard.size() - 1);
        assertEquals("STUDENT-B", student.who());
        assertTrue(student.traded(), "seed " + seed + ": the student's bid at the robot's ask trades");
        assertEquals(7_000, zip.units.current(), "seed " + seed + ": the robot heard its fill");
        final int filled = heard.size();
        m.runUntil(OPEN + 60 * SECOND);
        final Heard next = heard.subList(filled, heard.size()).stream().filter(h -> h.who().equals("ZIP-S"))
            .findFirst().orElseThrow(() -> new AssertionError("seed " + seed + ": the robot asks again"));
        assertEquals(CommandType.NEW_ORDER, next.type(), "seed " + seed + ": its filled order has ended");
        assertEquals((long)Math.ceil(7_000 * (1 + margin) / 100) * 100, next.price(), "seed " + seed +
            ": its ask for the second unit, at its margin: " + next);
    }

    @Test
    void shouldRaiseAZipBuyersMarginWhenStudentsTradeAboveItsBid()
    {
        final long seed = new SplittableRandom().nextLong();
        final MatchingEngine engine = engine();
        final List<Heard> heard = new ArrayList<>();
        final LiveMarket m = market(engine, List.of(new LiveMarket.Robot("ZIP-B", "UNIT", AgentType.ZIP, Side.BUY,
            new long[] {10_000}, 1.0)), seed, heard);
        long t = OPEN;
        while (heard.stream().noneMatch(h -> h.who().equals("ZIP-B")))
        {
            t += SECOND / 10;
            m.runUntil(t);
            assertTrue(t < OPEN + 60 * SECOND, "seed " + seed + ": the ZIP robot bids within the round");
        }
        final long bid = heard.get(heard.size() - 1).price();
        final ZipTrader zip = (ZipTrader)m.robot("ZIP-B");
        final double before = zip.margin();
        m.submit(order(engine, "STUDENT-S", Side.SELL, bid + 500, t));
        assertEquals(before, zip.margin(), "seed " + seed + ": an ask above its bid teaches it nothing");
        m.submit(order(engine, "STUDENT-B", Side.BUY, bid + 500, t));
        assertTrue(heard.get(heard.size() - 1).traded(), "seed " + seed + ": the students trade");
        assertTrue(zip.margin() > before, "seed " + seed + ": it could have bid more: " + before + " -> " +
            zip.margin());
        assertEquals(10_000, zip.units.current(), "seed " + seed + ": its unit is still to trade");
    }

    @Test
    void shouldGiveTheSameCommandsForTheSameSeedAndOutsideOrdersHoweverRunUntilIsCalled()
    {
        final long seed = new SplittableRandom().nextLong();
        final List<List<Heard>> runs = new ArrayList<>();
        for (final long step : new long[] {SECOND / 20, 7 * SECOND, 60 * SECOND})
        {
            final MatchingEngine engine = engine();
            final List<Heard> heard = new ArrayList<>();
            final LiveMarket m = market(engine, sellerAndLowBuyer(), seed, heard);
            for (long t = OPEN + step; t < OPEN + 30 * SECOND; t += step)
            {
                m.runUntil(t);
            }
            m.submit(order(engine, "STUDENT-S", Side.SELL, 4_500, OPEN + 30 * SECOND));
            m.runUntil(OPEN + 60 * SECOND);
            assertEquals(OPEN + 60 * SECOND, m.now());
            runs.add(heard);
        }
        assertTrue(runs.get(0).stream().anyMatch(h -> h.who().equals("STUDENT-S")), "the student's ask");
        assertEquals(runs.get(0), runs.get(1), "seed " + seed);
        assertEquals(runs.get(0), runs.get(2), "seed " + seed);
    }

    @Test
    void shouldRefuseARobotOfATypeWithoutValuesOrOfAnUnknownParticipant()
    {
        final MatchingEngine engine = engine();
        final IllegalArgumentException maker = assertThrows(IllegalArgumentException.class, () -> new LiveMarket(
            engine, List.of(new LiveMarket.Robot("ZIC-B", "UNIT", AgentType.MARKET_MAKER, Side.BUY, new long[0], 1)),
            1));
        assertTrue(maker.getMessage().contains("not one of zic, ziu, zip"), maker.getMessage());
        final IllegalArgumentException nobody = assertThrows(IllegalArgumentException.class, () -> new LiveMarket(
            engine, List.of(new LiveMarket.Robot("NOBODY", "UNIT", AgentType.ZIC, Side.BUY, new long[] {1}, 1)), 1));
        assertTrue(nobody.getMessage().contains("NOBODY"), nobody.getMessage());
    }
}
