package by.butb.sim.replay;

import by.butb.engine.csv.CsvRow;
import by.butb.sim.Butb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Session schedules, the opening call auction, lot auctions and address deals through the replay. */
class AuctionReplayTest
{
    private static final Path ORDERS = Path.of("../examples/orders-auctions.csv");
    private static final Path SCHEDULE = Path.of("../examples/schedule-sample.csv");
    private static final String HEADER = "time,participant,action,order_id,instrument,side,type,tif,price,quantity," +
        "counterparty,counterparty_order_id,bid_step,close_time,exchange_order_id\n";

    @TempDir
    Path dir;

    private Path orders(final String... rows)
    {
        return Butb.write(dir.resolve("orders.csv"), HEADER + String.join("\n", rows) + "\n");
    }

    private Butb.Run replay(final Path orders, final String... more)
    {
        final List<String> args = new java.util.ArrayList<>(List.of("replay", "--orders", orders.toString(),
            "--out", dir.resolve("out").toString()));
        args.addAll(List.of(more));
        return Butb.run(args.toArray(new String[0]));
    }

    private List<CsvRow> file(final String name)
    {
        return Butb.csv(dir.resolve("out").resolve(name));
    }

    @Test
    void theAuctionSampleShowsEveryKindOfTradeAndIsDeterministic() throws Exception
    {
        final Butb.Run first = replay(ORDERS, "--schedule", SCHEDULE.toString());
        assertEquals(0, first.exitCode(), first.err());
        final byte[] events = Files.readAllBytes(dir.resolve("out/events.csv"));

        final Set<String> kinds = file("trades.csv").stream().map(t -> t.get("kind"))
            .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("CALL_AUCTION", "CONTINUOUS", "LOT_AUCTION", "ADDRESS_DEAL"), kinds);
        final Set<String> codes = file("events.csv").stream().map(e -> e.get("code_name"))
            .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(codes.containsAll(Set.of("MARKET_CLOSED", "NOT_ALLOWED_IN_PHASE", "OUTBID", "BID_NOT_BETTER",
            "OWN_LOT", "LOT_CLOSED", "NOT_ADDRESSEE", "DAY_ORDER_EXPIRED")), codes.toString());

