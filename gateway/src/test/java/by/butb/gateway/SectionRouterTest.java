package by.butb.gateway;

import by.butb.cluster.NodeConfig;
import by.butb.engine.core.Command;
import by.butb.engine.core.CommandType;
import by.butb.engine.core.EventList;
import by.butb.engine.core.EventType;
import by.butb.engine.core.MarketRules;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.core.SectionScope;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.CatalogLoader;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.SessionSchedule;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With a cluster per section, a command goes to the cluster where the single engine would find what it names: an
 * order's cancel or replace to its order's section whatever Symbol it carries, a lot bid to its lot's section, and an
 * order sent for a participant the submitter does not act for never stands for that participant's own order.
 * AGRI is cluster 0, TIMBER cluster 1.
 */
class SectionRouterTest
{
    private static final String PARTICIPANTS =
        "id,name,country,resident,role,clients,sections,status,deposit,currency,password_hash,deposit_shares\n" +
        "TRADER-A,A,BY,true,TRADER,,AGRI;TIMBER,ACTIVE,1000000.00,USD,,\n" +
        "TRADER-B,B,BY,true,TRADER,,AGRI;TIMBER,ACTIVE,1000000.00,USD,,\n";

    private final Catalog catalog = CatalogLoader.fromText(TestCatalog.INSTRUMENTS, PARTICIPANTS);
    private final MatchingEngine agri = engine("AGRI");
    private final MatchingEngine timber = engine("TIMBER");
    private final SectionRouter router = new SectionRouter(catalog, List.of(agri, timber));
    private final int a = catalog.participant("TRADER-A").index();
    private final int b = catalog.participant("TRADER-B").index();
    private final int smp = catalog.instrument("SMP").index();
    private final int timberSw = catalog.instrument("TIMBER_SW").index();

    @Test
    void anOrderForAParticipantTheSubmitterDoesNotActForLeavesThatParticipantsOwnOrderWhereItWent()
    {
        assertEquals(0, router.route(new Command().newOrder(1, a, 1, smp, Side.SELL, OrderType.LIMIT,
            TimeInForce.DAY, 250_000, 10_000)), "A's first order, on its way to AGRI");
        final Command foreign = new Command().newOrder(2, b, 1, timberSw, Side.BUY, OrderType.LIMIT,
            TimeInForce.DAY, 18_000, 5_000);
        foreign.onBehalfOf = a; // B is not A's broker: the gateway sends it with a stand-in id for the engine's reject
        assertEquals(1, router.route(foreign));

        assertEquals(0, router.route(new Command().cancel(3, a, 1)), "A's cancel goes where A's order went");
        router.applied(foreign);
        assertEquals(0, router.route(new Command().cancel(4, a, 1)), "still, once the refused one is applied");
    }

    @Test
    void aReplaceNamingAnotherSectionsInstrumentGoesToItsOrdersSectionWhichAnswersTheMismatch()
    {
        final long orderId = accepted(timber, new Command().newOrder(1, a, 1, timberSw, Side.SELL, OrderType.LIMIT,
            TimeInForce.GTC, 18_000, 5_000));

        final Command byClientId = new Command();
        byClientId.type = CommandType.REPLACE;
        byClientId.submitter = a;
        byClientId.clientOrderId = 1;
        byClientId.newClientOrderId = 2;
        byClientId.instrument = smp;
        assertEquals(1, router.route(byClientId), "by ClOrdID: to TIMBER, where the order is live");

        final Command byOrderId = new Command().copyFrom(byClientId);
        byOrderId.clientOrderId = 0;
        byOrderId.newClientOrderId = 3;
        byOrderId.exchangeOrderId = orderId;
        assertEquals(1, router.route(byOrderId), "by OrderID: to the section the id tells");

        assertEquals(0, router.route(new Command().cancel(5, a, 99)), "an order live nowhere: the first cluster");
    }

    @Test
    void aLotBidGoesToItsLotsSectionWhateverInstrumentItNames()
    {
        final long timberId = accepted(timber, new Command().newOrder(1, a, 1, timberSw, Side.SELL, OrderType.LIMIT,
            TimeInForce.GTC, 18_000, 5_000));
        final Command bid = new Command().lotBid(2, b, 1, timberId, 18_500);
        bid.instrument = smp;
        assertEquals(1, router.route(bid));
    }

    private long accepted(final MatchingEngine engine, final Command order)
    {
        order.sequence = engine.lastSequence() + 1;
        final EventList events = new EventList();
        engine.process(order, events);
        assertEquals(EventType.ACCEPTED, events.get(0).type, events.get(0).toString());
        return events.get(0).exchangeOrderId;
    }

    private MatchingEngine engine(final String section)
    {
        return new MatchingEngine(catalog, MarketRules.DEFAULT, SessionSchedule.NONE, NodeConfig.EXPECTED_ORDERS,
            SectionScope.of(catalog, section));
    }
}
