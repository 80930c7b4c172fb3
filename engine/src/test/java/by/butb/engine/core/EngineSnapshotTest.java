package by.butb.engine.core;

import by.butb.engine.TestMarket;
import by.butb.engine.book.Order;
import by.butb.engine.model.Side;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static by.butb.engine.TestMarket.px;
import static by.butb.engine.TestMarket.qty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an {@link EngineSnapshot} carries of each order's fills, in this version and the one before. */
class EngineSnapshotTest
{
    /** Made by the version 2 writer from {@link #fillABuyAtTwoPrices}'s commands. */
    private static final String VERSION_2 = "/snapshots/version2-partly-filled.snapshot";

    /** A buy of 10 at 101 takes 3 at 99, rests, and is then hit for 2 at 101. */
    private static void fillABuyAtTwoPrices(final EngineHarness h)
    {
        h.sell(TestMarket.SELLER, 1, 99, 3);
        h.buy(TestMarket.BUYER, 1, 101, 10);
        h.sell(TestMarket.BUYER2, 1, 101, 2);
    }

    /** The filled quantity and the filled value of each resting TIMBER buy, best first. */
    private static List<long[]> restingBuys(final MatchingEngine engine)
    {
        final List<long[]> buys = new ArrayList<>();
        engine.forEachRestingOrder(TestMarket.TIMBER, Side.BUY, (orderId, clientOrderId, owner, submitter, tif, price,
            quantity, leaves, filled, filledValue, blocked) -> buys.add(new long[] {filled, filledValue}));
        return buys;
    }

    @Test
    void aRestingOrderKeepsTheValueOfItsFillsAtEachPrice()
    {
        final EngineHarness h = new EngineHarness();
        fillABuyAtTwoPrices(h);

        final List<long[]> buys = restingBuys(h.engine);
        assertEquals(1, buys.size());
        assertEquals(qty(5), buys.get(0)[0]);
        assertEquals(px(99) * qty(3) + px(101) * qty(2), buys.get(0)[1], "99 x 3 + 101 x 2, scaled");
    }

    @Test
    void aSnapshotCarriesTheValueOfEachOrdersFills() throws IOException
    {
        final EngineHarness h = new EngineHarness();
        fillABuyAtTwoPrices(h);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EngineSnapshot.write(h.engine, bytes);

        final MatchingEngine copy = new MatchingEngine(h.catalog, MarketRules.DEFAULT);
        EngineSnapshot.read(new ByteArrayInputStream(bytes.toByteArray()), "test", copy);
        assertEquals(px(99) * qty(3) + px(101) * qty(2), restingBuys(copy).get(0)[1]);
        assertEquals(h.engine.stateHash(), copy.stateHash());
    }

    @Test
    void aVersion2SnapshotLoadsWithTheValueOfItsOrdersFillsUnknown() throws IOException
    {
        final MatchingEngine engine = new MatchingEngine(TestMarket.catalog(), MarketRules.DEFAULT);
        try (InputStream in = EngineSnapshotTest.class.getResourceAsStream(VERSION_2))
        {
            assertNotNull(in, VERSION_2);
            EngineSnapshot.read(in, VERSION_2, engine);
        }
        final List<long[]> buys = restingBuys(engine);
        assertEquals(qty(5), buys.get(0)[0], "the fills themselves are kept");
        assertEquals(Order.VALUE_UNKNOWN, buys.get(0)[1]);
    }

    @Test
    void aSnapshotOfAnotherVersionIsRefusedWithItsName()
    {
        final byte[] bytes = {0x42, 0x55, 0x54, 0x42, 0, 0, 0, 9};
        final IllegalStateException refused = assertThrows(IllegalStateException.class, () -> EngineSnapshot.read(
            new ByteArrayInputStream(bytes), "future.snapshot",
            new MatchingEngine(TestMarket.catalog(), MarketRules.DEFAULT)));
        assertTrue(refused.getMessage().contains("future.snapshot is not an engine snapshot of version 2 to 3"),
            refused.getMessage());
    }
}
