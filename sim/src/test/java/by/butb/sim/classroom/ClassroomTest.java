package by.butb.sim.classroom;

import by.butb.engine.core.MarketRules;
import by.butb.engine.csv.CsvReader;
import by.butb.sim.replay.Replay;
import by.butb.sim.replay.Source;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The classroom without a browser: the state it publishes, the player, logins and the students' orders. */
@Timeout(60)
class ClassroomTest
{
    private Classroom classroom;

    @AfterEach
    void close()
    {
        if (classroom != null)
        {
            classroom.close();
        }
    }

    private Map<String, Object> state()
    {
        return MiniJson.object(classroom.settledStateJson());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> session(final Map<String, Object> state)
    {
        return (Map<String, Object>)state.get("session");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> market(final Map<String, Object> state, final String key)
    {
        return (List<Map<String, Object>>)((Map<String, Object>)state.get("market")).get(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> instrument(final Map<String, Object> state, final String symbol)
    {
        return market(state, "instruments").stream().filter(i -> symbol.equals(i.get("symbol"))).findFirst()
            .orElseThrow();
    }

    /** How many tokens the session says a participant holds. */
    private int logins(final String participant)
    {
        return ((Number)((Map<?, ?>)session(state()).get("logins")).get(participant)).intValue();
    }

    private static Map<String, String> order(final String action, final String instrument, final String side,
        final String price, final String quantity)
    {
        return Map.of("action", action, "instrument", instrument, "side", side, "type", "LIMIT", "tif", "GTC",
            "price", price, "quantity", quantity);
    }

    private void waitUntil(final java.util.function.Predicate<Map<String, Object>> condition, final String what)
        throws InterruptedException
    {
        final long end = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < end)
        {
            if (condition.test(state()))
            {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("timed out waiting for " + what + ": " + classroom.stateJson());
    }

    @Test
    void shouldPublishTheScenarioPausedAtItsFirstCommandWithPhasesAndDeposits()
    {
        classroom = new Classroom(null, null);
        classroom.load("call-auction");
        final Map<String, Object> state = state();
        final Map<String, Object> session = session(state);
        assertEquals("call-auction", session.get("scenario"));
        assertEquals(Boolean.FALSE, session.get("playing"));
        assertEquals(0.0, session.get("cursor"));
        assertEquals(8.0, session.get("total"));
        assertEquals("2024-03-05T08:31:00Z", session.get("now"));
        assertEquals("PRE_OPEN", instrument(state, "SMP").get("phase"));
        assertEquals("CLOSED", instrument(state, "TIMBER_SW").get("phase"),
            "the sample schedule opens TIMBER at 09:00");
        final Map<String, Object> savushkin = market(state, "participants").stream()
            .filter(p -> "BY-SAVUSHKIN".equals(p.get("id"))).findFirst().orElseThrow();
        assertEquals("500000.00", savushkin.get("free"));
        assertEquals("0.00", savushkin.get("blocked"));
    }

    @Test
    void shouldStepOnePlannedCommandAtATimeAndMoveTheClockToIt()
    {
        classroom = new Classroom(null, null);
        classroom.load("call-auction");
        classroom.step();
        classroom.step();
        final Map<String, Object> state = state();
        assertEquals(2.0, session(state).get("cursor"));
        assertEquals("2024-03-05T08:32:00Z", session(state).get("now"));
        @SuppressWarnings("unchecked")
        final List<Map<String, Object>> asks = (List<Map<String, Object>>)instrument(state, "SMP").get("asks");
        assertEquals(2, asks.size());
        assertEquals("2480.00", asks.get(0).get("price"));
        assertEquals("50.000", asks.get(0).get("quantity"));
        assertEquals("2500.00", asks.get(1).get("price"));
    }

    @Test
    void shouldRefuseAStepAfterTheLastPlannedCommand()
    {
        classroom = new Classroom(null, null);
        classroom.load("free");
        final ClassroomException ex = assertThrows(ClassroomException.class, classroom::step);
        assertTrue(ex.getMessage().startsWith("the scenario has no more planned commands"), ex.getMessage());
    }

    @Test
    void shouldPlayTheScriptWithTheClockAndCloseTheLotThenStandStillWhenPaused() throws InterruptedException
    {
        classroom = new Classroom(null, null);
        classroom.load("lot-auction");
        classroom.speed(86400);
        classroom.play();
        waitUntil(s -> market(s, "lots").size() == 1 && "SOLD".equals(market(s, "lots").get(0).get("status")),
            "the lot sold");
        final Map<String, Object> lot = market(state(), "lots").get(0);
        assertEquals("CN-BUYER-01", lot.get("bidder"));
        assertEquals("173.00", lot.get("bestBid"));
        assertEquals("LOT_AUCTION", market(state(), "tape").get(0).get("kind"));
        final Map<String, Object> late = market(state(), "log").stream().filter(e -> "k2".equals(e.get("order_id")))
            .findFirst().orElseThrow();
        assertEquals("711", late.get("code"), "a bid at the closing time comes too late, as in the replay: " + late);
        classroom.pause();
        final Object now = session(state()).get("now");
        Thread.sleep(3 * Classroom.TICK_MILLIS);
        assertEquals(now, session(state()).get("now"));
        assertEquals(Boolean.FALSE, session(state()).get("playing"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"call-auction", "lot-auction", "reverse-auction", "address-deal", "broker",
        "orders-sample", "orders-auctions"})
    void shouldTradeLikeTheReplayWhenPlayingAnExampleFile(final String id, @TempDir final Path dir)
        throws InterruptedException
    {
        final Scenarios.Choice choice = Scenarios.choice(id);
        Replay.run(new Replay.Options(Source.resource(choice.orders()), Source.DEFAULT_INSTRUMENTS,
            Source.DEFAULT_PARTICIPANTS, choice.withSchedule() ? Source.resource("examples/schedule-sample.csv") : null,
            dir, null, MarketRules.DEFAULT), line -> { });
        final List<String> columns = List.of("trade_id", "instrument", "price", "quantity", "buyer", "seller",
            "buy_order_id", "sell_order_id", "aggressor", "kind");
        final List<String> expected = CsvReader.readAll(dir.resolve(Replay.TRADES_FILE), columns).stream()
            .map(t -> columns.stream().map(t::get).toList().toString()).toList();
        assertFalse(expected.isEmpty());

        classroom = new Classroom(null, null);
        classroom.load(id);
        classroom.speed(86400);
        classroom.play();
        waitUntil(s -> session(s).get("cursor").equals(session(s).get("total")), "every planned command played");
        final List<String> played = new java.util.ArrayList<>(market(state(), "tape").stream()
            .map(t -> columns.stream().map(c -> (String)t.get(c)).toList().toString()).toList());
        java.util.Collections.reverse(played);
        assertEquals(expected, played);
    }

    @Test
    void shouldRejectAStudentOrderWithTheEngineCodeAndTheReplayReason()
    {
        classroom = new Classroom(null, null);
        classroom.load("free");
        final String token = classroom.login("CN-BUYER-01", null);
        final StudentOrders.OrderResult result = classroom.order(token,
            order("NEW", "TIMBER_SW", "BUY", "500.00", "10"));
        assertFalse(result.accepted());
        assertEquals(1, result.events().size());
        final Map<String, String> reject = result.events().get(0);
        assertEquals("REJECTED", reject.get("event"));
        assertEquals("304", reject.get("code"));
        assertEquals("PRICE_OUTSIDE_BAND", reject.get("code_name"));
        assertEquals("price 500.00 is outside the band 144.00..216.00", reject.get("reason"));
    }

    @Test
    void shouldReadADecimalCommaInPriceAndQuantityAsADecimalPoint()
    {
        classroom = new Classroom(null, null);
        classroom.load("free");
        final String token = classroom.login("BY-SAWMILL-01", null);
        final StudentOrders.OrderResult result = classroom.order(token,
            order("NEW", "TIMBER_SW", "SELL", "170,5", "25,0"));
        assertTrue(result.accepted(), result.events().toString());
        final Map<?, ?> ask = (Map<?, ?>)((List<?>)instrument(state(), "TIMBER_SW").get("asks")).get(0);
        assertEquals("170.50", ask.get("price"));
        assertEquals("25.000", ask.get("quantity"));
        assertEquals("web-1", StudentOrders.decimalPoint("order_id", "web-1"));
        assertEquals("1,2,3", StudentOrders.decimalPoint("price", "1,2,3"));
    }

    @Test
    void shouldKeepTheStudysTapeNewestFirstAcrossDays()
    {
        classroom = new Classroom(null, null);
        classroom.load("study");
        for (int i = 0; i < 1500; i++)
        {
            classroom.step();
        }
        final List<Map<String, Object>> tape = market(state(), "tape");
        assertTrue(tape.size() > 1, "trades in the study's first 1,500 commands");
        for (int i = 1; i < tape.size(); i++)
        {
            final Instant newer = Instant.parse((String)tape.get(i - 1).get("time"));
            final Instant older = Instant.parse((String)tape.get(i).get("time"));
            assertFalse(older.isAfter(newer), tape.get(i - 1) + " before " + tape.get(i));
        }
    }

    @Test
    void shouldSeatAClassByCodeAndNameAndRefuseFreeLoginsWhileItIsOpen()
    {
        classroom = new Classroom(null, null);
        classroom.load("free");
        assertEquals(403, assertThrows(ClassroomException.class, () -> classroom.join("A1", "Ann", null)).status());
        classroom.openClass("A1");
        assertEquals(403, assertThrows(ClassroomException.class, () -> classroom.login("CN-BUYER-01", null))
            .status());
        assertEquals(403, assertThrows(ClassroomException.class, () -> classroom.join("B2", "Ann", null)).status());
        assertEquals(400, assertThrows(ClassroomException.class, () -> classroom.join("A1", " ", null)).status());
        final Classroom.Joined ann = classroom.join("A1", "Ann", null);
        final Classroom.Joined ben = classroom.join("A1", "Ben", null);
        final Classroom.Joined again = classroom.join("A1", " ann ", null);
        assertEquals(ann.seat(), again.seat());
        assertEquals(List.of("BUYER", "SELLER"), List.of(ann.seat().role(), ben.seat().role()));
        assertFalse(Scenarios.defaultCatalog().participant(ann.seat().participant()).country().equals("BY"));
        assertEquals("BY", Scenarios.defaultCatalog().participant(ben.seat().participant()).country());
        assertEquals(ann.seat().participant(), classroom.participantOf(again.token()));
        assertEquals(2, logins(ann.seat().participant()));
        classroom.logout(again.token());
        assertEquals(1, logins(ann.seat().participant()));
        classroom.closeClass();
        classroom.login("CN-BUYER-01", null);
    }

    @Test
    void shouldExplainAnUnreadableFieldWithoutTheSyntheticLineNumber()
    {
        classroom = new Classroom(null, null);
        classroom.load("free");
        final String token = classroom.login("CN-BUYER-01", null);
        final StudentOrders.OrderResult result = classroom.order(token, order("NEW", "TIMBER_SW", "UP", "180", "10"));
        final Map<String, String> reject = result.events().get(0);
        assertEquals("MALFORMED_INPUT", reject.get("code_name"));
        assertEquals("field 'side': 'UP' is not one of BUY, SELL", reject.get("reason"));
        assertEquals("student", reject.get("line"), "the source, as in the page's log, not the internal reference");
    }

    @Test
    void shouldMatchStudentsOrdersAndReplaceAndCancelThem()
    {
        classroom = new Classroom(null, null);
        classroom.load("free");
        final String seller = classroom.login("BY-SAWMILL-01", null);
        final String buyer = classroom.login("CN-BUYER-01", null);
        assertTrue(classroom.order(seller, order("NEW", "TIMBER_SW", "SELL", "185.00", "10")).accepted());
        final StudentOrders.OrderResult buy = classroom.order(buyer, order("NEW", "TIMBER_SW", "BUY", "185.00", "4"));
        assertEquals(List.of("ACCEPTED", "TRADE"), buy.events().stream().map(e -> e.get("event")).toList());
        assertEquals("185.00", market(state(), "tape").get(0).get("price"));
        assertEquals("4.000", market(state(), "tape").get(0).get("quantity"));

        final StudentOrders.OrderResult replace = classroom.order(seller,
            Map.of("action", "REPLACE", "order_id", "web-1", "price", "187.00", "quantity", "12"));
        assertTrue(replace.accepted(), replace.events().toString());
        @SuppressWarnings("unchecked")
        final List<Map<String, Object>> asks = (List<Map<String, Object>>)instrument(state(), "TIMBER_SW").get("asks");
        assertEquals("187.00", asks.get(0).get("price"));
        assertEquals("8.000", asks.get(0).get("quantity"));
        assertEquals("web-1", market(state(), "orders").stream().filter(o -> "BY-SAWMILL-01".equals(o.get("owner")))
            .findFirst().orElseThrow().get("orderId"));

        assertTrue(classroom.order(seller, Map.of("action", "CANCEL", "order_id", "web-1")).accepted());
        assertEquals(List.of(), instrument(state(), "TIMBER_SW").get("asks"));
        final StudentOrders.OrderResult again = classroom.order(seller,
            Map.of("action", "CANCEL", "order_id", "web-1"));
        assertEquals("UNKNOWN_ORDER", again.events().get(0).get("code_name"));
    }

    @Test
    void shouldRefuseALoginWithAWrongPinOrAnUnknownParticipant()
    {
        classroom = new Classroom("4711", null);
        classroom.load("free");
        assertEquals(403, assertThrows(ClassroomException.class, () -> classroom.login("CN-BUYER-01", "1234"))
            .status());
        final ClassroomException unknown = assertThrows(ClassroomException.class,
            () -> classroom.login("NOBODY", "4711"));
        assertEquals("unknown participant 'NOBODY': choose one of the participants of the loaded scenario",
            unknown.getMessage());
        assertEquals("CN-BUYER-01", classroom.participantOf(classroom.login("CN-BUYER-01", "4711")));
    }

    @Test
    void shouldRefuseOrdersWithoutALoginAndFieldsThatAreNotPlainText()
    {
        classroom = new Classroom(null, null);
        classroom.load("free");
        assertEquals(401, assertThrows(ClassroomException.class,
            () -> classroom.order("forged", order("NEW", "TIMBER_SW", "BUY", "180", "1"))).status());
        final String token = classroom.login("CN-BUYER-01", null);
        final ClassroomException comma = assertThrows(ClassroomException.class,
            () -> classroom.order(token, order("NEW", "TIMBER_SW", "BUY", "1,8,0", "1")));
        assertTrue(comma.getMessage().startsWith("field 'price': must be at most 64 characters without commas"),
            comma.getMessage());
        final ClassroomException action = assertThrows(ClassroomException.class,
            () -> classroom.order(token, Map.of("action", "LOT_OFFER")));
        assertEquals("field 'action': 'LOT_OFFER' is not one of NEW, CANCEL, REPLACE, LOT_BID", action.getMessage());
    }

    @Test
    void shouldRefuseAnUnknownScenarioAndSpeedNamingTheKnownOnes()
    {
        classroom = new Classroom(null, "9000");
        final ClassroomException scenario = assertThrows(ClassroomException.class, () -> classroom.load("tennis"));
        assertTrue(scenario.getMessage().startsWith("unknown scenario 'tennis'; choose one of free, call-auction"),
            scenario.getMessage());
        assertThrows(ClassroomException.class, () -> classroom.speed(7));
        assertEquals(403, assertThrows(ClassroomException.class, () -> classroom.checkInstructor("1")).status());
        classroom.checkInstructor("9000");
    }

    @Test
    void shouldLoadTheStudyOnItsOwnCatalog()
    {
        classroom = new Classroom(null, null);
        classroom.load("study");
        final Map<String, Object> session = session(state());
        assertTrue(((Number)session.get("total")).intValue() > 100, session.toString());
        classroom.step();
        assertEquals(1.0, session(state()).get("cursor"));
        assertFalse(classroom.participantIds().isEmpty());
    }
}
