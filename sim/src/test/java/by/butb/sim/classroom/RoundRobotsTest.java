package by.butb.sim.classroom;

import by.butb.engine.model.CatalogLoader;
import by.butb.engine.model.Side;
import by.butb.sim.agents.AgentRun;
import by.butb.sim.agents.AgentScenario;
import by.butb.sim.agents.AgentType;
import by.butb.sim.agents.Units;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The classroom's robots are the agents package's traders: a round of robots alone trades exactly as an
 * {@link AgentRun} of the same agents, values and seed, however the classroom's ticks fall and whatever the
 * round's speed of simulated time.
 */
@Timeout(60)
class RoundRobotsTest
{
    private static final long START_MILLIS = 1_000_000L;
    private static final int SECONDS = 40;

    /** Rounds of 40 real seconds, as long in simulated time, or standing for an hour or a trading day. */
    @ParameterizedTest
    @CsvSource({"ZIC, 40", "ZIU, 40", "ZIP, 40", "ZIC, 3600", "ZIP, 28800"})
    void shouldTradeARoundOfRobotsAloneAsAnAgentRunOfTheSameAgentsValuesAndSeed(final RoundSetup.RobotKind kind,
        final int simSeconds)
    {
        final long seed = new SplittableRandom().nextLong();
        final RoundSetup setup = new RoundSetup(4, kind, 3, SECONDS, seed, simSeconds);
        final List<RoundMarket.Spec> specs = RoundMarket.draw(1, setup, List.of());
        final RoundMarket round = new RoundMarket(1, setup, specs, START_MILLIS);
        final SplittableRandom ticks = new SplittableRandom(seed);
        for (long ms = START_MILLIS; ms < START_MILLIS + SECONDS * 1000L; ms += 1 + ticks.nextInt(400))
        {
            round.advance(ms);
        }
        round.advance(START_MILLIS + SECONDS * 1000L);
        final List<String> classroom = round.trades().stream().map(t -> (t.millis() - START_MILLIS) + " " +
            Rounds.money(t.price()) + " " + t.buyer() + " " + t.seller()).toList();

        final List<String> agents = new ArrayList<>();
        final String csv = AgentRun.run(scenario(setup, specs), true).tradesCsv();
        for (final String line : csv.lines().skip(1).toList())
        {
            final String[] f = line.split(",");
            final Instant at = Instant.parse(f[0]);
            final long nanos = at.getEpochSecond() * 1_000_000_000L + at.getNano() - RoundMarket.BASE_NANOS;
            agents.add(nanos / 1_000_000L + " " + f[2] + " " + f[5].replace("-0001", "") + " " +
                f[6].replace("-0001", ""));
        }
        assertFalse(agents.isEmpty(), "seed " + seed + ": the agents traded");
        assertEquals(agents, classroom, "seed " + seed + ", " + kind + ", " + simSeconds + " s");
    }

    @Test
    void shouldGiveTheSameRoundForTheSameSeedAndStudentOrdersHoweverTheTicksFall()
    {
        final long seed = new SplittableRandom().nextLong();
        final RoundSetup setup = new RoundSetup(3, RoundSetup.RobotKind.ZIP, 2, 20, seed);
        final List<ClassRoster.Seat> students = List.of(new ClassRoster.Seat("Alice", "A", "BUYER"),
            new ClassRoster.Seat("Bob", "B", "SELLER"));
        final List<String> runs = new ArrayList<>();
        final long[] orderAt = {START_MILLIS + 7_000, START_MILLIS + 13_950};
        for (final int tickMillis : new int[] {50, 200, 7_000})
        {
            final RoundMarket r = new RoundMarket(1, setup, RoundMarket.draw(1, setup, students), START_MILLIS);
            long before = START_MILLIS - 1;
            for (long ms = START_MILLIS; ms <= START_MILLIS + 21_000; ms += tickMillis)
            {
                if (orderAt[0] > before && orderAt[0] <= ms)
                {
                    r.order("A", 12_000, orderAt[0]);
                }
                if (orderAt[1] > before && orderAt[1] <= ms)
                {
                    r.order("B", 9_000, orderAt[1]);
                }
                r.advance(ms);
                before = ms;
            }
            runs.add(RoundCsv.of(List.of(r)));
        }
        assertTrue(runs.get(0).contains(",A,Alice,student,BUYER,NEW,") &&
            runs.get(0).contains(",B,Bob,student,SELLER,NEW,"), runs.get(0));
        assertEquals(runs.get(0), runs.get(1), "seed " + seed);
        assertEquals(runs.get(0), runs.get(2), "seed " + seed);
    }

