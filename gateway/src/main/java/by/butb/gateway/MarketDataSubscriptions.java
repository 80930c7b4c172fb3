package by.butb.gateway;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.Side;
import quickfix.SessionID;
import quickfix.field.MDReqRejReason;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The market data the gateway sends ({@link Outbound}'s part of it): the live subscriptions of each session and of
 * each instrument, the latest book copy and the last {@value #RECENT_TRADES} trades of each instrument, the
 * snapshots a subscription starts with and what each book change sends its subscribers (a snapshot, or an
 * incremental refresh against what that subscription was last sent).
 *
 * <p>Threading: the gateway's sending thread only.
 */
final class MarketDataSubscriptions
{
    static final int RECENT_TRADES = 10;

    private final Catalog catalog;
    private final FixSessions sessions;
    private final int maxSubscriptionsPerSession;
    private final BookCopy[] latest;
    private final ArrayDeque<BookCopy.Trade>[] recent;
    private final List<Subscription>[] byInstrument;
    private final Map<SessionID, Map<String, Subscription>> bySession = new HashMap<>();

    /** {@code maxSubscriptionsPerSession}: live subscriptions a session may hold at once. */
    @SuppressWarnings("unchecked")
    MarketDataSubscriptions(final Catalog catalog, final FixSessions sessions, final int maxSubscriptionsPerSession)
    {
        this.catalog = catalog;
        this.sessions = sessions;
        this.maxSubscriptionsPerSession = maxSubscriptionsPerSession;
        final int instruments = catalog.instruments().size();
        latest = new BookCopy[instruments];
        recent = new ArrayDeque[instruments];
        byInstrument = new List[instruments];
        for (int i = 0; i < instruments; i++)
        {
            latest[i] = BookCopy.EMPTY;
            recent[i] = new ArrayDeque<>();
            byInstrument[i] = new ArrayList<>();
        }
    }

    /** The book of {@code instrument} after a command and the trades it printed ({@code trades} read now only). */
    void onBook(final int instrument, final BookCopy book, final List<BookCopy.Trade> trades)
    {
        latest[instrument] = book;
        final ArrayDeque<BookCopy.Trade> prints = recent[instrument];
        for (int i = 0; i < trades.size(); i++)
        {
            prints.addLast(trades.get(i));
            if (prints.size() > RECENT_TRADES)
            {
                prints.removeFirst();
            }
        }
        final List<Subscription> subscribers = byInstrument[instrument];
        for (int i = 0; i < subscribers.size(); i++)
        {
            final Subscription sub = subscribers.get(i);
            if (!sessions.loggedOn(sub.session))
            {
                continue;
            }
            final int k = sub.indexOf(instrument);
            if (sub.incremental)
            {
                final MarketDataMessage x = MarketDataMessages.incremental(sub, catalog.instrument(instrument),
                    sub.sent[k], book, trades);
                if (x != null)
                {
                    sessions.sendMarketData(sub.session, x);
                }
            }
            else
            {
                sessions.sendMarketData(sub.session, snapshot(sub, instrument));
            }
            sub.sent[k] = book;
        }
    }

    private MarketDataMessage snapshot(final Subscription sub, final int instrument)
    {
        return MarketDataMessages.snapshot(sub, catalog.instrument(instrument), latest[instrument],
            recent[instrument]);
    }

    /**
     * A subscription or one-off request: its snapshots now, or its reject (a session gone, an MDReqID live already,
     * a limit reached).
     */
    void onSubscribe(final Subscription sub)
    {
        if (!sessions.exists(sub.session))
        {
            return;
        }
        final Map<String, Subscription> subs = bySession.computeIfAbsent(sub.session, s -> new HashMap<>());
        if (subs.containsKey(sub.reqId))
        {
            sessions.sendMarketData(sub.session, MarketDataMessage.reject(sub.reqId, MDReqRejReason.DUPLICATE_MDREQID,
                "MDReqID " + sub.reqId + " is already subscribed"));
            return;
        }
        if (sub.subscribe)
        {
            final String refusal = subscriptionRefusal(sub, subs);
            if (refusal != null)
            {
                sessions.sendMarketData(sub.session, MarketDataMessage.reject(sub.reqId,
                    MDReqRejReason.INSUFFICIENT_BANDWIDTH, refusal));
                return;
            }
        }
        for (int k = 0; k < sub.instruments.length; k++)
        {
            sessions.sendMarketData(sub.session, snapshot(sub, sub.instruments[k]));
            sub.sent[k] = latest[sub.instruments[k]];
        }
        if (sub.subscribe)
        {
            subs.put(sub.reqId, sub);
            for (final int instrument : sub.instruments)
            {
                byInstrument[instrument].add(sub);
            }
        }
    }

    /**
     * Why a session may not add this live subscription (each instrument at most once among a session's live
     * subscriptions, and at most {@link #maxSubscriptionsPerSession} of them), or null.
     */
    private String subscriptionRefusal(final Subscription sub, final Map<String, Subscription> live)
    {
        if (live.size() >= maxSubscriptionsPerSession)
        {
            return "a session may hold at most " + maxSubscriptionsPerSession +
                " live subscriptions: unsubscribe one first";
        }
        for (final Subscription other : live.values())
        {
            for (final int instrument : sub.instruments)
            {
                if (other.indexOf(instrument) >= 0)
                {
                    return catalog.instrument(instrument).symbol() + " is already subscribed by MDReqID " +
                        other.reqId + ": unsubscribe it first";
                }
            }
        }
        return null;
    }

    /** Ends {@code session}'s subscription {@code reqId}, if live. */
    void unsubscribe(final SessionID session, final String reqId)
    {
        final Map<String, Subscription> subs = bySession.get(session);
        final Subscription sub = subs == null ? null : subs.remove(reqId);
        if (sub != null)
        {
            drop(sub);
        }
    }

    /** Ends every subscription of {@code session}. */
    void sessionGone(final SessionID session)
    {
        final Map<String, Subscription> subs = bySession.remove(session);
        if (subs != null)
        {
            subs.values().forEach(this::drop);
        }
    }

    private void drop(final Subscription sub)
    {
        for (final int instrument : sub.instruments)
        {
            byInstrument[instrument].remove(sub);
        }
    }

    /**
     * A market-data subscription (or a one-off snapshot request when {@code subscribe} is false); its instruments
     * are distinct.
     */
    static final class Subscription
    {
        final SessionID session;
        final String reqId;
        final int[] instruments;
        final int depth;
        final boolean bids;
        final boolean offers;
        final boolean trades;
        final boolean incremental;
        final boolean subscribe;
        final BookCopy[] sent;

        Subscription(final SessionID session, final String reqId, final int[] instruments, final int depth,
            final boolean bids, final boolean offers, final boolean trades, final boolean incremental,
            final boolean subscribe)
        {
            this.session = session;
            this.reqId = reqId;
            this.instruments = instruments;
            this.depth = depth;
            this.bids = bids;
            this.offers = offers;
            this.trades = trades;
            this.incremental = incremental;
            this.subscribe = subscribe;
            this.sent = new BookCopy[instruments.length];
        }

        boolean wants(final Side side)
        {
            return side == Side.BUY ? bids : offers;
        }

        int indexOf(final int instrument)
        {
            for (int k = 0; k < instruments.length; k++)
            {
                if (instruments[k] == instrument)
                {
                    return k;
                }
            }
            return -1;
        }
    }
}
