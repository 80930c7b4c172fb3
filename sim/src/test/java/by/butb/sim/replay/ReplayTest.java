package by.butb.sim.replay;

import by.butb.engine.csv.CsvRow;
import by.butb.sim.Butb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replays through the command line, with the bundled default catalogs (config/*.csv). */
class ReplayTest
{
    @TempDir
    Path dir;

    private Path out()
    {
        return dir.resolve("out");
    }

    private Butb.Run replay(final Path orders, final String... more)
    {
        final String[] args = new String[4 + more.length];
        args[0] = "replay";
        args[1] = "--orders=" + orders;
        args[2] = "--out=" + out();
        args[3] = "--fee-pct=0.1";
        System.arraycopy(more, 0, args, 4, more.length);
        return Butb.run(args);
    }

    private List<CsvRow> trades()
    {
        return Butb.csv(out().resolve("trades.csv"));
    }

    private List<CsvRow> events()
    {
        return Butb.csv(out().resolve("events.csv"));
    }

    private static List<CsvRow> rejects(final List<CsvRow> events)
    {
        return events.stream().filter(e -> e.get("event").equals("REJECTED")).collect(Collectors.toList());
    }

    @Test
    void replayOfASmallOrderFileGivesTheExpectedTrades()
    {
        final Path orders = Butb.orders(dir,
            "2024-03-01T09:00:00Z,BY-SUGAR-SLUTSK,NEW,S1,SUGAR,SELL,LIMIT,GTC,626.00,500,,,",
            "2024-03-01T09:00:01Z,BY-SUGAR-SKIDEL,NEW,K1,SUGAR,SELL,LIMIT,GTC,624.50,300,,,",
            "2024-03-01T09:01:00Z,MN-BUYER-01,NEW,B1,SUGAR,BUY,LIMIT,DAY,626.00,401,,,",
            "2024-03-01T09:02:00Z,BY-SAWMILL-01,NEW,W1,TIMBER_SW,SELL,LIMIT,DAY,180.00,10,,,",
            "2024-03-01T09:03:00Z,CN-BUYER-01,NEW,C1,TIMBER_SW,BUY,LIMIT,DAY,180.50,4,,,");

        final Butb.Run run = replay(orders);

        assertEquals(0, run.exitCode(), run.err());
        final List<CsvRow> trades = trades();
        assertEquals(3, trades.size());
        assertTrade(trades.get(0), "1", "SUGAR", "624.50", "300.000", "MN-BUYER-01", "BY-SUGAR-SKIDEL", "B1", "K1",
            "BUY");
        assertTrade(trades.get(1), "2", "SUGAR", "626.00", "101.000", "MN-BUYER-01", "BY-SUGAR-SLUTSK", "B1", "S1",
            "BUY");
        assertTrade(trades.get(2), "3", "TIMBER_SW", "180.00", "4.000", "CN-BUYER-01", "BY-SAWMILL-01", "C1", "W1",
            "BUY");
        assertEquals("2024-03-01T09:01:00Z", trades.get(0).get("time"));
        assertTrue(run.out().contains("trades        3"), run.out());
        assertTrue(Files.exists(out().resolve("summary.txt")));
    }

    @Test
    void theSummaryListsEveryParticipantsDepositAtTheEnd()
    {
        final Path orders = Butb.orders(dir,
            "2024-03-01T09:00:00Z,BY-SUGAR-SLUTSK,NEW,S1,SUGAR,SELL,LIMIT,GTC,626.00,500,,,",
            "2024-03-01T09:01:00Z,MN-BUYER-01,NEW,B1,SUGAR,BUY,LIMIT,DAY,627.00,100,,,",
            "2024-03-01T09:02:00Z,CN-BUYER-01,NEW,C1,SUGAR,BUY,LIMIT,DAY,600.00,10,,,");

        final Butb.Run run = replay(orders);

        assertEquals(0, run.exitCode(), run.err());
        final String summary = Butb.text(out().resolve("summary.txt"));
        assertTrue(summary.lines().anyMatch(
            l -> l.matches("participant +currency +deposited +free +blocked +fees paid")), summary);
        // One trade: 100 t at the resting price 626.00 = 62,600.00 USD; fee 0.1 % from each side = 62.60.
        // The seller's 400 t still open block 10 % of 400 x 626.00 = 25,040.00; the buyer's guarantee (at its
        // limit, 627.00) is released by the fill; CN-BUYER-01's resting bid blocks 10 % of 10 x 600.00 = 600.00.
        assertDeposit(summary, "BY-SUGAR-SLUTSK", "500000.00", "474897.40", "25040.00", "62.60");
        assertDeposit(summary, "MN-BUYER-01", "1000000.00", "999937.40", "0.00", "62.60");
        assertDeposit(summary, "CN-BUYER-01", "1000000.00", "999400.00", "600.00", "0.00");
        assertDeposit(summary, "BY-SAWMILL-01", "500000.00", "500000.00", "0.00", "0.00");
        assertTrue(run.out().contains(summary), "the summary is also printed");
    }

    /** The participant's row of the summary's deposit table: currency, deposited, free, blocked, fees paid. */
    private static void assertDeposit(final String summary, final String participant, final String deposited,
        final String free, final String blocked, final String feesPaid)
    {
        final String row = summary.lines().filter(l -> l.startsWith(participant + " ")).findFirst()
            .orElseThrow(() -> new AssertionError(participant + " missing from\n" + summary));
        assertEquals(List.of(participant, "USD", deposited, free, blocked, feesPaid), List.of(row.trim().split(" +")),
            row);
    }

    private static void assertTrade(final CsvRow trade, final String id, final String instrument, final String price,
        final String quantity, final String buyer, final String seller, final String buyOrder, final String sellOrder,
        final String aggressor)
    {
        assertEquals(id, trade.get("trade_id"));
        assertEquals(instrument, trade.get("instrument"));
        assertEquals(price, trade.get("price"));
        assertEquals(quantity, trade.get("quantity"));
        assertEquals(buyer, trade.get("buyer"));
        assertEquals(seller, trade.get("seller"));
        assertEquals(buyOrder, trade.get("buy_order_id"));
        assertEquals(sellOrder, trade.get("sell_order_id"));
        assertEquals(aggressor, trade.get("aggressor"));
    }

    @Test
    void timesWithAnOffsetArePrintedInUtc()
    {
        final Path orders = Butb.orders(dir,
            "2024-03-01T12:00:00.250+03:00,BY-LIDA,NEW,L1,SMP,SELL,LIMIT,DAY,2500.00,10,,,");

        assertEquals(0, replay(orders).exitCode());

        assertEquals("2024-03-01T09:00:00.250Z", events().get(0).get("time"));
    }

    @Test
    void optionalColumnsGivenWithTheWrongActionMakeTheRowMalformed()
    {
        final Path orders = Butb.orders(dir,
            "2024-03-01T09:00:00Z,BY-LIDA,NEW,L1,SMP,SELL,LIMIT,DAY,2500.00,10,,L2,",
            "2024-03-01T09:00:01Z,BY-LIDA,CANCEL,L1,SMP,SELL,LIMIT,DAY,,,,,");

        assertEquals(0, replay(orders).exitCode());

        final List<CsvRow> events = events();
        assertEquals("line 2 field 'new_order_id': is only for REPLACE", events.get(0).get("reason"));
        assertEquals("UNKNOWN_ORDER", events.get(1).get("code_name"), "a CANCEL may repeat instrument and side");
    }

    @Test
    void anOrderIdLongerThan64CharactersMakesTheRowMalformed()
    {
        final String huge = "X".repeat(1 << 20);
        final Path orders = Butb.orders(dir,
            "2024-03-01T09:00:00Z,BY-SUGAR-SLUTSK,NEW," + huge + ",SUGAR,SELL,LIMIT,GTC,625.00,100,,,",
            "2024-03-01T09:00:01Z,BY-SUGAR-SLUTSK,NEW,S1,SUGAR,SELL,LIMIT,GTC,625.00,100,,S" + "9".repeat(64) + ",",
            "2024-03-01T09:00:02Z,BY-SUGAR-SLUTSK,NEW," + "L".repeat(64) + ",SUGAR,SELL,LIMIT,GTC,625.00,100,,,");

        assertEquals(0, replay(orders).exitCode());

        final List<CsvRow> events = events();
        assertEquals("MALFORMED_INPUT", events.get(0).get("code_name"));
        assertEquals("line 2 field 'order_id': is 1048576 characters long: an order id has at most 64",
            events.get(0).get("reason"));
        assertEquals("line 3 field 'new_order_id': is 65 characters long: an order id has at most 64; " +
            "field 'new_order_id': is only for REPLACE", events.get(1).get("reason"));
        assertEquals("ACCEPTED", events.get(2).get("event"), "64 characters are fine");
    }

    @Test
    void aSellerHittingABidIsTheSellAggressor()
    {
        final Path orders = Butb.orders(dir,
            "2024-03-01T09:00:00Z,CN-BUYER-01,NEW,bid,SMP,BUY,LIMIT,DAY,2500.00,20,,,",
            "2024-03-01T09:00:01Z,BY-SAVUSHKIN,NEW,ask,SMP,SELL,LIMIT,DAY,2400.00,5,,,");

        assertEquals(0, replay(orders).exitCode());

        assertTrade(trades().get(0), "1", "SMP", "2500.00", "5.000", "CN-BUYER-01", "BY-SAVUSHKIN", "bid", "ask",
            "SELL");
    }

    @Test
    void malformedRowIsRejectedNamingLineAndFieldWhileLaterRowsStillTrade()
    {
        final Path orders = Butb.orders(dir,
            "2024-03-01T09:00:00Z,BY-SUGAR-SLUTSK,NEW,S1,SUGAR,SELL,LIMIT,GTC,625.00,100,,,",
            "# a comment line is skipped but still counts as a line of the file",
            "2024-03-01T09:00:01Z,MN-BUYER-01,NEW,B1,SUGAR,BUY,LIMIT,DAY,abc,10,,,",
            "2024-03-01T09:00:02Z,MN-BUYER-01,NEW,B2,SUGAR,BUY,LIMIT,DAY,625.00,10,,,");

        final Butb.Run run = replay(orders);

        assertEquals(0, run.exitCode(), run.err());
        final List<CsvRow> rejects = rejects(events());
        assertEquals(1, rejects.size());
        final CsvRow reject = rejects.get(0);
        assertEquals("4", reject.get("line"));
        assertEquals("100", reject.get("code"));
        assertEquals("MALFORMED_INPUT", reject.get("code_name"));
        assertEquals("line 4 field 'price': 'abc' is not a decimal number", reject.get("reason"));
        assertEquals("MN-BUYER-01", reject.get("participant"));
        assertEquals("B1", reject.get("order_id"));
        assertEquals("abc", reject.get("price"));
        assertEquals(1, trades().size());
        assertEquals("B2", trades().get(0).get("buy_order_id"));
    }

    @Test
    void aRowWithMoreValuesThanTheHeaderIsMalformedLikeAnUnquotedDecimalComma()
    {
        final Path orders = Butb.orders(dir,
            "2024-03-01T09:00:00Z,BY-SUGAR-SLUTSK,NEW,S1,SUGAR,SELL,LIMIT,GTC,625.00,100,,,",
            "2024-03-01T09:00:01Z,MN-BUYER-01,NEW,B1,SUGAR,BUY,LIMIT,DAY,625,50,10,,,",
            "2024-03-01T09:00:02Z,MN-BUYER-01,NEW,B2,SUGAR,BUY,LIMIT,DAY,\"625,50\",10,,,");

        final Butb.Run run = replay(orders);

        assertEquals(0, run.exitCode(), run.err());
        final List<CsvRow> rejects = rejects(events());
        assertEquals(2, rejects.size());
        assertEquals("100", rejects.get(0).get("code"));
        assertTrue(rejects.get(0).get("reason").startsWith("line 3 has 14 values but the header has 13 columns"),
            rejects.get(0).get("reason"));
        assertEquals("line 4 field 'price': '625,50' is not a decimal number", rejects.get(1).get("reason"),
            "a quoted decimal comma stays in its field");
        assertTrue(trades().isEmpty());
    }

    @Test
    void decimalsWithAnExponentAreNotPlainDecimals()
    {
        final Path orders = Butb.orders(dir,
            "2024-03-01T09:00:00Z,BY-SUGAR-SLUTSK,NEW,S1,SUGAR,SELL,LIMIT,GTC,6.26e2,5E1,,,");
        final Path instruments = Butb.write(dir.resolve("instruments.csv"),
            "symbol,name,section,unit,currency,price_scale,quantity_scale,price_step,lot_size,reference_price," +
                "band_pct\n" +
                "SUGAR,White sugar,AGRI,t,USD,2,3,0.50,1,6.25e2,20\n");

        final Butb.Run run = replay(orders);
        final Butb.Run badCatalog = replay(orders, "--instruments=" + instruments);

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("line 2 field 'price': '6.26e2' is not a decimal number; " +
            "field 'quantity': '5E1' is not a decimal number", rejects(events()).get(0).get("reason"));
        assertEquals(1, badCatalog.exitCode());
        assertTrue(badCatalog.err().contains("instruments.csv:2 field 'reference_price': '6.25e2' is not a decimal"),
            badCatalog.err());
    }

    @Test
    void aByteOrderMarkBeforeALeadingCommentIsIgnored()
    {
        final Path plain = Butb.orders(dir,
            "2024-03-01T09:00:00Z,BY-SUGAR-SLUTSK,NEW,S1,SUGAR,SELL,LIMIT,GTC,625.00,100,,,",
            "2024-03-01T09:00:01Z,MN-BUYER-01,NEW,B1,SUGAR,BUY,LIMIT,DAY,625.00,10,,,");
        final Path withBom = Butb.write(dir.resolve("bom.csv"),
            "\uFEFF# saved by a spreadsheet\n" + Butb.text(plain));

        final Butb.Run run = replay(withBom);

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, trades().size());
        assertTrue(rejects(events()).isEmpty());
    }

    @Test
    void everyUnreadableFieldIsNamedInTheReason()
    {
        final Path orders = Butb.orders(dir,
            "yesterday,MN-BUYER-01,NEW,B1,SUGAR,UP,LIMIT,DAY,625.00,10,,,",
            "2024-03-01T09:00:00Z,MN-BUYER-01,BUY,B2,SUGAR,BUY,LIMIT,DAY,625.00,10,,,",
            "2024-03-01T09:00:00Z,MN-BUYER-01,NEW,B3,SUGAR,BUY,LIMIT,SOMETIMES,625.00,,,,",
            "2024-03-01T09:00:00Z,MN-BUYER-01,CANCEL,,,,,,,,,,");

        assertEquals(0, replay(orders).exitCode());

        final List<String> reasons = rejects(events()).stream().map(e -> e.get("reason")).collect(Collectors.toList());
        assertEquals(List.of(
            "line 2 field 'time': 'yesterday' is not an ISO-8601 UTC time such as 2024-03-01T09:00:00Z; " +
                "field 'side': 'UP' is not one of BUY, SELL",
            "line 3 field 'action': 'BUY' is not one of NEW, CANCEL, REPLACE, LOT_OFFER, LOT_BID",
            "line 4 field 'tif': 'SOMETIMES' is not one of DAY, GTC, IOC, FOK; field 'quantity': is missing",
            "line 5 field 'order_id': is missing (give order_id or exchange_order_id)"), reasons);
        assertTrue(rejects(events()).stream().allMatch(e -> e.get("code").equals("100")));
    }

    @Test
    void moreDecimalsThanTheInstrumentHasIsOffStepOrOffLot()
    {
        final Path orders = Butb.orders(dir,
            "2024-03-01T09:00:00Z,MN-BUYER-01,NEW,B1,SUGAR,BUY,LIMIT,DAY,625.001,10,,,",
            "2024-03-01T09:00:01Z,MN-BUYER-01,NEW,B2,SUGAR,BUY,LIMIT,DAY,625.00,10.0001,,,",
            "2024-03-01T09:00:02Z,MN-BUYER-01,NEW,B3,SUGAR,BUY,LIMIT,DAY,625.25,10,,,");

        assertEquals(0, replay(orders).exitCode());

        final List<CsvRow> rejects = rejects(events());
        assertEquals("301", rejects.get(0).get("code"));
        assertTrue(rejects.get(0).get("reason").startsWith("line 2 field 'price': '625.001' has more than 2 decimal"),
            rejects.get(0).get("reason"));
        assertEquals("302", rejects.get(1).get("code"));
        assertEquals("301", rejects.get(2).get("code"));
        assertEquals("price 625.25 is not a multiple of the price step 0.50", rejects.get(2).get("reason"));
    }

    @Test
    void unknownParticipantGetsCode101AndKeepsItsName()
    {
        final Path orders = Butb.orders(dir,
            "2024-03-01T09:00:00Z,XX-NOBODY,NEW,X1,SUGAR,BUY,LIMIT,DAY,625.00,10,,,");

        assertEquals(0, replay(orders).exitCode());

        final CsvRow reject = rejects(events()).get(0);
        assertEquals("101", reject.get("code"));
        assertEquals("UNKNOWN_PARTICIPANT", reject.get("code_name"));
        assertEquals("XX-NOBODY", reject.get("participant"));
        assertEquals("X1", reject.get("order_id"));
        assertEquals("unknown participant 'XX-NOBODY'", reject.get("reason"));
    }

    @Test
    void unknownInstrumentAndUnknownClientGetTheirCodes()
    {
        final Path orders = Butb.orders(dir,
            "2024-03-01T09:00:00Z,MN-BUYER-01,NEW,B1,COFFEE,BUY,LIMIT,DAY,625.00,10,,,",
            "2024-03-01T09:00:01Z,MN-BROKER-01,NEW,B2,SMP,BUY,LIMIT,DAY,2500.00,10,MN-NOBODY,,");

        assertEquals(0, replay(orders).exitCode());

        final List<CsvRow> rejects = rejects(events());
        assertEquals("102", rejects.get(0).get("code"));
        assertEquals("COFFEE", rejects.get(0).get("instrument"));
        assertEquals("625.00", rejects.get(0).get("price"));
        assertEquals("103", rejects.get(1).get("code"));
        assertEquals("MN-NOBODY", rejects.get(1).get("participant"));
        assertEquals("MN-BROKER-01", rejects.get(1).get("submitter"));
    }

    @Test
    void brokerTradesForItsClientWhoIsTheBuyerOfRecord()
    {
        final Path orders = Butb.orders(dir,
            "2024-03-01T09:00:00Z,BY-LIDA,NEW,L1,SMP,SELL,LIMIT,DAY,2500.00,10,,,",
            "2024-03-01T09:00:01Z,MN-BROKER-01,NEW,B1,SMP,BUY,LIMIT,DAY,2500.00,10,MN-BUYER-02,,");

        assertEquals(0, replay(orders).exitCode());

        final CsvRow trade = trades().get(0);
        assertEquals("MN-BUYER-02", trade.get("buyer"));
        assertEquals("B1", trade.get("buy_order_id"));
        final CsvRow accepted = events().get(1);
        assertEquals("MN-BUYER-02", accepted.get("participant"));
        assertEquals("MN-BROKER-01", accepted.get("submitter"));
    }

    @Test
    void replaceRenamesTheOrderAndCancelMayNameTheExchangeOrderId()
    {
        final Path orders = Butb.orders(dir,
            "2024-03-01T09:00:00Z,BY-LIDA,NEW,L1,SMP,SELL,LIMIT,GTC,2600.00,10,,,",
            "2024-03-01T09:00:01Z,BY-LIDA,REPLACE,L1,,,,,2550.00,8,,L1-b,",
            "2024-03-01T09:00:02Z,BY-LIDA,NEW,L2,SMP,SELL,LIMIT,GTC,2700.00,5,,,",
            "2024-03-01T09:00:03Z,BY-LIDA,CANCEL,,,,,,,,,,2",
            "2024-03-01T09:00:04Z,CN-BUYER-01,NEW,C1,SMP,BUY,LIMIT,DAY,2700.00,20,,,",
            "2024-03-01T09:00:05Z,BY-LIDA,CANCEL,L1,,,,,,,,,");

        assertEquals(0, replay(orders).exitCode());

        final List<CsvRow> events = events();
        final CsvRow replaced = events.get(1);
        assertEquals("REPLACED", replaced.get("event"));
        assertEquals("L1-b", replaced.get("order_id"));
        assertEquals("2550.00", replaced.get("price"));
        assertEquals("8.000", replaced.get("quantity"));
        final CsvRow cancelled = events.get(3);
        assertEquals("CANCELLED", cancelled.get("event"));
        assertEquals("L2", cancelled.get("order_id"));
        assertEquals("2", cancelled.get("exchange_order_id"));
        final CsvRow trade = trades().get(0);
        assertEquals("L1-b", trade.get("sell_order_id"));
        assertEquals("8.000", trade.get("quantity"));
        final CsvRow late = rejects(events).get(0);
        assertEquals("502", late.get("code"), "L1 was renamed L1-b, then filled");
    }

    @Test
    void replaceByExchangeOrderIdAloneReadsThePriceAtTheOrdersScale()
    {
        final Path orders = Butb.orders(dir,
            "2024-03-01T09:00:00Z,BY-SAWMILL-01,NEW,W1,TIMBER_SW,SELL,LIMIT,GTC,182.00,100,,,",
            "2024-03-01T09:00:01Z,BY-SAWMILL-01,REPLACE,,,,,,181.50,100,,,1");

        assertEquals(0, replay(orders).exitCode());

        final CsvRow replaced = events().get(1);
        assertEquals("REPLACED", replaced.get("event"));
        assertEquals("W1", replaced.get("order_id"));
        assertEquals("181.50", replaced.get("price"));
    }

    @Test
    void depositRejectSaysHowMuchIsNeededAndFree()
    {
        final Path orders = Butb.orders(dir,
            "2024-03-01T09:00:00Z,CN-BUYER-02,NEW,C1,WMP,BUY,LIMIT,DAY,3300.00,4000,,,");

        assertEquals(0, replay(orders, "--guarantee-pct=10").exitCode());

        final CsvRow reject = rejects(events()).get(0);
        assertEquals("401", reject.get("code"));
        assertEquals("free deposit is too small for the guarantee: the order needs 1320000.00 USD, " +
            "CN-BUYER-02 has 1000000.00 USD free", reject.get("reason"));
    }

    @Test
    void guaranteePercentageChangesWhatTheDepositCovers()
    {
        final Path orders = Butb.orders(dir,
            "2024-03-01T09:00:00Z,CN-BUYER-02,NEW,C1,WMP,BUY,LIMIT,DAY,3300.00,4000,,,");

        final Butb.Run run = replay(orders, "--guarantee-pct=5");

        assertEquals(0, run.exitCode());
        assertEquals("ACCEPTED", events().get(0).get("event"));
        assertTrue(run.out().contains("guarantee 5 %"), run.out());
    }

    @Test
    void unreadableOrdersFileExitsWithOneAndWritesNothing()
    {
        final Butb.Run run = replay(dir.resolve("no-such-orders.csv"));

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("no-such-orders.csv: file not found"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertFalse(Files.exists(out()));
    }

    @Test
    void missingHeaderColumnExitsWithOneNamingTheColumnAndWritesNothing()
    {
        final Path orders = Butb.write(dir.resolve("orders.csv"),
            "time,participant,action,order_id,instrument,side,type,tif,quantity\n" +
                "2024-03-01T09:00:00Z,MN-BUYER-01,NEW,B1,SUGAR,BUY,LIMIT,DAY,10\n");

        final Butb.Run run = replay(orders);

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("orders.csv:1 field 'price': required column is missing from the header"),
            run.err());
        assertFalse(Files.exists(out()));
    }

    @Test
    void brokenQuotingHalfWayExitsWithOneAndLeavesNoOutputOrTemporaryFiles() throws Exception
    {
        final Path orders = Butb.orders(dir,
            "2024-03-01T09:00:00Z,BY-LIDA,NEW,L1,SMP,SELL,LIMIT,GTC,2600.00,10,,,",
            "2024-03-01T09:00:01Z,BY-LIDA,NEW,\"L2,SMP,SELL,LIMIT,GTC,2600.00,10,,,");
        final Path nested = dir.resolve("a/b/out");

        final Butb.Run run = Butb.run("replay", "--orders", orders.toString(), "--out", nested.toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("orders.csv:3: a quoted field is not closed"), run.err());
        assertFalse(Files.exists(dir.resolve("a")), "created directories are removed again");
        try (var files = Files.list(dir))
        {
            assertEquals(List.of("orders.csv"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void badCatalogExitsWithOneNamingFileLineAndFieldAndWritesNothing()
    {
        final Path orders = Butb.orders(dir,
            "2024-03-01T09:00:00Z,MN-BUYER-01,NEW,B1,SUGAR,BUY,LIMIT,DAY,625.00,10,,,");
        final Path instruments = Butb.write(dir.resolve("instruments.csv"),
            "symbol,name,section,unit,currency,price_scale,quantity_scale,price_step,lot_size,reference_price," +
                "band_pct\n" +
                "SUGAR,White sugar,AGRI,t,USD,2,3,0.50,1,625.00,20\n" +
                "SMP,Skim milk powder,AGRI,t,usd,2,3,1.00,1,2500.00,15\n");

        final Butb.Run run = replay(orders, "--instruments=" + instruments);

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("instruments.csv:3 field 'currency': 'usd' is not an ISO 4217 code"),
            run.err());
        assertFalse(Files.exists(out()));
    }

    @Test
    void participantsWithoutTheCatalogsSectionsAreABadCatalog()
    {
        assertBadParticipantsRow("BY-X,X,BY,true,TRADER,,FISH,ACTIVE,100.00,USD",
            "participants.csv:2 field 'sections': 'FISH' is not a section");
    }

    @Test
    void aCatalogRowWithMoreValuesThanTheHeaderIsABadCatalog()
    {
        assertBadParticipantsRow("BY-X,X,BY,true,TRADER,,AGRI,ACTIVE,100,50,USD",
            "participants.csv:2: has 11 values but the header has 10 columns");
    }

    private void assertBadParticipantsRow(final String row, final String error)
    {
        final Path orders = Butb.orders(dir);
        final Path participants = Butb.write(dir.resolve("participants.csv"),
            "id,name,country,resident,role,clients,sections,status,deposit,currency\n" + row + "\n");

        final Butb.Run run = replay(orders, "--participants=" + participants);

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains(error), run.err());
        assertFalse(Files.exists(out()));
    }

    @Test
    void anExistingOutputDirectoryKeepsItsOtherFiles() throws Exception
    {
        final Path orders = Butb.orders(dir);
        Butb.write(out().resolve("notes.txt"), "mine");
        Butb.write(out().resolve("trades.csv"), "old");

        assertEquals(0, replay(orders).exitCode());

        assertEquals("mine", Butb.text(out().resolve("notes.txt")));
        try (var files = Files.list(out()))
        {
            assertEquals(List.of("events.csv", "notes.txt", "summary.txt", "trades.csv"),
                files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary files left");
        }
        assertEquals("trade_id,time,instrument,price,quantity,buyer,seller,buy_order_id,sell_order_id,aggressor," +
            "kind\n",
            Butb.text(out().resolve("trades.csv")));
    }

    @Test
    void anInputFileTheReplayWouldOverwriteIsRefusedAndLeftAsItWas() throws Exception
    {
        final Path orders = Files.copy(Butb.orders(dir), Files.createDirectories(out()).resolve("trades.csv"));
        final String before = Butb.text(orders);
        final Butb.Run run = replay(orders);
        assertEquals(1, run.exitCode());
        assertEquals("butb replay: error: " + orders + " is one of the files the replay writes or replaces in " +
            out() + ": it would be lost; write into another --out", run.err().strip());
        assertEquals(before, Butb.text(orders));
        final Butb.Run parquet = replay(orders, "--format", "parquet"); // it deletes trades.csv, an earlier run's
        assertEquals(1, parquet.exitCode());
        assertEquals(before, Butb.text(orders));
    }

    @Test
    void anEmptyOutOrDataIsAUsageError()
    {
        final Butb.Run out = Butb.run("replay", "--out", "");
        assertEquals(2, out.exitCode());
        assertEquals("butb replay: --out must name a directory, not an empty string (see ./butb replay --help)",
            out.err().strip());
        final Butb.Run data = Butb.run("replay", "--data", "", "--out", out().toString());
        assertEquals(2, data.exitCode());
        assertEquals("butb replay: --data must name a directory, not an empty string (see ./butb replay --help)",
            data.err().strip());
    }

    @Test
    void anOutputFileThatCannotBeReplacedLeavesEveryOutputFileAsItWas()
    {
        final Path orders = Butb.orders(dir,
            "2024-03-01T09:00:00Z,BY-SUGAR-SLUTSK,NEW,S1,SUGAR,SELL,LIMIT,GTC,625.00,100,,,");
        Butb.write(out().resolve("trades.csv"), "old");
        Butb.write(out().resolve("events.csv").resolve("keep.txt"), "a directory where a file goes");

        final Butb.Run run = replay(orders);

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("events.csv is a directory"), run.err());
        assertEquals("old", Butb.text(out().resolve("trades.csv")));
        assertFalse(Files.exists(out().resolve("summary.txt")));
    }

    @Test
    void journalGoesIntoANewDataDirectoryButNeverIntoAUsedOne()
    {
        final Path orders = Butb.orders(dir,
            "2024-03-01T09:00:00Z,BY-LIDA,NEW,L1,SMP,SELL,LIMIT,GTC,2600.00,10,,,");
        final Path data = dir.resolve("data");

        final Butb.Run first = replay(orders, "--data=" + data);

        assertEquals(0, first.exitCode(), first.err());
        assertTrue(Files.isDirectory(data.resolve("commands")));
        final Butb.Run second = replay(orders, "--data=" + data);
        assertEquals(1, second.exitCode());
        assertTrue(second.err().contains("is not empty"), second.err());
    }
}