    @Test
    void shouldRunSimulatedTimeAtTheRoundsSpeedAndEndTheRoundAfterItsRealSeconds()
    {
        final Rounds rounds = new Rounds();
        final List<ClassRoster.Seat> alice = List.of(new ClassRoster.Seat("Alice", "A", "BUYER"));
        final RoundSetup setup = RoundSetup.parse(Map.of("robots", "0", "units", "1", "seconds", "10",
            "simSeconds", "3600"));
        assertEquals(RoundMarket.ROBOT_WAKE_SECONDS * 360, RoundMarket.robotWakeSeconds(setup), 1e-9,
            "robots keep their pace in real time");
        rounds.start(setup, alice, START_MILLIS);
        assertEquals("ACCEPTED", rounds.order("A", "80", START_MILLIS + 5_000));
        rounds.tick(START_MILLIS + 9_999);
        assertTrue(rounds.all().get(0).running(), "10 real seconds, not 3,600");
        rounds.tick(START_MILLIS + 10_000);
        assertFalse(rounds.all().get(0).running());
        final List<String> order = RoundCsv.of(rounds.all()).lines().filter(l -> l.startsWith("1,order,")).toList();
        assertEquals(1, order.size());
        assertTrue(order.get(0).startsWith("1,order,1800.000,A,"), "half the round is 1,800 simulated s: " + order);
        assertTrue(rounds.instructorJson(START_MILLIS).contains("\"simSeconds\":3600"));
    }

    @Test
    void shouldTakeTheRealSecondsAsTheSimulatedLengthUnlessTheFormGivesOne()
    {
        assertEquals(90, RoundSetup.parse(Map.of("seconds", "90")).simSeconds());
        assertEquals(28_800, RoundSetup.parse(Map.of("seconds", "90", "simSeconds", " 28800 ")).simSeconds());
        final ClassroomException tooLong = assertThrows(ClassroomException.class,
            () -> RoundSetup.parse(Map.of("simSeconds", "86400")));
        assertEquals("field 'simSeconds': 86400 is not from 5 to 28800", tooLong.getMessage());
    }

    /**
     * The round as an agent-based market: the classroom's instrument, one group of one agent per robot in the
     * round's order, the robots' values and costs as schedules dealt back to the same robots, the robots' seed.
     */
    private static AgentScenario scenario(final RoundSetup setup, final List<RoundMarket.Spec> specs)
    {
        final String[] header = RoundMarket.instrumentsCsv().lines().findFirst().orElseThrow().split(",");
        final String[] row = RoundMarket.instrumentsCsv().lines().skip(1).findFirst().orElseThrow().split(",");
        assertEquals(CatalogLoader.INSTRUMENT_COLUMNS, List.of(header));
        final Map<String, String> instrument = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++)
        {
            instrument.put(header[i], row[i]);
        }
        final List<RoundMarket.Spec> buyers = specs.stream().filter(s -> s.side() == Side.BUY).toList();
        final List<RoundMarket.Spec> sellers = specs.stream().filter(s -> s.side() == Side.SELL).toList();
        final AgentScenario.Market market = new AgentScenario.Market(RoundMarket.SYMBOL,
            AgentScenario.Mechanism.CONTINUOUS, 0, BigDecimal.ONE, null, dealt(buyers), dealt(sellers), 0);
        final List<AgentScenario.Group> groups = new ArrayList<>();
        for (final RoundMarket.Spec s : specs)
        {
            groups.add(new AgentScenario.Group(s.id(), AgentType.of(setup.robots().name().toLowerCase()),
                s.side() == Side.BUY ? "buy" : "sell", RoundMarket.SYMBOL, 1, "BY", new BigDecimal(1_000_000),
                RoundMarket.robotWakeSeconds(setup), null, null, Map.of(), "round", 0, "agents"));
        }
        final LocalTime open = LocalTime.ofNanoOfDay(RoundMarket.BASE_NANOS % 86_400_000_000_000L);
        return new AgentScenario("round", "", "round", RoundValues.robotSeed(setup.seed(), 1), 1,
            LocalDate.ofInstant(Instant.ofEpochSecond(RoundMarket.BASE_NANOS / 1_000_000_000L), ZoneOffset.UTC),
            open, open.plusSeconds(setup.simSeconds()), 0, BigDecimal.ZERO, BigDecimal.ZERO, List.of(instrument),
            Map.of(RoundMarket.SYMBOL, market), List.copyOf(groups));
    }

    /** One side's limits as a schedule that AgentRun deals round robin back to the same traders: unit j of each. */
    private static List<AgentScenario.Step> dealt(final List<RoundMarket.Spec> side)
    {
        final List<AgentScenario.Step> steps = new ArrayList<>();
        for (int j = 0; j < side.get(0).limits().length; j++)
        {
            for (final RoundMarket.Spec s : side)
            {
                final long[] best = Units.bestFirst(s.limits(), s.side() == Side.BUY);
                steps.add(new AgentScenario.Step(BigDecimal.valueOf(best[j], 2), 1));
            }
        }
        return steps;
    }
}
