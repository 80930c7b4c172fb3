package by.butb.sim.classroom;

import by.butb.engine.model.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rounds without a server: drawn values, a hand-made round's trades and measures, the CSV export. */
@Timeout(30)
class RoundsTest
{
    private static final RoundSetup NO_ROBOTS = new RoundSetup(0, RoundSetup.RobotKind.ZIC, 1, 60, 1);

    @Test
    void shouldDrawTheSameValuesForASeedAndRoundAndOthersForAnotherSeedOrRound()
    {
        final long seed = new SplittableRandom().nextLong();
        final List<ClassRoster.Seat> students = List.of(new ClassRoster.Seat("Alice", "A", "BUYER"),
            new ClassRoster.Seat("Bob", "B", "SELLER"));
        final RoundSetup setup = new RoundSetup(3, RoundSetup.RobotKind.ZIC, 4, 60, seed);
        final List<RoundMarket.Spec> first = RoundMarket.draw(1, setup, students);
        final List<RoundMarket.Spec> again = RoundMarket.draw(1, setup, students);
        assertEquals(8, first.size(), "2 students and 3 robots a side");
        for (int i = 0; i < first.size(); i++)
        {
            final long[] limits = first.get(i).limits();
            assertArrayEquals(limits, again.get(i).limits(), "seed " + seed + " trader " + i);
            assertEquals(4, limits.length);
            for (int u = 0; u < limits.length; u++)
            {
                assertTrue(limits[u] >= RoundValues.LOW && limits[u] <= RoundValues.HIGH &&
                    limits[u] % RoundValues.STEP == 0, "seed " + seed + ": " + limits[u]);
                if (u > 0)
                {
                    final boolean buyer = first.get(i).side() == Side.BUY;
                    assertTrue(buyer ? limits[u] <= limits[u - 1] : limits[u] >= limits[u - 1], "best first");
                }
            }
        }
        final List<RoundMarket.Spec> nextRound = RoundMarket.draw(2, setup, students);
        final List<RoundMarket.Spec> otherSeed = RoundMarket.draw(1, new RoundSetup(3, RoundSetup.RobotKind.ZIC, 4,
            60, seed + 1), students);
        assertFalse(all(first).equals(all(nextRound)), "seed " + seed + ": round 2 draws again");
        assertFalse(all(first).equals(all(otherSeed)), "seed " + seed + ": another seed draws others");
    }

    private static List<Long> all(final List<RoundMarket.Spec> specs)
    {
        final List<Long> out = new ArrayList<>();
        specs.forEach(s -> Arrays.stream(s.limits()).forEach(out::add));
        return out;
    }

    /** Buyers B1 (120), B2 (70); sellers S1 (60), S2 (65), S3 (118): S3 is extra-marginal. */
    private static RoundMarket handMade()
    {
        return new RoundMarket(1, NO_ROBOTS, List.of(
            new RoundMarket.Spec("B1", "Ann, row 1", false, Side.BUY, new long[] {12_000}),
            new RoundMarket.Spec("B2", "Ben", false, Side.BUY, new long[] {7_000}),
            new RoundMarket.Spec("S1", "Cat", false, Side.SELL, new long[] {6_000}),
            new RoundMarket.Spec("S2", "Dan", false, Side.SELL, new long[] {6_500}),
            new RoundMarket.Spec("S3", "Eve \"E\"", false, Side.SELL, new long[] {11_800})), 1_000);
    }

    private static RoundMarket tradedHandMade()
    {
        final RoundMarket r = handMade();
        assertEquals("ACCEPTED", r.order("B2", 6_600, 1_100));
        assertEquals("TRADED", r.order("S2", 6_600, 1_200));
        assertEquals("ACCEPTED", r.order("S3", 11_900, 1_300));
        assertEquals("TRADED", r.order("B1", 11_900, 2_500));
        return r;
    }

