package by.butb.sim.classroom;

import by.butb.engine.core.Command;
import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.EventType;
import by.butb.engine.core.ResultCode;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.Instrument;
import by.butb.sim.replay.ReplayListener;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What happened to the watched students' orders without their asking, as notices for the page: a resting order
 * filled (kind FILLED), a lot bid outbid (OUTBID), an order expired (EXPIRED). The owner of the incoming order of a
 * trade gets none: they read the answer to their own command.
 *
 * <p>JSON "notices": the last {@value #KEPT}, oldest first, each {"seq", "participant", "time", "kind", "text"};
 * seq counts from 1 per loaded scenario. Threading: the engine's logic thread only ({@code watched} is concurrent).
 */
final class StudentNotices
{
    static final int KEPT = 200;

    /** The order name the page shows for an owner's client order id. */
    interface Names
    {
        String name(int owner, long clientOrderId);
    }

    private final Catalog catalog;
    private final Names names;
    private final Set<Integer> watched;
    private final ArrayDeque<Map<String, String>> notices = new ArrayDeque<>();
    private long noticeSeq;

    StudentNotices(final Catalog catalog, final Names names, final Set<Integer> watched)
    {
        this.catalog = catalog;
        this.names = names;
        this.watched = watched;
    }

    /** Adds the notices that event {@code e} of {@code command} gives. */
    void follow(final EngineEvent e, final Command command)
    {
        if (e.type == EventType.TRADE)
        {
            final Instrument instrument = catalog.instrument(e.instrument);
            final String fill = MarketWatch.quantity(instrument, e.quantity) + " @ " +
                MarketWatch.price(instrument, e.price);
            if (!incoming(command, e.buyOwner, e.buyClientOrderId))
            {
                addNotice(e, e.buyOwner, "FILLED", names.name(e.buyOwner, e.buyClientOrderId) + " bought " + fill +
                    " (" + MarketWatch.quantity(instrument, e.buyLeaves) + " left)");
            }
            if (!incoming(command, e.sellOwner, e.sellClientOrderId))
            {
                addNotice(e, e.sellOwner, "FILLED", names.name(e.sellOwner, e.sellClientOrderId) + " sold " + fill +
                    " (" + MarketWatch.quantity(instrument, e.sellLeaves) + " left)");
            }
        }
        else if (e.type == EventType.CANCELLED && e.code == ResultCode.OUTBID)
        {
            addNotice(e, e.owner, "OUTBID", names.name(e.owner, e.clientOrderId) + " outbid: " + e.code.text());
        }
        else if (e.type == EventType.EXPIRED)
        {
            addNotice(e, e.owner, "EXPIRED", names.name(e.owner, e.clientOrderId) + " expired: " + e.code.text());
        }
    }

    private static boolean incoming(final Command command, final int owner, final long clientOrderId)
    {
        final int commandOwner = command.onBehalfOf >= 0 ? command.onBehalfOf : command.submitter;
        return owner == commandOwner && (clientOrderId == command.clientOrderId ||
            clientOrderId == command.newClientOrderId);
    }

    private void addNotice(final EngineEvent e, final int owner, final String kind, final String text)
    {
        if (!watched.contains(owner))
        {
            return;
        }
        final Map<String, String> n = new LinkedHashMap<>();
        n.put("seq", Long.toString(++noticeSeq));
        n.put("participant", catalog.participant(owner).id());
        n.put("time", ReplayListener.time(e.timeNanos));
        n.put("kind", kind);
        n.put("text", text);
        MarketWatch.addBounded(notices, n, KEPT);
    }

    void write(final Json j)
    {
        j.key("notices").beginArray();
        notices.forEach(j::object);
        j.endArray();
    }
}
