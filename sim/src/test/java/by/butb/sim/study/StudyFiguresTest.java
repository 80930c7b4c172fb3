package by.butb.sim.study;

import by.butb.engine.core.ResultCode;
import by.butb.engine.csv.CsvRow;
import by.butb.sim.Butb;
import by.butb.sim.report.FigureReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The study's figures beyond the flows' volumes (the UAE's first agricultural purchase and shares, Mongolia's one
 * milk-powder buyer, China as a supplier of metals), checked again here from trades-by-flow.csv and the generated
 * instruments.csv, as an analyst would.
 */
class StudyFiguresTest
{
    @TempDir
    static Path dir;

    private static List<CsvRow> trades;
    private static final Map<String, String> SECTION = new HashMap<>();

    @BeforeAll
    static void replayTheStudy() throws Exception
    {
        final Butb.Run run = Butb.run("study", "--quiet", "--out", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        trades = Butb.csv(dir.resolve(StudyRun.FLOW_TRADES_FILE));
        for (final CsvRow i : Butb.csv(dir.resolve("instruments.csv")))
        {
            SECTION.put(i.get("symbol"), i.get("section"));
        }
    }

    private static BigDecimal value(final CsvRow t)
    {
        return new BigDecimal(t.get("value_usd"));
    }

    private static boolean of(final CsvRow t, final Set<String> countries)
    {
        return countries.contains(t.get("buyer_country")) || countries.contains(t.get("seller_country"));
    }

    /** Share in % of the value of the countries' trades in [from, to] that {@code selected} picks. */
    private static BigDecimal share(final Set<String> countries, final String from, final String to,
        final java.util.function.Predicate<CsvRow> selected)
    {
        BigDecimal all = BigDecimal.ZERO;
        BigDecimal part = BigDecimal.ZERO;
        for (final CsvRow t : trades)
        {
            final String day = t.get("time").substring(0, 10);
            if (of(t, countries) && day.compareTo(from) >= 0 && day.compareTo(to) <= 0)
            {
                all = all.add(value(t));
                part = selected.test(t) ? part.add(value(t)) : part;
            }
        }
        return part.movePointRight(2).divide(all, 2, RoundingMode.HALF_UP);
    }

    @Test
    void theUaeBuysOnlyTimberUntilItsFirstAminoAcidPurchaseInEarlyJuly()
    {
        String first = null;
        String firstInstrument = null;
        for (final CsvRow t : trades)
        {
            if (t.get("buyer_country").equals("AE") && !t.get("instrument").equals("TIMBER_SW") &&
                (first == null || t.get("time").compareTo(first) < 0))
            {
                first = t.get("time");
                firstInstrument = t.get("instrument");
            }
        }
        assertEquals("AMINO", firstInstrument);
        assertTrue(first.compareTo("2024-07-01") >= 0 && first.compareTo("2024-07-11") < 0, first);
    }

    @Test
    void agriculturalGoodsAreAbout77PercentOfTheUaesJanuaryToAugustTurnover() throws Exception
    {
        final BigDecimal share = share(Set.of("AE"), "2024-01-01", "2024-08-31",
            t -> SECTION.get(t.get("instrument")).equals("AGRI"));
        assertTrue(share.subtract(BigDecimal.valueOf(77)).abs().compareTo(BigDecimal.ONE) <= 0, share + " %");
        final BigDecimal year = share(Set.of("AE"), "2024-01-01", "2024-12-31",
            t -> SECTION.get(t.get("instrument")).equals("AGRI"));
        assertTrue(year.subtract(BigDecimal.valueOf(80)).abs().compareTo(BigDecimal.ONE) <= 0, year + " %");
        final Map<String, String> printed = figures();
        assertEquals(share + " %", printed.get("ae-agri-share-8m"));
        assertEquals(year + " %", printed.get("ae-agri-share-2024"));
    }

    @Test
    void timberAndMilkPowderAreOver70PercentOfTheMiddleEastsDeals()
    {
        final BigDecimal share = share(Set.of("AE", "EG", "IQ", "JO", "LB", "OM", "SA", "SY"), "2024-01-01",
            "2024-09-30", t -> Set.of("TIMBER_SW", "SMP", "WMP").contains(t.get("instrument")));
        assertTrue(share.compareTo(BigDecimal.valueOf(70)) > 0, share + " %");
    }

    @Test
    void mongoliasMilkPowderTrialIsTwoDealsForOneBuyer()
    {
        final Set<String> buyers = new HashSet<>();
        int deals = 0;
        for (final CsvRow t : trades)
        {
            if (t.get("flow").equals("mn-smp-trial"))
            {
                buyers.add(t.get("buyer"));
                deals++;
                assertTrue(t.get("time").startsWith("2024-05"), t.get("time"));
            }
        }
        assertEquals(1, buyers.size(), buyers.toString());
        assertEquals(2, deals);
    }

    @Test
    void chineseFirmsSupplyMetalsToBelarusInReverseLotAuctionsAndTheyCountInChinasTurnover() throws Exception
    {
        BigDecimal turnover = BigDecimal.ZERO;
        int supplies = 0;
        for (final CsvRow t : trades)
        {
            if (t.get("seller_country").equals("CN"))
            {
                supplies++;
                assertEquals("BY", t.get("buyer_country"));
                assertEquals("METAL", SECTION.get(t.get("instrument")));
                assertEquals("LOT_AUCTION", t.get("kind"));
                assertTrue(t.get("counts_for").contains("cn-turnover-7m") == t.get("time").compareTo("2024-08") < 0);
            }
            if (List.of(t.get("counts_for").split(";")).contains("cn-turnover-7m"))
            {
                turnover = turnover.add(value(t));
            }
        }
        assertTrue(supplies > 0);
        final CsvRow summary = Butb.csv(dir.resolve("summary.csv")).stream()
            .filter(r -> r.get("flow").equals("cn-turnover-7m")).findFirst().orElseThrow();
        assertEquals(0, turnover.setScale(0, RoundingMode.HALF_UP)
            .compareTo(new BigDecimal(summary.get("achieved_value_usd")).setScale(0, RoundingMode.HALF_UP)));
        // A reverse auction's lot is the Belarusian buyer's: LOT_OFFER BUY, the Chinese sellers' bids SELL.
        final String events = Files.readString(dir.resolve("events.csv"));
        assertTrue(events.contains(",BY-MACHINE-01,BY-MACHINE-01,LOT"), "the buyer offers the lot");
    }

    @Test
    void tradesByFlowHasEveryTradeWithItsValueAndCountries() throws Exception
    {
        final List<CsvRow> plain = Butb.csv(dir.resolve("trades.csv"));
        assertEquals(plain.size(), trades.size());
        final Map<String, String> countryOf = new HashMap<>();
        for (final CsvRow p : Butb.csv(dir.resolve("participants.csv")))
        {
            countryOf.put(p.get("id"), p.get("country"));
        }
        for (int i = 0; i < trades.size(); i++)
        {
            final CsvRow t = trades.get(i);
            assertEquals(plain.get(i).get("trade_id"), t.get("trade_id"));
            assertEquals(0, new BigDecimal(t.get("price")).multiply(new BigDecimal(t.get("quantity")))
                .setScale(2, RoundingMode.HALF_UP).compareTo(value(t)), t.get("trade_id"));
            assertEquals(countryOf.get(t.get("buyer")), t.get("buyer_country"));
            assertEquals(countryOf.get(t.get("seller")), t.get("seller_country"));
            assertFalse(t.get("flow").isEmpty(), t.get("trade_id"));
            assertTrue(t.get("counts_for").contains(t.get("flow")), t.get("trade_id"));
        }
    }

    @Test
    void aMissedFigureFailsTheRunWithItsRejectsByReason() throws Exception
    {
        final Path scenarioDir = Files.createDirectories(dir.resolve("missed"));
        for (final String name : List.of("flows.csv", "accreditations.csv", "study.yaml"))
        {
            Files.copy(Path.of("..", "examples", "study", name), scenarioDir.resolve(name));
        }
        final Path yaml = scenarioDir.resolve("study.yaml");
        final String text = Files.readString(yaml);
        assertTrue(text.contains("    target: 77\n"));
        Files.writeString(yaml, text.replace("    target: 77\n", "    target: 50\n"));
        final Butb.Run run = Butb.run("sim", "--scenario", yaml.toString(), "--out",
            scenarioDir.resolve("out").toString());
        assertEquals(3, run.exitCode(), run.err());
        assertTrue(run.err().contains("1 figure(s) of the study missed"), run.err());
        assertTrue(run.err().contains("rejects: 0"), run.err());
        assertTrue(run.out().contains("ae-agri-share-8m"), run.out());
        final CsvRow row = Butb.csv(scenarioDir.resolve("out/figures.csv")).stream()
            .filter(r -> r.get("figure").equals("ae-agri-share-8m")).findFirst().orElseThrow();
        assertEquals("FAIL", row.get("check"));
    }

    @Test
    void theRejectsLineCountsEveryReason()
    {
        final long[] byCode = new long[ResultCode.values().length];
        byCode[ResultCode.PRICE_OUTSIDE_BAND.ordinal()] = 2;
        byCode[ResultCode.INSUFFICIENT_DEPOSIT.ordinal()] = 1;
        assertEquals("rejects: 3 (PRICE_OUTSIDE_BAND 2, INSUFFICIENT_DEPOSIT 1)", FigureReport.rejectsLine(3, byCode));
        assertEquals("rejects: 0", FigureReport.rejectsLine(0, new long[ResultCode.values().length]));
    }

    private static Map<String, String> figures() throws Exception
    {
        final Map<String, String> achieved = new HashMap<>();
        for (final CsvRow r : Butb.csv(dir.resolve(FigureReport.FIGURES_FILE)))
        {
            achieved.put(r.get("figure"), r.get("achieved"));
            assertEquals("OK", r.get("check"), r.get("figure"));
        }
        return achieved;
    }
}