    @Test
    void shouldMeasureEfficiencyAndAlphaOfAHandMadeRoundAsAnIndependentComputationDoes()
    {
        final RoundMarket r = tradedHandMade();
        final long[] values = {12_000, 7_000};
        final long[] costs = {6_000, 6_500, 11_800};
        // Clearing prices by search on the price grid: demanded (values >= p) equals supplied (costs <= p).
        long low = Long.MAX_VALUE;
        long high = 0;
        int units = 0;
        for (long p = 0; p <= 20_000; p++)
        {
            final long price = p;
            final long demanded = Arrays.stream(values).filter(v -> v >= price).count();
            final long supplied = Arrays.stream(costs).filter(c -> c <= price).count();
            if (demanded == supplied && demanded > 0)
            {
                low = Math.min(low, p);
                high = Math.max(high, p);
                units = (int)demanded;
            }
        }
        // Most surplus: every buyer paired with every seller in every order; the best sum of positive pairs.
        long best = 0;
        for (int a = 0; a < costs.length; a++)
        {
            for (int b = 0; b < costs.length; b++)
            {
                if (a != b)
                {
                    best = Math.max(best, Math.max(0, values[0] - costs[a]) + Math.max(0, values[1] - costs[b]));
                }
            }
        }
        final double traded = (7_000 - 6_500) + (12_000 - 11_800);
        final double p0 = (low + high) / 2.0;
        final double alpha = 100 * Math.sqrt((Math.pow(6_600 - p0, 2) + Math.pow(11_900 - p0, 2)) / 2) / p0;

        assertEquals(units, r.equilibrium().quantity());
        assertEquals(low, r.equilibrium().low());
        assertEquals(high, r.equilibrium().high());
        final Map<String, Double> m = r.measures();
        assertEquals(100 * traded / best, m.get("efficiency_pct"), 1e-9);
        assertEquals(alpha, m.get("smith_alpha_pct"), 1e-9);
        assertEquals(2, r.trades().size());
        assertEquals(400, r.trader("B2").profit, "70 - 66");
        assertEquals(100, r.trader("S2").profit, "66 - 65");
        assertEquals(100, r.trader("S3").profit, "119 - 118");
        assertEquals(100, r.trader("B1").profit, "120 - 119");
    }

    @Test
    void shouldRefuseAnOrderAfterTheLastUnitOrTheRoundsEnd()
    {
        final RoundMarket r = tradedHandMade();
        final ClassroomException spent = org.junit.jupiter.api.Assertions.assertThrows(ClassroomException.class,
            () -> r.order("B1", 10_000, 3_000));
        assertTrue(spent.getMessage().contains("traded all your units"), spent.getMessage());
        r.end(4_000);
        final ClassroomException over = org.junit.jupiter.api.Assertions.assertThrows(ClassroomException.class,
            () -> r.order("S1", 10_000, 5_000));
        assertTrue(over.getMessage().contains("is over"), over.getMessage());
    }

    @Test
    void shouldExportOrdersBothSidesOfTradesAndProfitsWithTheDocumentedColumns()
    {
        final String csv = RoundCsv.of(List.of(tradedHandMade()));
        final List<List<String>> rows = parse(csv);
        assertEquals(RoundCsv.COLUMNS, rows.get(0));
        assertFalse(csv.lines().anyMatch(l -> l.startsWith("#")), "no comment line");
        final int record = RoundCsv.COLUMNS.indexOf("record");
        final int name = RoundCsv.COLUMNS.indexOf("name");
        final int profit = RoundCsv.COLUMNS.indexOf("profit");
        final int trader = RoundCsv.COLUMNS.indexOf("trader");
        for (final List<String> row : rows)
        {
            assertEquals(RoundCsv.COLUMNS.size(), row.size(), row.toString());
        }
        assertEquals(4, rows.stream().filter(x -> x.get(record).equals("order")).count());
        assertEquals(4, rows.stream().filter(x -> x.get(record).equals("trade")).count(), "both sides of 2 trades");
        final List<List<String>> profits = rows.stream().filter(x -> x.get(record).equals("profit")).toList();
        assertEquals(List.of("B1", "B2", "S1", "S2", "S3"), profits.stream().map(x -> x.get(trader)).toList());
        assertEquals(List.of("1.00", "4.00", "0.00", "1.00", "1.00"), profits.stream().map(x -> x.get(profit))
            .toList());
        assertEquals("Ann, row 1", profits.get(0).get(name), "a comma in a name is quoted");
        assertEquals("Eve \"E\"", profits.get(4).get(name), "a quote in a name is doubled");
    }

    /** An RFC 4180 reader: quoted cells, doubled quotes. */
    private static List<List<String>> parse(final String csv)
    {
        final List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        final StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++)
        {
            final char c = csv.charAt(i);
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"')
                {
                    cell.append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',' || c == '\n')
            {
                row.add(cell.toString());
                cell.setLength(0);
                if (c == '\n')
                {
                    rows.add(row);
                    row = new ArrayList<>();
                }
            }
            else
            {
                cell.append(c);
            }
        }
        return rows;
    }
}
