package by.butb.sim.classroom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The classroom page in a real headless Chromium (Debian's package, driven over the DevTools protocol): what a
 * student and an instructor see and do. Fails with install instructions when Chromium is missing. With
 * {@code -Dclassroom.screenshots=DIR} it also saves the screenshots of docs/img.
 */
@Timeout(60)
class ClassroomBrowserTest
{
    private static Chromium browser;
    private Classroom classroom;
    private ClassroomServer server;

    @BeforeAll
    static void startBrowser() throws Exception
    {
        browser = Chromium.launch();
    }

    @AfterAll
    static void stopBrowser() throws Exception
    {
        if (browser != null)
        {
            browser.close();
        }
    }

    @AfterEach
    void stopServer()
    {
        if (server != null)
        {
            server.close();
        }
        if (classroom != null)
        {
            classroom.close();
        }
    }

    private void open(final String scenario) throws Exception
    {
        open(scenario, null);
    }

    private void open(final String scenario, final String instructorPin) throws Exception
    {
        classroom = new Classroom(null, instructorPin);
        classroom.load(scenario);
        server = ClassroomServer.start(classroom, "127.0.0.1", 0);
        browser.resize(1600, 1000, false);
        browser.takeConsoleErrors();
        browser.navigate(server.url());
        browser.eval("sessionStorage.clear()");
        browser.navigate(server.url());
        browser.waitFor("document.body.dataset.version && document.querySelector('#book table')", "the first state");
    }

    private void login(final String participant) throws Exception
    {
        if (Boolean.FALSE.equals(browser.eval("document.getElementById('trading').hidden")))
        {
            browser.click("#logout-btn");
        }
        browser.waitFor("document.querySelector('#login-participant option[value=\"" + participant + "\"]')",
            "participant " + participant + " in the login list");
        browser.fill("#login-participant", participant);
        browser.click("#login-btn");
        browser.waitFor("document.getElementById('me').textContent === '" + participant + "' && " +
            "!document.getElementById('trading').hidden", "the order form of " + participant);
    }

    private void selectInstrument(final String symbol) throws Exception
    {
        browser.click("#instrument-tabs button[data-symbol='" + symbol + "']");
        browser.waitFor("document.querySelector('#instrument-head .sym').textContent === '" + symbol + "'",
            symbol + " selected");
    }

    private void placeOrder(final String side, final String price, final String quantity) throws Exception
    {
        browser.fill("#order-side", side);
        browser.fill("#order-type", "LIMIT");
        browser.fill("#order-tif", "GTC");
        browser.fill("#order-price", price);
        browser.fill("#order-qty", quantity);
        browser.click("#order-submit");
    }

    /** With -Dclassroom.screenshots=DIR, the page at 1,600 px into DIR/name (the pictures of docs/img). */
    private static void screenshot(final String name) throws Exception
    {
        final String dir = System.getProperty("classroom.screenshots");
        if (dir != null && !dir.isBlank())
        {
            browser.screenshot(Path.of(dir, name));
        }
    }

    /** The phase of an instrument's section in the classroom's settled state. */
    private String phase(final String symbol)
    {
        final Map<?, ?> market = (Map<?, ?>)MiniJson.object(classroom.settledStateJson()).get("market");
        for (final Object i : (List<?>)market.get("instruments"))
        {
            if (symbol.equals(((Map<?, ?>)i).get("symbol")))
            {
                return (String)((Map<?, ?>)i).get("phase");
            }
        }
        throw new AssertionError("no instrument " + symbol);
    }

    /** Plays the loaded scenario at the highest speed to its last planned command, then pauses. */
    private void playToTheEnd() throws Exception
    {
        browser.fill("#speed-select", "86400");
        browser.waitFor("document.getElementById('status').textContent.includes('86400')", "speed 86400");
        browser.click("#btn-play");
        browser.waitFor("document.body.dataset.cursor !== '0' && " +
            "document.body.dataset.cursor === document.body.dataset.total", "every planned command played");
        browser.click("#btn-pause");
        browser.waitFor("document.body.dataset.playing === 'false'", "paused");
    }

    @Test
    void shouldLoadWithoutAnyConsoleError() throws Exception
    {
        open("free");
        browser.waitFor("document.readyState === 'complete'", "the page loaded");
        Thread.sleep(300);
        assertEquals(List.of(), consoleErrors());
    }

    @Test
    void shouldHideTheInstructorControlsUntilTheInstructorPinIsGiven() throws Exception
    {
        open("call-auction", "9000");
        assertEquals(true, browser.eval("document.getElementById('controls').offsetParent === null"));
        assertEquals(false, browser.eval("document.getElementById('unlock-form').offsetParent === null"));
        browser.fill("#instructor-pin", "1234");
        browser.click("#btn-unlock");
        browser.waitFor("!document.getElementById('instructor-message').hidden", "the instructor's error");
        assertTrue(browser.text("#instructor-message").contains("instructor PIN is wrong"),
            browser.text("#instructor-message"));
        assertEquals(true, browser.eval("document.getElementById('controls').offsetParent === null"));
        assertEquals(true, browser.eval("document.getElementById('message').hidden"));
        browser.fill("#instructor-pin", "9000");
        browser.click("#btn-unlock");
        browser.waitFor("document.getElementById('controls').offsetParent !== null", "the instructor's controls");
        assertEquals(true, browser.eval("document.getElementById('instructor-message').hidden"));
        browser.click("#btn-step");
        browser.waitFor("document.body.dataset.cursor === '1'", "one command stepped with the PIN");
    }

    @Test
    void shouldShowInstructorErrorsInTheInstructorAreaAndClearThemOnTheNextSuccess() throws Exception
    {
        open("free");
        login("CN-BUYER-01");
        browser.eval("document.getElementById('message').hidden = true");
        browser.click("#btn-step");
        browser.waitFor("!document.getElementById('instructor-message').hidden", "the step's refusal");
        assertTrue(browser.text("#instructor-message").contains("no more planned commands"),
            browser.text("#instructor-message"));
        assertEquals(true, browser.eval("document.getElementById('message').hidden"), "nothing in the student panel");
        browser.click("#btn-play");
        browser.waitFor("document.getElementById('instructor-message').hidden", "the error cleared by Play");
    }

    @Test
    void shouldFitEveryScreenWidthWithoutSidewaysScrollOrClippedColumns() throws Exception
    {
        open("orders-auctions");
        playToTheEnd();
        login("AE-BUYER-01");
        browser.waitFor("document.querySelector('#my-orders tr[data-order-id=\"AE1-1\"] button')",
            "the good-till-cancelled AE1-1 with its Replace and Cancel");
        classroom.openClass("L1");
        classroom.join("L1", "Student with a rather long name", null);
        browser.waitFor("document.querySelector('#roster tr[data-participant]')", "the class roster");
        final Path shots = Path.of(System.getProperty("classroom.screenshots", "target/classroom-screenshots"));
        for (final int width : new int[] {1440, 1366, 1280, 1024, 390})
        {
            browser.resize(width, width == 390 ? 844 : 900, width == 390);
            for (final String symbol : new String[] {"SMP", "TIMBER_SW"})
            {
                selectInstrument(symbol);
                browser.eval("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))");
                assertEquals("", browser.eval(PageLayout.OVERFLOW), width + " px, " + symbol);
            }
            if (width == 1440 || width == 1024 || width == 390)
            {
                browser.screenshot(shots.resolve("classroom-" + width + ".png"));
            }
        }
    }

    @Test
    void shouldSwitchToTheLoadedScenariosInstrumentAndMarkNewTradesOnTheOtherTabs() throws Exception
    {
        open("free");
        selectInstrument("SUGAR");
        browser.fill("#scenario-select", "call-auction");
        browser.click("#btn-load");
        browser.waitFor("document.querySelector('#instrument-head .sym').textContent === 'SMP'",
            "SMP, the instrument the call auction trades, shown after Load");
        selectInstrument("SUGAR");
        assertEquals(0, ((Number)browser.eval("document.querySelectorAll('#instrument-tabs .fresh').length"))
            .intValue());
        browser.fill("#speed-select", "3600");
        browser.waitFor("document.getElementById('status').textContent.includes('3600')", "speed 3600");
        browser.click("#btn-play");
        browser.waitFor("document.querySelector('#instrument-tabs button[data-symbol=\"SMP\"] .fresh')",
            "the new-trades marker on the SMP tab");
        final String marker = browser.text("#instrument-tabs button[data-symbol='SMP'] .fresh");
        assertTrue(marker.matches("\\+[1-9][0-9]*"), marker);
        selectInstrument("SMP");
        browser.waitFor("!document.querySelector('#instrument-tabs .fresh')", "the marker gone once SMP is viewed");
    }

    @Test
    void shouldShowTheCallAuctionsIndicativePriceAndVolumeAndNoNegativeSpreadBeforeTheOpen() throws Exception
    {
        open("call-auction");
        for (int step = 1; step <= 6; step++)
        {
            browser.click("#btn-step");
            browser.waitFor("document.body.dataset.cursor === '" + step + "'", "step " + step);
        }
        browser.waitFor("document.getElementById('indicative-price')", "the indicative opening price");
        assertEquals("PRE_OPEN", browser.text("#phase"));
        final String spread = browser.text("#book tr.spread");
        assertTrue(spread.startsWith("crossed") && !spread.contains("spread -"), spread);
        final BigDecimal price = new BigDecimal(browser.text("#indicative-price"));
        final BigDecimal volume = new BigDecimal(browser.text("#indicative-volume"));
        browser.fill("#speed-select", "3600");
        browser.waitFor("document.getElementById('status').textContent.includes('3600')", "speed 3600");
        browser.click("#btn-play");
        browser.waitFor("document.getElementById('phase').textContent === 'CONTINUOUS' && " +
            "document.querySelector('#tape tr.trade')", "the call auction's trades");
        browser.click("#btn-pause");
        final List<?> auction = (List<?>)browser.eval("[...document.querySelectorAll('#tape tr.trade')]" +
            ".filter((r) => r.querySelector('.kind').textContent === 'CALL_AUCTION')" +
            ".map((r) => [r.querySelector('td.price').textContent, r.querySelector('td:nth-child(3)').textContent])");
        BigDecimal traded = BigDecimal.ZERO;
        for (final Object row : auction)
        {
            assertEquals(0, price.compareTo(new BigDecimal((String)((List<?>)row).get(0))), "uncross price " + row);
            traded = traded.add(new BigDecimal((String)((List<?>)row).get(1)));
        }
        assertEquals(0, volume.compareTo(traded), "indicative volume " + volume + " vs traded " + traded);
    }

    @Test
    void shouldDateTimesThatFallOnAnotherDayThanTheClock() throws Exception
    {
        open("orders-sample");
        browser.waitFor("/next at \\d\\d:\\d\\d:\\d\\d$/.test(document.getElementById('status').textContent)",
            "the next command's time without a date on the clock's day");
        int steps = 0;
        while (classroom.settledStateJson().contains("\"next\":\"2024-03-01"))
        {
            classroom.step();
            steps++;
        }
        assertTrue(steps > 0, "orders-sample starts on 1 March");
        browser.waitFor("document.body.dataset.cursor === '" + steps + "'", steps + " commands stepped");
        final String status = browser.text("#status");
        assertTrue(browser.text("#clock").startsWith("2024-03-01"), browser.text("#clock"));
        assertTrue(status.endsWith("next at 2024-03-04 09:00:00"), status);
    }

    @Test
    void shouldListOpenLotsFirstAndFoldTheClosedOnes() throws Exception
    {
        open("study");
        selectInstrument("TIMBER_SW");
        for (int i = 0; i < 1500; i++)
        {
            classroom.step();
        }
        browser.waitFor("document.body.dataset.cursor === '1500' && document.querySelector('#lots .closed-lots') && " +
            "document.querySelector('#lots .lot[data-status=\"OPEN\"]')", "open and closed lots");
        final List<?> statuses = (List<?>)browser.eval(
            "[...document.querySelectorAll('#lots .lot')].map((l) => l.dataset.status)");
        final int firstClosed = statuses.indexOf(statuses.stream().filter((x) -> !"OPEN".equals(x)).findFirst()
            .orElseThrow());
        assertTrue(statuses.subList(firstClosed, statuses.size()).stream().noneMatch("OPEN"::equals),
            statuses.toString());
        assertEquals(false, browser.eval("document.querySelector('#lots .lot.closed').checkVisibility()"),
            "the closed lots folded");
        final double folded = ((Number)browser.eval("document.documentElement.scrollHeight")).doubleValue();
        browser.click("#lots .closed-lots summary");
        browser.waitFor("document.querySelector('#lots .lot.closed').checkVisibility()", "the closed lots shown");
        assertTrue(((Number)browser.eval("document.documentElement.scrollHeight")).doubleValue() > folded);
        final Object version = browser.eval("document.body.dataset.version");
        classroom.step();
        browser.waitFor("document.body.dataset.version !== '" + version + "'", "a new state");
        assertEquals(true, browser.eval("document.querySelector('#lots .closed-lots').open"), "still unfolded");
    }

    @Test
    void shouldTellAStudentWhenTheirRestingOrderFillsAndPrefillReplaceWithTheOpenQuantity() throws Exception
    {
        open("free");
        login("BY-SAWMILL-01");
        selectInstrument("TIMBER_SW");
        placeOrder("SELL", "185,50", "10");
        browser.waitFor("document.querySelector('#book tr.ask[data-price=\"185.50\"]')",
            "the ask at 185.50 typed with a decimal comma");
        final String buyer = classroom.login("CN-BUYER-01", null);
        assertTrue(classroom.order(buyer, Map.of("action", "NEW", "instrument", "TIMBER_SW", "side", "BUY",
            "type", "LIMIT", "tif", "DAY", "price", "185.50", "quantity", "4")).accepted());
        browser.waitFor("document.querySelector('#notices .notice[data-kind=\"FILLED\"]')", "the fill notice");
        assertTrue(browser.text("#notices .notice").endsWith("web-1 sold 4.000 @ 185.50 (6.000 left)"),
            browser.text("#notices .notice"));
        browser.waitFor("document.querySelector('#my-orders tr[data-order-id=\"web-1\"] td:nth-child(5)')" +
            ".textContent === '6.000'", "6 open of web-1");
        browser.click("#my-orders button[data-act='replace']");
        assertEquals("6.000", browser.eval("document.getElementById('replace-qty').value"));
        assertEquals("4.000", browser.text("#replace-filled"));
        browser.fill("#replace-qty", "8");
        browser.click("#replace-submit");
        browser.waitFor("document.querySelector('#book tr.ask[data-price=\"185.50\"] td.qty').textContent === " +
            "'8.000'", "8 open after the replace (total 12 with the 4 filled)");
    }

    @Test
    void shouldShowAKilledFillOrKillAsNotFilledAndOfferImmediateOrCancelForAMarketOrder() throws Exception
    {
        open("free");
        login("CN-BUYER-01");
        selectInstrument("TIMBER_SW");
        browser.fill("#order-side", "BUY");
        browser.fill("#order-type", "LIMIT");
        browser.fill("#order-tif", "FOK");
        browser.fill("#order-price", "180.00");
        browser.fill("#order-qty", "10");
        browser.click("#order-submit");
        browser.waitFor("document.getElementById('message').textContent.includes('web-1')", "the FOK's answer");
        assertEquals("message notfilled", browser.eval("document.getElementById('message').className"));
        assertTrue(browser.text("#message").startsWith("Not filled: web-1"), browser.text("#message"));
        browser.fill("#order-tif", "DAY");
        browser.fill("#order-type", "MARKET");
        assertEquals("IOC", browser.eval("document.getElementById('order-tif').value"));
        assertEquals(true, browser.eval("document.getElementById('order-price').disabled"));
        browser.fill("#order-qty", "5");
        browser.click("#order-submit");
        browser.waitFor("document.getElementById('message').textContent.includes('web-2')",
            "the market order's answer");
        assertFalse(browser.text("#message").contains("REJECTED"), browser.text("#message"));
    }

    @Test
    void shouldTellABidderWhoIsOutbidOnALot() throws Exception
    {
        open("lot-auction");
        classroom.step();
        browser.waitFor("document.querySelector('#lots .lot[data-status=\"OPEN\"]')", "the open lot");
        login("AE-BUYER-01");
        browser.click("#lots button[data-act='bid']");
        browser.click("#bid-submit");
        browser.waitFor("document.querySelector('#lots .lot .bidder') && " +
            "document.querySelector('#lots .lot .bidder').textContent === 'AE-BUYER-01'", "AE-BUYER-01's bid");
        final String lot = (String)browser.eval("document.querySelector('#lots .lot').dataset.lotId");
        final String rival = classroom.login("KR-BUYER-01", null);
        assertTrue(classroom.order(rival, Map.of("action", "LOT_BID", "exchange_order_id", lot,
            "instrument", "TIMBER_SW", "price", "180.00")).accepted());
        browser.waitFor("document.querySelector('#notices .notice[data-kind=\"OUTBID\"]')", "the outbid notice");
        assertTrue(browser.text("#notices .notice").contains("web-1 outbid"), browser.text("#notices .notice"));
    }

    @Test
    void shouldTellAStudentWhenTheirDayOrderExpires() throws Exception
    {
        open("orders-auctions");
        while (!"CONTINUOUS".equals(phase("SMP")))
        {
            classroom.step();
        }
        login("AE-BUYER-01");
        selectInstrument("SMP");
        browser.fill("#order-side", "BUY");
        browser.fill("#order-type", "LIMIT");
        browser.fill("#order-tif", "DAY");
        browser.fill("#order-price", "2400.00");
        browser.fill("#order-qty", "1");
        browser.click("#order-submit");
        browser.waitFor("document.querySelector('#my-orders tr[data-order-id=\"web-1\"]')", "web-1 resting");
        playToTheEnd();
        browser.waitFor("document.querySelector('#notices .notice[data-kind=\"EXPIRED\"]')", "the expiry notice");
        assertTrue(browser.text("#notices").contains("web-1 expired"), browser.text("#notices"));
    }

    @Test
    void shouldWarnWhenAnotherBrowserIsLoggedInAsTheSameParticipant() throws Exception
    {
        open("free");
        login("CN-BUYER-01");
        assertEquals(true, browser.eval("document.getElementById('same-login').hidden"));
        final String other = classroom.login("CN-BUYER-01", null);
        browser.waitFor("!document.getElementById('same-login').hidden", "the warning");
        assertTrue(browser.text("#same-login").startsWith("2 browsers are logged in as CN-BUYER-01"),
            browser.text("#same-login"));
        classroom.logout(other);
        browser.waitFor("document.getElementById('same-login').hidden", "the warning gone after the other logs out");
    }

    @Test
    void shouldSeatStudentsWhoJoinTheInstructorsClassWithAParticipantAndARole() throws Exception
    {
        open("free");
        browser.fill("#class-code", "ECON101");
        browser.click("#btn-class-open");
        browser.waitFor("!document.getElementById('join-form').hidden && " +
            "document.getElementById('login-form').hidden", "the join form instead of the participant list");
        browser.fill("#join-code", "ECON100");
        browser.fill("#join-name", "Alice");
        browser.click("#join-btn");
        browser.waitFor("document.getElementById('message').className.includes('reject')", "the wrong code refused");
        assertTrue(browser.text("#message").contains("wrong class code"), browser.text("#message"));
        browser.fill("#join-code", "ECON101");
        browser.click("#join-btn");
        browser.waitFor("!document.getElementById('trading').hidden", "Alice's order form");
        final String buyer = Scenarios.defaultCatalog().participants().stream()
            .filter(p -> !"BY".equals(p.country())).findFirst().orElseThrow().id();
        assertEquals(buyer, browser.text("#me"));
        assertEquals(" (BUYER)", browser.text("#my-role"));
        final Classroom.Joined bob = classroom.join("ECON101", "Bob", null);
        assertEquals("SELLER", bob.seat().role());
        browser.waitFor("document.querySelectorAll('#roster tr[data-participant]').length === 2", "two seats");
        assertEquals("Alice" + buyer + "BUYER", browser.text("#roster tr[data-participant]"));
        assertEquals("Bob" + bob.seat().participant() + "SELLER",
            browser.text("#roster tr[data-participant='" + bob.seat().participant() + "']"));
    }

    /** The page's console errors since the last call (a failed request, an uncaught exception, console.error). */
    private List<String> consoleErrors()
    {
        return browser.takeConsoleErrors();
    }

    @Test
    void shouldRunARoundWithTwoStudentsAndSixRobotsFromTheInstructorsScreenToTheCsvExport() throws Exception
    {
        open("free");
        browser.fill("#class-code", "ECON101");
        browser.click("#btn-class-open");
        browser.waitFor("!document.getElementById('join-form').hidden", "the join form");
        browser.fill("#join-code", "ECON101");
        browser.fill("#join-name", "Alice");
        browser.click("#join-btn");
        browser.waitFor("!document.getElementById('trading').hidden", "Alice seated");
        final Classroom.Joined bob = classroom.join("ECON101", "Bob", null);
        browser.fill("#round-robots", "3");
        browser.fill("#round-kind", "ZIC");
        browser.fill("#round-units", "3");
        browser.fill("#round-seconds", "6");
        browser.fill("#round-seed", "5");
        browser.click("#btn-round-start");
        browser.waitFor("document.getElementById('round-role') && !document.getElementById('round-order-form').hidden",
            "Alice's values and order form");
        assertEquals("BUYER", browser.text("#round-role"));
        browser.fill("#round-price", (String)browser.eval("rounds.me.limits[0]"));
        browser.click("#round-submit");
        browser.waitFor("!document.getElementById('round-result').hidden", "the answer to Alice's bid");
        assertTrue(browser.text("#round-result").matches("Traded|Your order rests in the book"),
            browser.text("#round-result"));
        final List<?> bobCosts = (List<?>)MiniJson.object(classroom.roundOf(bob.token())).get("limits");
        classroom.roundOrder(bob.token(), (String)bobCosts.get(0));
        browser.waitFor("document.body.dataset.round === '1 over' && " +
            "document.querySelector('#round-measures tr[data-round=\"1\"] .efficiency')", "the end of round 1");
        browser.waitFor("!document.querySelector('#round-measures tr[data-round=\"1\"]').textContent" +
            ".includes('\u25B6')", "the measures after the end");
        final Map<?, ?> measured = (Map<?, ?>)((List<?>)MiniJson.object(classroom.roundsForInstructor())
            .get("rounds")).get(0);
        final List<?> prices = (List<?>)measured.get("prices");
        assertFalse(prices.isEmpty(), "the robots and students traded in 6 s");
        assertEquals((Double)measured.get("efficiency"),
            Double.parseDouble(browser.text("#round-measures tr[data-round='1'] .efficiency")));
        assertEquals(List.of("demand", "supply", "equilibrium", ""),
            browser.eval("rounds.charts['round-schedule'].data.datasets.map((d) => d.label)"));
        assertEquals(prices.stream().map(p -> Double.parseDouble(p.toString())).toList(),
            browser.eval("rounds.charts['round-path'].data.datasets[0].data.map((p) => p.y)"),
            "the path chart has a point per trade, at its price");
        screenshot("classroom-round.png");
        for (final int width : new int[] {1440, 1024, 390})
        {
            browser.resize(width, width == 390 ? 844 : 900, width == 390);
            browser.eval("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))");
            assertEquals("", browser.eval(PageLayout.OVERFLOW), width + " px with the rounds");
        }
        final String csv = (String)browser.eval(
            "fetch(document.getElementById('round-csv').href).then((r) => r.text())");
        final List<String> lines = csv.lines().toList();
        assertEquals(String.join(",", RoundCsv.COLUMNS), lines.get(0));
        final List<String> profits = lines.stream().filter(l -> l.startsWith("1,profit,")).map(l -> l.split(",")[3])
            .toList();
        assertEquals(List.of(browser.eval("sessionStorage.getItem('butb.participant')"), bob.seat().participant(),
            "ROBOT-B1", "ROBOT-S1", "ROBOT-B2", "ROBOT-S2", "ROBOT-B3", "ROBOT-S3"), profits);
        assertEquals(prices.size() * 2L, lines.stream().filter(l -> l.startsWith("1,trade,")).count());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("1,order,") && l.contains(",Alice,student,BUYER,NEW,")),
            "Alice's bid");
        assertEquals(List.of(), consoleErrors());
    }

    @Test
    void shouldLoadThePageWithInstrumentsPhaseParticipantsAndClock() throws Exception
    {
        open("free");
        assertEquals(((Number)browser.eval("document.querySelectorAll('#instrument-tabs button').length")).intValue(),
            Scenarios.defaultCatalog().instruments().size());
        assertEquals("CONTINUOUS", browser.text("#phase"));
        assertEquals(Scenarios.defaultCatalog().participants().size(),
            ((Number)browser.eval("document.querySelectorAll('#participants tr[data-participant]').length"))
                .intValue());
        assertTrue(browser.text("#clock").endsWith("UTC"), browser.text("#clock"));
        assertEquals("empty book", browser.text("#book tr.spread"));
    }

    @Test
    void shouldShowAnOrderPlacedFromThePageInTheBook() throws Exception
    {
        open("free");
        login("BY-SAWMILL-01");
        selectInstrument("TIMBER_SW");
        placeOrder("SELL", "190.00", "25");
        browser.waitFor("document.querySelector('#book tr.ask[data-price=\"190.00\"] td.qty')", "the ask at 190.00");
        assertEquals("25.000", browser.text("#book tr.ask[data-price='190.00'] td.qty"));
        assertTrue(browser.text("#message").contains("ACCEPTED"), browser.text("#message"));
        browser.waitFor("document.querySelector('#my-orders tr[data-order-id=\"web-1\"]')", "web-1 in my orders");
    }

    @Test
    void shouldPrintATradeInTheTapeWhenACrossingOrderArrives() throws Exception
    {
        open("free");
        selectInstrument("TIMBER_SW");
        login("BY-SAWMILL-01");
        placeOrder("SELL", "185.00", "10");
        placeOrder("SELL", "186.50", "40");
        browser.waitFor("document.querySelector('#book tr.ask[data-price=\"186.50\"]') && " +
            "document.querySelector('#book tr.ask[data-price=\"185.00\"]')", "both asks");
        login("CN-BUYER-01");
        placeOrder("BUY", "180.00", "30");
        placeOrder("BUY", "185.00", "15");
        browser.waitFor("document.querySelector('#tape tr.trade')", "a trade in the tape");
        assertEquals("185.00", browser.text("#tape tr.trade td.price"));
        assertEquals("10.000", browser.text("#tape tr.trade td:nth-child(3)"));
        assertEquals("CN-BUYER-01", browser.text("#tape tr.trade td:nth-child(4)"));
        assertEquals("BY-SAWMILL-01", browser.text("#tape tr.trade td:nth-child(5)"));
        browser.waitFor("!document.querySelector('#book tr.ask[data-price=\"185.00\"]') && " +
            "document.querySelector('#book tr.bid[data-price=\"185.00\"] td.qty').textContent === '5.000'",
            "the 5 left of the buy order resting at 185.00");
        screenshot("classroom-trading.png");
    }

    @Test
    void shouldDrawEachTradeOfTheSelectedInstrumentOnThePriceChart() throws Exception
    {
        open("free");
        selectInstrument("TIMBER_SW");
        browser.waitFor("document.getElementById('price-chart-note').textContent === '\u00B7 no trade yet'",
            "an empty chart");
        login("BY-SAWMILL-01");
        placeOrder("SELL", "185.00", "10");
        placeOrder("SELL", "186.50", "40");
        login("CN-BUYER-01");
        placeOrder("BUY", "186.50", "20");
        browser.waitFor("page.chart && page.chart.data.datasets[0].data.length === 2", "two points on the chart");
        assertEquals(List.of(185.0, 186.5), browser.eval("page.chart.data.datasets[0].data.map((p) => p.y)"));
        assertEquals(Boolean.TRUE, browser.eval("(() => { const d = page.chart.data.datasets[0].data; " +
            "return d[0].x === d[1].x && d[0].x === Date.parse(page.state.market.tape[0].time); })()"),
            "both trades at the engine time of the order that made them");
        assertEquals("\u00B7 2 trades, USD per m3", browser.text("#price-chart-note"));
        selectInstrument("SUGAR");
        browser.waitFor("page.chart.data.datasets[0].data.length === 0", "the other instrument's empty chart");
        assertEquals(List.of(), consoleErrors());
    }

    @Test
    void shouldShowTheRejectCodeAndReasonOfARefusedOrder() throws Exception
    {
        open("free");
        login("CN-BUYER-01");
        selectInstrument("TIMBER_SW");
        placeOrder("BUY", "150.25", "10");
        browser.waitFor("document.getElementById('message').className.includes('reject')", "the reject");
        final String message = browser.text("#message");
        assertTrue(message.contains("301 PRICE_NOT_ON_STEP: price 150.25 is not a multiple of the price step 0.50"),
            message);
        assertEquals("empty book", browser.text("#book tr.spread"));
    }

    @Test
    void shouldRunALotAuctionToItsCloseWithABidFromThePage() throws Exception
    {
        open("lot-auction");
        selectInstrument("TIMBER_SW");
        browser.click("#btn-step");
        browser.waitFor("document.querySelector('#lots .lot[data-status=\"OPEN\"]')", "the open lot");
        login("AE-BUYER-01");
        browser.waitFor("document.querySelector('#lots button[data-act=\"bid\"]')", "the bid button");
        browser.click("#lots button[data-act='bid']");
        assertEquals("170.00", browser.eval("document.getElementById('bid-price').value"));
        browser.fill("#bid-price", "175.00");
        browser.click("#bid-submit");
        browser.waitFor("document.querySelector('#lots .lot .bidder') && " +
            "document.querySelector('#lots .lot .bidder').textContent === 'AE-BUYER-01'", "AE-BUYER-01's best bid");
        assertEquals("175.00", browser.text("#lots .lot .best"));
        screenshot("classroom-lot-auction.png");
        browser.fill("#speed-select", "3600");
        browser.waitFor("document.getElementById('status').textContent.includes('3600')", "speed 3600");
        browser.click("#btn-play");
        browser.waitFor("document.querySelector('#lots .lot[data-status=\"SOLD\"]')", "the lot sold at its close");
        assertEquals("AE-BUYER-01", browser.text("#lots .lot .bidder"));
        assertEquals("175.00", browser.text("#lots .lot .best"));
        browser.waitFor("document.querySelector('#tape tr.trade')", "the lot's trade");
        assertEquals("LOT_AUCTION", browser.text("#tape tr.trade .kind"));
    }

    @Test
    void shouldStepPlayAndPauseAScenario() throws Exception
    {
        open("call-auction");
        selectInstrument("SMP");
        assertEquals("0", browser.eval("document.body.dataset.cursor"));
        browser.click("#btn-step");
        browser.waitFor("document.body.dataset.cursor === '1'", "one command stepped");
        browser.waitFor("document.querySelector('#book tr.ask[data-price=\"2480.00\"]')", "the first ask");
        assertEquals("PRE_OPEN", browser.text("#phase"));
        browser.fill("#speed-select", "3600");
        browser.waitFor("document.getElementById('status').textContent.includes('3600')", "speed 3600");
        browser.click("#btn-play");
        browser.waitFor("document.body.dataset.playing === 'true'", "playing");
        browser.waitFor("document.querySelector('#tape tr.trade')", "the call auction's trades");
        assertEquals("CALL_AUCTION", browser.text("#tape tr.trade .kind"));
        browser.waitFor("document.getElementById('phase').textContent === 'CONTINUOUS'", "continuous trading");
        screenshot("classroom-call-auction.png");
        browser.click("#btn-pause");
        browser.waitFor("document.body.dataset.playing === 'false'", "paused");
        final String clock = browser.text("#clock");
        Thread.sleep(3 * Classroom.TICK_MILLIS);
        assertEquals(clock, browser.text("#clock"), "the clock stands still while paused");
    }
}
