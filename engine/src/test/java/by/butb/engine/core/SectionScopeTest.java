package by.butb.engine.core;

import by.butb.engine.TestMarket;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.SessionSchedule;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SectionScopeTest
{
    /** TestMarket's sections: TIMBER (index 0) and AGRI (index 1). */
    private static final SectionScope AGRI = SectionScope.of(TestMarket.catalog(), "agri");

    @Test
    void anEngineOfOneSectionRejectsOrdersAndLotsOfAnotherSectionsInstruments()
    {
        final EngineHarness h = new EngineHarness(AGRI);
        assertEquals(ResultCode.SECTION_ELSEWHERE, EngineHarness.rejection(h.buy(TestMarket.BUYER, 1, 100, 1)));
        final Command lot = new Command().newOrder(h.time, TestMarket.SELLER, 2, TestMarket.TIMBER, Side.SELL,
            OrderType.LIMIT, TimeInForce.GTC, TestMarket.px(100),
            TestMarket.qty(1));
        lot.type = CommandType.LOT_OFFER;
        lot.bidStep = TestMarket.px(1);
        lot.closeTimeNanos = h.time + 1_000_000_000L;
        assertEquals(ResultCode.SECTION_ELSEWHERE, EngineHarness.rejection(h.run(lot)));
        EngineHarness.only(h.limit(TestMarket.BUYER, 3, TestMarket.SMP, Side.BUY, 2500, 1,
            TimeInForce.GTC), EventType.ACCEPTED);
    }

    @Test
    void anEngineOfOneSectionNumbersOrderAndTradeIdsFromItsSectionWithTheSectionCountAsStride()
    {
        final EngineHarness h = new EngineHarness(AGRI);
        final long[] orderIds = new long[3];
        for (int i = 0; i < 3; i++)
        {
            orderIds[i] = EngineHarness.only(h.limit(TestMarket.SELLER, 10 + i, TestMarket.SMP, Side.SELL, 2500, 1,
                TimeInForce.GTC), EventType.ACCEPTED).exchangeOrderId;
        }
        assertEquals(List.of(2L, 4L, 6L), List.of(orderIds[0], orderIds[1], orderIds[2]));
        final List<EngineEvent> taken = h.limit(TestMarket.BUYER, 20, TestMarket.SMP, Side.BUY, 2500, 2,
            TimeInForce.GTC);
        assertEquals(List.of(2L, 4L), EngineHarness.all(taken, EventType.TRADE).stream().map(e -> e.tradeId).toList());
        for (final long id : List.of(2L, 4L, 6L, 8L))
        {
            assertEquals(AGRI.section(), SectionScope.sectionOfId(id, AGRI.sections()));
        }
    }

    @Test
    void anEngineOfOneSectionGuaranteesWithEachParticipantsShareOfTheDeposit()
    {
        final EngineHarness h = new EngineHarness(AGRI);
        assertEquals(50_000_000, h.engine.deposited(TestMarket.SELLER));
        assertEquals(0, h.engine.deposited(TestMarket.TIMBERONLY));
        // POOR's 100.00 gives AGRI 50.00: a guarantee of 10 % of 600.00 is 60.00, more than its share.
        assertEquals(ResultCode.INSUFFICIENT_DEPOSIT, EngineHarness.rejection(h.limit(TestMarket.POOR, 1,
            TestMarket.SUGAR, Side.BUY, 600, 1, TimeInForce.GTC)));
        h.assertDepositsConserved();
    }

    @Test
    void aSnapshotOfAOneSectionEngineCarriesOnWithTheSameNumbering() throws IOException
    {
        final EngineHarness h = new EngineHarness(AGRI);
        h.limit(TestMarket.SELLER, 1, TestMarket.SMP, Side.SELL, 2500, 1, TimeInForce.GTC);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EngineSnapshot.write(h.engine, bytes);
        final MatchingEngine copy =
            new MatchingEngine(h.catalog, MarketRules.DEFAULT, SessionSchedule.NONE, 1024, AGRI);
        EngineSnapshot.read(new ByteArrayInputStream(bytes.toByteArray()), "test", copy);
        assertEquals(h.engine.stateHash(), copy.stateHash());
        final EventList events = new EventList();
        final Command next = new Command().newOrder(h.time, TestMarket.SELLER, 2, TestMarket.SMP, Side.SELL,
            OrderType.LIMIT, TimeInForce.GTC, TestMarket.px(2500),
            TestMarket.qty(1));
        next.sequence = copy.lastSequence() + 1;
        copy.process(next, events);
        assertEquals(4, events.get(0).exchangeOrderId);
    }

    @Test
    void anUnknownSectionIsRefusedNamingTheCatalogsSections()
    {
        assertEquals("'WOOD' is not a section of the instrument catalog [TIMBER, AGRI]", assertThrows(
            IllegalArgumentException.class, () -> SectionScope.of(TestMarket.catalog(), "WOOD")).getMessage());
    }
}
