package by.butb.engine.core;

import by.butb.engine.TestMarket;
import by.butb.engine.model.CatalogLoader;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static by.butb.engine.TestMarket.BROKER;
import static by.butb.engine.TestMarket.CLIENT;
import static by.butb.engine.TestMarket.SMP;
import static by.butb.engine.TestMarket.px;
import static by.butb.engine.TestMarket.qty;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The participants file changed between two runs on the same snapshot while a broker's client had an order resting:
 * a client suspended, or no longer admitted to the order's section. The broker can no longer enter, replace or
 * rename for it, however it names the order, and can still cancel it.
 */
class ChangedParticipantsFileTest
{
    private static final String CLIENT_ACTIVE = "CLIENT,Mongolian client,MN,false,TRADER,,AGRI,ACTIVE";

    private MatchingEngine engine;
    private long exchangeOrderId;
    private final EventList out = new EventList();
    private long sequence = 100;

    /** The engine after a restart with the client's row {@code changedRow} instead of {@link #CLIENT_ACTIVE}. */
    private void restartWith(final String changedRow) throws IOException
    {
        final EngineHarness before = new EngineHarness();
        final Command order = before.command.newOrder(before.time, BROKER, 1, SMP, Side.BUY, OrderType.LIMIT,
            TimeInForce.GTC, px(2500), qty(1));
        order.onBehalfOf = CLIENT;
        exchangeOrderId = EngineHarness.only(before.run(order), EventType.ACCEPTED).exchangeOrderId;
        final ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
        EngineSnapshot.write(before.engine, snapshot);
        engine = new MatchingEngine(CatalogLoader.fromText(TestMarket.INSTRUMENTS,
            TestMarket.PARTICIPANTS.replace(CLIENT_ACTIVE, changedRow)), MarketRules.DEFAULT);
        EngineSnapshot.read(new ByteArrayInputStream(snapshot.toByteArray()), "snapshot", engine);
    }

    @Test
    void aBrokerCannotReplaceItsSuspendedClientsOrderNamedByExchangeId() throws IOException
    {
        restartWith(CLIENT_ACTIVE.replace("ACTIVE", "SUSPENDED"));
        final long blocked = engine.blockedDeposit(CLIENT);
        final Command byExchangeId = new Command().replace(EngineHarness.DAY1, BROKER, 0, px(2500), qty(5));
        byExchangeId.exchangeOrderId = exchangeOrderId;
        assertEquals(ResultCode.PARTICIPANT_NOT_ACTIVE, first(byExchangeId).code);
        final Command renaming = new Command().replace(EngineHarness.DAY1, BROKER, 0, px(2500), qty(1));
        renaming.exchangeOrderId = exchangeOrderId;
        renaming.newClientOrderId = 2;
        assertEquals(ResultCode.PARTICIPANT_NOT_ACTIVE, first(renaming).code, "status before the rename's owner");
        assertEquals(blocked, engine.blockedDeposit(CLIENT), "nothing more blocked");
    }

    @Test
    void aClientNoLongerAdmittedToTheSectionCannotHaveItsOrderReplaced() throws IOException
    {
        restartWith(CLIENT_ACTIVE.replace(",AGRI,", ",TIMBER,"));
        final Command replace = new Command().replace(EngineHarness.DAY1, BROKER, 0, px(2500), qty(5));
        replace.exchangeOrderId = exchangeOrderId;
        replace.onBehalfOf = CLIENT;
        assertEquals(ResultCode.NOT_ADMITTED_TO_SECTION, first(replace).code);
    }

    @Test
    void aBrokerCannotEnterAnOrderForItsSuspendedClient() throws IOException
    {
        restartWith(CLIENT_ACTIVE.replace("ACTIVE", "SUSPENDED"));
        final Command order = new Command().newOrder(EngineHarness.DAY1, BROKER, 2, SMP, Side.BUY, OrderType.LIMIT,
            TimeInForce.GTC, px(2500), qty(1));
        order.onBehalfOf = CLIENT;
        assertEquals(ResultCode.PARTICIPANT_NOT_ACTIVE, first(order).code);
    }

    @Test
    void aBrokerCanStillCancelItsSuspendedClientsOrder() throws IOException
    {
        restartWith(CLIENT_ACTIVE.replace("ACTIVE", "SUSPENDED"));
        final Command cancel = new Command().cancel(EngineHarness.DAY1, BROKER, 0);
        cancel.exchangeOrderId = exchangeOrderId;
        final EngineEvent cancelled = first(cancel);
        assertEquals(EventType.CANCELLED, cancelled.type);
        assertEquals(0, engine.blockedDeposit(CLIENT));
    }

    private EngineEvent first(final Command command)
    {
        command.sequence = sequence++;
        out.clear();
        engine.process(command, out);
        return out.get(0);
    }
}
