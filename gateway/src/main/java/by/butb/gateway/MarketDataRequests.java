package by.butb.gateway;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.Instrument;
import quickfix.FieldNotFound;
import quickfix.Group;
import quickfix.Message;
import quickfix.SessionID;
import quickfix.field.MDEntryType;
import quickfix.field.MDReqID;
import quickfix.field.MDReqRejReason;
import quickfix.field.MDUpdateType;
import quickfix.field.MarketDepth;
import quickfix.field.NoMDEntryTypes;
import quickfix.field.NoRelatedSym;
import quickfix.field.SubscriptionRequestType;
import quickfix.field.Symbol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * MarketDataRequests (V) from the sessions: checks each (subscription type, depth, update type, entry types, at most
 * {@code maxSymbolsPerRequest} symbols, each known; a symbol named twice is served once) and hands the subscription
 * to the {@link Outbound} thread, which owns the subscriptions; or answers a MarketDataRequestReject saying why. Both
 * FIX engines feed it the request's plain values ({@link Fields}). Session threads (the native engine's I/O thread).
 */
final class MarketDataRequests
{
    /** {@link Fields#updateType} when the request has no MDUpdateType(265): incremental refresh. */
    static final int NO_UPDATE_TYPE = -1;

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

    int maxSymbolsPerRequest()
    {
        return maxSymbolsPerRequest;
    }

    /** Answers a MarketDataRequest decoded by QuickFIX/J, as {@link #handle(SessionID, Fields)}. */
    void handle(final Message m, final SessionID sid) throws FieldNotFound
    {
        final StringBuilder entryTypes = new StringBuilder();
        for (final Group g : m.getGroups(NoMDEntryTypes.FIELD))
        {
            entryTypes.append(g.getChar(quickfix.field.MDEntryType.FIELD));
        }
        final List<String> symbols = new ArrayList<>();
        for (final Group g : m.getGroups(NoRelatedSym.FIELD))
        {
            symbols.add(g.isSetField(Symbol.FIELD) ? g.getString(Symbol.FIELD) : "");
        }
        final int updateType = m.isSetField(MDUpdateType.FIELD) ? m.getInt(MDUpdateType.FIELD) : NO_UPDATE_TYPE;
        handle(sid, new Fields(m.getString(MDReqID.FIELD), m.getChar(SubscriptionRequestType.FIELD),
            m.getInt(MarketDepth.FIELD), updateType, entryTypes.toString(), symbols));
    }

    /**
     * Answers a MarketDataRequest, whichever engine decoded it: a subscription (or snapshot) for the sending thread,
     * an unsubscription, or a reject saying why.
     */
    void handle(final SessionID sid, final Fields f)
    {
        final String reqId = f.reqId();
        final char type = f.type();
        if (type == SubscriptionRequestType.DISABLE_PREVIOUS_SNAPSHOT_UPDATE_REQUEST)
        {
            outbound.unsubscribe(sid, reqId);
            return;
        }
        final Refusal refusal = refusal(f);
        if (refusal != null)
        {
            mdReject(sid, reqId, refusal.reason(), refusal.text());
            return;
        }
        final BitSet named = new BitSet(catalog.instruments().size());
        final int[] listed = new int[f.symbols().size()];
        int distinct = 0;
        for (final String symbol : f.symbols())
        {
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
        final int depth = f.depth();
        final int levels = depth == 0 ? EngineBridge.BOOK_LEVELS : Math.min(depth, EngineBridge.BOOK_LEVELS);
        final String types = f.entryTypes();
        outbound.subscribe(new MarketDataSubscriptions.Subscription(sid, reqId, instruments, levels,
            types.indexOf(MDEntryType.BID) >= 0, types.indexOf(MDEntryType.OFFER) >= 0,
            types.indexOf(MDEntryType.TRADE) >= 0, f.updateType() != MDUpdateType.FULL_REFRESH,
            type == SubscriptionRequestType.SNAPSHOT_UPDATES));
    }

    /** Why the request is refused before its symbols are looked up, or null. */
    private Refusal refusal(final Fields f)
    {
        final char type = f.type();
        if (type != SubscriptionRequestType.SNAPSHOT && type != SubscriptionRequestType.SNAPSHOT_UPDATES)
        {
            return new Refusal(MDReqRejReason.UNSUPPORTED_SUBSCRIPTIONREQUESTTYPE,
                "SubscriptionRequestType(263)=" + type + " is not supported");
        }
        if (f.depth() < 0)
        {
            return new Refusal(MDReqRejReason.UNSUPPORTED_MARKETDEPTH, "MarketDepth(264) must not be negative");
        }
        final int updateType = f.updateType();
        if (updateType != NO_UPDATE_TYPE && updateType != MDUpdateType.FULL_REFRESH &&
            updateType != MDUpdateType.INCREMENTAL_REFRESH)
        {
            return new Refusal(MDReqRejReason.UNSUPPORTED_MDUPDATETYPE,
                "MDUpdateType(265)=" + updateType + " is not supported");
        }
        for (int i = 0; i < f.entryTypes().length(); i++)
        {
            final char entryType = f.entryTypes().charAt(i);
            if (entryType != MDEntryType.BID && entryType != MDEntryType.OFFER && entryType != MDEntryType.TRADE)
            {
                return new Refusal(MDReqRejReason.UNSUPPORTED_MDENTRYTYPE, "MDEntryType(269)=" + entryType +
                    " is not supported: use 0 (bid), 1 (offer) or 2 (trade)");
            }
        }
        final int symbols = f.symbols().size();
        if (symbols == 0 || f.entryTypes().isEmpty())
        {
            return new Refusal(MDReqRejReason.UNKNOWN_SYMBOL, "the request names no symbol or no entry type");
        }
        if (symbols > maxSymbolsPerRequest)
        {
            return new Refusal(MDReqRejReason.INSUFFICIENT_BANDWIDTH,
                "a request may name at most " + maxSymbolsPerRequest + " symbols, this one names " + symbols);
        }
        return null;
    }

    private void mdReject(final SessionID sid, final String reqId, final char reason, final String text)
    {
        outbound.sendMarketData(sid, MarketDataMessage.reject(reqId, reason, text));
    }

    /** A MarketDataRequestReject's MDReqRejReason(281) and Text(58). */
    private record Refusal(char reason, String text)
    {
    }

    /**
     * A MarketDataRequest's fields as plain values: {@code updateType} is {@link #NO_UPDATE_TYPE} when MDUpdateType
     * (265) is absent; {@code entryTypes} holds each MDEntryType(269) of NoMDEntryTypes, {@code symbols} each Symbol
     * (55) of NoRelatedSym ("" for an entry without one), in the order received.
     */
    record Fields(String reqId, char type, int depth, int updateType, String entryTypes, List<String> symbols)
    {
    }
}
