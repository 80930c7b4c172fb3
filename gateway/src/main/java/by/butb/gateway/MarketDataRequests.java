package by.butb.gateway;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.Instrument;
import quickfix.FieldNotFound;
import quickfix.Group;
import quickfix.Message;
import quickfix.SessionID;
import quickfix.field.MDReqID;
import quickfix.field.MDReqRejReason;
import quickfix.field.MDUpdateType;
import quickfix.field.MarketDepth;
import quickfix.field.NoMDEntryTypes;
import quickfix.field.NoRelatedSym;
import quickfix.field.SubscriptionRequestType;
import quickfix.field.Symbol;

import java.util.Arrays;
import java.util.BitSet;

/**
 * MarketDataRequests (V) from the sessions: checks each (subscription type, depth, update type, entry types, at most
 * {@code maxSymbolsPerRequest} symbols, each known; a symbol named twice is served once) and hands the subscription
 * to the {@link Outbound} thread, which owns the subscriptions; or answers a MarketDataRequestReject saying why.
 * Session threads.
 */
final class MarketDataRequests
{
    private final Catalog catalog;
    private final Outbound outbound;
    private final int maxSymbolsPerRequest;

    /** {@code maxSymbolsPerRequest}: related symbols a request may name (repeats counted). */
    MarketDataRequests(final Catalog catalog, final Outbound outbound, final int maxSymbolsPerRequest)
    {
        this.catalog = catalog;
        this.outbound = outbound;
        this.maxSymbolsPerRequest = maxSymbolsPerRequest;
    }

    /** Answers a MarketDataRequest: a subscription (or snapshot) for the sending thread, or a reject saying why. */
    void handle(final Message m, final SessionID sid) throws FieldNotFound
    {
        final String reqId = m.getString(MDReqID.FIELD);
        final char type = m.getChar(SubscriptionRequestType.FIELD);
        if (type == SubscriptionRequestType.DISABLE_PREVIOUS_SNAPSHOT_UPDATE_REQUEST)
        {
            outbound.unsubscribe(sid, reqId);
            return;
        }
        if (type != SubscriptionRequestType.SNAPSHOT && type != SubscriptionRequestType.SNAPSHOT_UPDATES)
        {
            mdReject(sid, reqId, MDReqRejReason.UNSUPPORTED_SUBSCRIPTIONREQUESTTYPE,
                "SubscriptionRequestType(263)=" + type + " is not supported");
            return;
        }
        final int depth = m.getInt(MarketDepth.FIELD);
        if (depth < 0)
        {
            mdReject(sid, reqId, MDReqRejReason.UNSUPPORTED_MARKETDEPTH, "MarketDepth(264) must not be negative");
            return;
        }
        boolean incremental = true;
        if (m.isSetField(MDUpdateType.FIELD))
        {
            final int updateType = m.getInt(MDUpdateType.FIELD);
            if (updateType != MDUpdateType.FULL_REFRESH && updateType != MDUpdateType.INCREMENTAL_REFRESH)
            {
                mdReject(sid, reqId, MDReqRejReason.UNSUPPORTED_MDUPDATETYPE, "MDUpdateType(265)=" + updateType +
                    " is not supported");
                return;
            }
            incremental = updateType == MDUpdateType.INCREMENTAL_REFRESH;
        }
        boolean bids = false;
        boolean offers = false;
        boolean trades = false;
        final int entryTypes = m.isSetField(NoMDEntryTypes.FIELD) ? m.getInt(NoMDEntryTypes.FIELD) : 0;
        for (int i = 1; i <= entryTypes; i++)
        {
            final Group g = m.getGroup(i, NoMDEntryTypes.FIELD);
            final char entryType = g.getChar(quickfix.field.MDEntryType.FIELD);
            switch (entryType)
            {
                case quickfix.field.MDEntryType.BID -> bids = true;
                case quickfix.field.MDEntryType.OFFER -> offers = true;
                case quickfix.field.MDEntryType.TRADE -> trades = true;
                default ->
                {
                    mdReject(sid, reqId, MDReqRejReason.UNSUPPORTED_MDENTRYTYPE, "MDEntryType(269)=" + entryType +
                        " is not supported: use 0 (bid), 1 (offer) or 2 (trade)");
                    return;
                }
            }
        }
        final int symbols = m.isSetField(NoRelatedSym.FIELD) ? m.getInt(NoRelatedSym.FIELD) : 0;
        if (symbols == 0 || entryTypes == 0)
        {
            mdReject(sid, reqId, MDReqRejReason.UNKNOWN_SYMBOL, "the request names no symbol or no entry type");
            return;
        }
        if (symbols > maxSymbolsPerRequest)
        {
            mdReject(sid, reqId, MDReqRejReason.INSUFFICIENT_BANDWIDTH, "a request may name at most " +
                maxSymbolsPerRequest + " symbols, this one names " + symbols);
            return;
        }
        final BitSet named = new BitSet(catalog.instruments().size());
        final int[] listed = new int[symbols];
        int distinct = 0;
        for (int i = 1; i <= symbols; i++)
        {
            final Group g = m.getGroup(i, NoRelatedSym.FIELD);
            final String symbol = g.isSetField(Symbol.FIELD) ? g.getString(Symbol.FIELD) : "";
            final Instrument instrument = catalog.instrument(symbol);
            if (instrument == null)
            {
                mdReject(sid, reqId, MDReqRejReason.UNKNOWN_SYMBOL, "unknown symbol '" + symbol + "'");
                return;
            }
            if (!named.get(instrument.index()))
            {
                named.set(instrument.index());
                listed[distinct++] = instrument.index(); // a symbol named twice is served once
            }
        }
        final int[] instruments = Arrays.copyOf(listed, distinct);
        final int levels = depth == 0 ? EngineBridge.BOOK_LEVELS : Math.min(depth, EngineBridge.BOOK_LEVELS);
        outbound.subscribe(new Outbound.Subscription(sid, reqId, instruments, levels, bids, offers, trades,
            incremental, type == SubscriptionRequestType.SNAPSHOT_UPDATES));
    }

    private void mdReject(final SessionID sid, final String reqId, final char reason, final String text)
    {
        outbound.send(sid, MarketDataMessages.reject(reqId, reason, text));
    }
}
