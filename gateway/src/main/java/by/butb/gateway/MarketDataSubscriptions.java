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
 * <p>Conflation: while a session has {@code conflateFromBytes} or more unwritten ({@link FixSessions#unwrittenBytes}),
 * or {@code conflateQueuedFromBytes} or more unwritten and queued to be encoded ({@link FixSessions#queuedBytes}: a
 * burst a reader that keeps up takes, bounded so that none passes the slow-consumer bound), its subscriptions are
 * sent no book changes; each remembers which of its instruments changed, and once the session is below both bounds
 * again ({@link #catchUp}, or the instrument's next change) it is sent one message per such instrument: the latest
 * snapshot, or one incremental refresh from what it was last sent to the latest book with the trades printed
 * meanwhile, at most the last {@value #RECENT_TRADES}. A reader slower than the market so gets the latest state
 * instead of a backlog that grows until it is dropped as a slow consumer.
 *
 * <p>Threading: the gateway's sending thread only.
 */
final class MarketDataSubscriptions
{
    static final int RECENT_TRADES = 10;

    private final Catalog catalog;
    private final FixSessions sessions;
    private final int maxSubscriptionsPerSession;
    private final long conflateFromBytes;
    private final long conflateQueuedFromBytes;
    private final BookCopy[] latest;
    private final ArrayDeque<BookCopy.Trade>[] recent;
    /** Trades printed in each instrument since the start. */
    private final long[] printed;
    private final List<Subscription>[] byInstrument;
    private final Map<SessionID, Map<String, Subscription>> bySession = new HashMap<>();
    /** Live subscriptions with at least one instrument whose changes were held back. */
    private final List<Subscription> behind = new ArrayList<>();

    /**
     * {@code maxSubscriptionsPerSession}: live subscriptions a session may hold at once; {@code conflateFromBytes}:
     * a session's unwritten bytes from which its book changes are conflated; {@code conflateQueuedFromBytes}: the same
     * for its unwritten and queued bytes together. Both at least 1.
     */
    @SuppressWarnings("unchecked")
    MarketDataSubscriptions(final Catalog catalog, final FixSessions sessions, final int maxSubscriptionsPerSession,
        final long conflateFromBytes, final long conflateQueuedFromBytes)
    {
        if (conflateFromBytes < 1 || conflateQueuedFromBytes < 1)
        {
            throw new IllegalArgumentException("conflation bounds must be positive, got " + conflateFromBytes +
                " and " + conflateQueuedFromBytes);
        }
        this.catalog = catalog;
        this.sessions = sessions;
        this.maxSubscriptionsPerSession = maxSubscriptionsPerSession;
        this.conflateFromBytes = conflateFromBytes;
        this.conflateQueuedFromBytes = conflateQueuedFromBytes;
        final int instruments = catalog.instruments().size();
        latest = new BookCopy[instruments];
        recent = new ArrayDeque[instruments];
        printed = new long[instruments];
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
        printed[instrument] += trades.size();
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
            if (behind(sub.session))
            {
                holdBack(sub, k);
            }
            else
            {
                update(sub, k, sub.heldBack[k] ? null : trades);
            }
        }
    }

    /**
     * Sends what each subscription held back whose session is below the bound again; the others wait for the next
     * call (an ended subscription is forgotten).
     */
    void catchUp()
    {
        behind.removeIf(this::caughtUp);
    }

    /** Sends {@code sub} what it held back if its session is below the bounds; whether it is no longer behind. */
    private boolean caughtUp(final Subscription sub)
    {
        if (sub.live)
        {
            if (!sessions.loggedOn(sub.session) || behind(sub.session))
            {
                return false;
            }
            for (int k = 0; k < sub.instruments.length; k++)
            {
                if (sub.heldBack[k])
                {
                    update(sub, k, null);
                }
            }
        }
        sub.listedBehind = false;
        return true;
    }

    /** Whether any subscription has changes held back ({@link #catchUp} has work). */
    boolean anyBehind()
    {
        return !behind.isEmpty();
    }

    /** Whether {@code session}'s book changes are to be held back now. */
    private boolean behind(final SessionID session)
    {
        final long queued = sessions.queuedBytes(session); // first: bytes move from queued to unwritten meanwhile
        final long unwritten = sessions.unwrittenBytes(session);
        return unwritten >= conflateFromBytes || unwritten + queued >= conflateQueuedFromBytes;
    }

    private void holdBack(final Subscription sub, final int k)
    {
        sub.heldBack[k] = true;
        if (!sub.listedBehind)
        {
            sub.listedBehind = true;
            behind.add(sub);
        }
    }

    /**
     * Sends {@code sub} the change of its {@code k}th instrument from what it was last sent to the latest book:
     * {@code trades} are the trades of the command at hand, or null for those printed since its last message (at most
     * the last {@value #RECENT_TRADES}).
     */
    private void update(final Subscription sub, final int k, final List<BookCopy.Trade> trades)
    {
        final int instrument = sub.instruments[k];
        if (sub.incremental)
        {
            final MarketDataMessage x = MarketDataMessages.incremental(sub, catalog.instrument(instrument),
                sub.sent[k], latest[instrument], trades != null ? trades : tradesSince(instrument, sub.tradesSent[k]));
            if (x != null)
            {
                sessions.sendMarketData(sub.session, x);
            }
        }
        else
        {
            sessions.sendMarketData(sub.session, snapshot(sub, instrument));
        }
        sub.sent[k] = latest[instrument];
        sub.tradesSent[k] = printed[instrument];
        sub.heldBack[k] = false;
    }

    /** The trades of {@code instrument} after its first {@code count}, at most the last {@value #RECENT_TRADES}. */
    private List<BookCopy.Trade> tradesSince(final int instrument, final long count)
    {
        final ArrayDeque<BookCopy.Trade> prints = recent[instrument];
        final int wanted = (int)Math.min(prints.size(), printed[instrument] - count);
        final List<BookCopy.Trade> since = new ArrayList<>(wanted);
        int skip = prints.size() - wanted;
        for (final BookCopy.Trade t : prints)
        {
            if (skip-- <= 0)
            {
                since.add(t);
            }
        }
        return since;
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
            sub.tradesSent[k] = printed[sub.instruments[k]];
        }
        if (sub.subscribe)
        {
            sub.live = true;
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
        sub.live = false;
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
        /** What each instrument's last message to it showed, and the trades printed by then. */
        final BookCopy[] sent;
        final long[] tradesSent;
        /** Each instrument's changes since {@link #sent} held back (conflated). */
        final boolean[] heldBack;
        /** Listed among the subscriptions behind; live: subscribed and not yet ended. */
        boolean listedBehind;
        boolean live;

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
            this.tradesSent = new long[instruments.length];
            this.heldBack = new boolean[instruments.length];
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