        assertEquals(0, replay(ORDERS, "--schedule", SCHEDULE.toString()).exitCode());
        assertArrayEquals(events, Files.readAllBytes(dir.resolve("out/events.csv")));
    }

    @Test
    void phaseChangesAreEventsWithoutAnOrder()
    {
        final Path schedule = Butb.write(dir.resolve("schedule.csv"),
            "section,phase,start\nAGRI,PRE_OPEN,08:00\nAGRI,CONTINUOUS,09:00\n");
        final Path orders = orders(
            "2024-03-05T08:10:00Z,BY-LIDA,NEW,L1,SMP,SELL,LIMIT,DAY,2500.00,10,,,,,",
            "2024-03-05T08:20:00Z,CN-BUYER-01,NEW,C1,SMP,BUY,LIMIT,DAY,2510.00,10,,,,,",
            "2024-03-05T09:00:00Z,CN-BUYER-01,NEW,C2,SMP,BUY,LIMIT,DAY,2400.00,10,,,,,");

        assertEquals(0, replay(orders, "--schedule", schedule.toString()).exitCode());

        final List<CsvRow> phases = file("events.csv").stream().filter(e -> e.get("event").equals("PHASE_CHANGED"))
            .collect(Collectors.toList());
        assertEquals(List.of("section AGRI enters PRE_OPEN", "section AGRI enters CONTINUOUS"),
            phases.stream().map(e -> e.get("reason")).collect(Collectors.toList()));
        assertEquals("", phases.get(0).get("participant"));
        final CsvRow trade = file("trades.csv").get(0);
        assertEquals("CALL_AUCTION", trade.get("kind"));
        assertEquals("2024-03-05T09:00:00Z", trade.get("time"));
    }

    @Test
    void aLotGoesToTheBestBidWhenTheFirstRowAfterItsCloseArrives()
    {
        final Path orders = orders(
            "2024-03-05T10:00:00Z,BY-SAWMILL-03,LOT_OFFER,LOT-1,TIMBER_SW,SELL,,,175.00,600,,,0.50," +
                "2024-03-05T12:00:00Z,",
            "2024-03-05T10:05:00Z,CN-BUYER-02,LOT_BID,b1,,,,,175.50,,BY-SAWMILL-03,LOT-1,,,",
            "2024-03-05T10:06:00Z,KR-BUYER-01,LOT_BID,b2,,,,,176.00,,,,,,1",
            "2024-03-05T13:00:00Z,CN-BUYER-02,NEW,x,SUGAR,BUY,LIMIT,DAY,600.00,1,,,,,");

        assertEquals(0, replay(orders).exitCode());

        final List<CsvRow> trades = file("trades.csv");
        assertEquals(1, trades.size());
        assertEquals("KR-BUYER-01", trades.get(0).get("buyer"));
        assertEquals("b2", trades.get(0).get("buy_order_id"));
        assertEquals("LOT-1", trades.get(0).get("sell_order_id"));
        assertEquals("176.00", trades.get(0).get("price"));
        assertEquals("600.000", trades.get(0).get("quantity"));
        assertEquals("2024-03-05T13:00:00Z", trades.get(0).get("time"));
        assertTrue(file("events.csv").stream().anyMatch(e -> e.get("code_name").equals("OUTBID") &&
            e.get("order_id").equals("b1")));
    }

    @Test
    void aLotClosingAfterTheLastRowIsSettledByTheClockAtTheEnd()
    {
        final Path orders = orders(
            "2024-03-05T10:00:00Z,BY-SAWMILL-03,LOT_OFFER,LOT-1,TIMBER_SW,SELL,,,175.00,600,,,0.50," +
                "2024-03-05T12:00:00Z,",
            "2024-03-05T10:05:00Z,CN-BUYER-02,LOT_BID,b1,,,,,175.50,,BY-SAWMILL-03,LOT-1,,,");

        // Default: a CLOCK at the latest close_time, after the last row: the lot goes to the bid.
        assertEquals(0, replay(orders).exitCode());
        List<CsvRow> trades = file("trades.csv");
        assertEquals(1, trades.size());
        assertEquals("2024-03-05T12:00:00Z", trades.get(0).get("time"));
        assertEquals("LOT_AUCTION", trades.get(0).get("kind"));
        final CsvRow last = file("events.csv").get(file("events.csv").size() - 1);
        assertEquals("", last.get("line"), "the clock's events belong to no line");

        // --until before the close: no trade yet; the lot is still open.
        assertEquals(0, replay(orders, "--until", "2024-03-05T11:00:00Z").exitCode());
        assertEquals(0, file("trades.csv").size());

        // --until later: settled at that time.
        assertEquals(0, replay(orders, "--until", "2024-03-06T00:00:00Z").exitCode());
        trades = file("trades.csv");
        assertEquals(1, trades.size());
        assertEquals("2024-03-06T00:00:00Z", trades.get(0).get("time"));

        // --until before the last row is a mistake; a time that is not ISO-8601 a usage error.
        final Butb.Run early = replay(orders, "--until", "2024-03-05T09:00:00Z");
        assertEquals(1, early.exitCode());
        assertTrue(early.err().contains("is before the rows' latest time"), early.err());
        assertEquals(2, replay(orders, "--until", "tomorrow").exitCode());
    }

    @Test
    void anAddressOrderIsTakenOnlyByItsCounterparty()
    {
        final Path orders = orders(
            "2024-03-05T10:00:00Z,BY-LIDA,NEW,A1,WMP,SELL,LIMIT,GTC,3280.00,20,MN-BUYER-01,,,,",
            "2024-03-05T10:01:00Z,SA-BUYER-01,NEW,S1,WMP,BUY,LIMIT,DAY,3280.00,20,BY-LIDA,A1,,,",
            "2024-03-05T10:02:00Z,MN-BUYER-01,NEW,M1,WMP,BUY,LIMIT,DAY,3280.00,5,BY-LIDA,A1,,,",
            "2024-03-05T10:03:00Z,MN-BUYER-01,NEW,M2,WMP,BUY,LIMIT,DAY,3280.00,5,XX-NOBODY,A1,,,");

        assertEquals(0, replay(orders).exitCode());

        final List<CsvRow> trades = file("trades.csv");
        assertEquals(1, trades.size());
        assertEquals("ADDRESS_DEAL", trades.get(0).get("kind"));
        assertEquals("A1", trades.get(0).get("sell_order_id"));
        assertEquals("5.000", trades.get(0).get("quantity"));
        final List<String> rejects = file("events.csv").stream().filter(e -> e.get("event").equals("REJECTED"))
            .map(e -> e.get("code_name") + " " + e.get("reason")).collect(Collectors.toList());
        assertEquals(List.of("NOT_ADDRESSEE only the named counterparty can take this address order",
            "UNKNOWN_COUNTERPARTY counterparty names an unknown participant 'XX-NOBODY'"), rejects);
    }

    @Test
    void badScheduleExitsWithOneAndWritesNothing()
    {
        final Path schedule = Butb.write(dir.resolve("schedule.csv"), "section,phase,start\nFISH,CONTINUOUS,09:00\n");

        final Butb.Run run = replay(orders(), "--schedule", schedule.toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("schedule.csv:2 field 'section': 'FISH' is not a section"), run.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }
}
