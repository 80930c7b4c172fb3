package by.butb.gateway;

import by.butb.gateway.fix.FixDecoder;
import quickfix.field.SessionRejectReason;

import java.util.ArrayList;
import java.util.List;

/**
 * The native engine's MarketDataRequests (V), on the I/O thread: checked against the dictionary as orders are
 * ({@link NativeOrders#dictionaryValid}), the repeating groups NoMDEntryTypes(267) and NoRelatedSym(146) read from
 * the decoder's fields (a count that differs from the entries is a session Reject, reason 16), the identifiers
 * checked as {@link FixIds#rejectBad} does, then answered by {@link MarketDataRequests} from the plain values, as
 * for the QuickFIX/J engine. A session's subscriptions end when its connection does.
 */
final class NativeMarketDataRequests
{
    private static final String V = "V";
    static final String BAD_COUNT = "Incorrect NumInGroup count for repeating group";

    private final NativeOrders orders;
    private final MarketDataRequests requests;
    private final Outbound outbound;

    NativeMarketDataRequests(final NativeOrders orders, final MarketDataRequests requests, final Outbound outbound)
    {
        this.orders = orders;
        this.requests = requests;
        this.outbound = outbound;
    }

    /** A MarketDataRequest with sequence number {@code seq} received on {@code s}. */
    void onRequest(final NativeSession s, final FixDecoder d, final int seq)
    {
        if (!orders.dictionaryValid(s, d, seq, V))
        {
            return;
        }
        final StringBuilder entryTypes = new StringBuilder();
        final List<String> symbols = new ArrayList<>();
        long declaredTypes = 0;
        long declaredSymbols = 0;
        int group = 0;
        for (int i = 3, n = d.count() - 1; i < n; i++)
        {
            final int tag = d.tagAt(i);
            switch (tag)
            {
                case 267 ->
                {
                    group = tag;
                    declaredTypes = d.longValue(i);
                }
                case 146 ->
                {
                    group = tag;
                    declaredSymbols = d.longValue(i);
                }
                case 386 -> group = tag; // NoTradingSessions: fields after it are not the symbols'
                case 269 ->
                {
                    if (group == 267)
                    {
                        entryTypes.append((char)(d.buffer()[d.valueStart(i)] & 0xFF));
                    }
                }
                case 55 ->
                {
                    if (group == 146)
                    {
                        symbols.add(text(d, i));
                    }
                }
                default ->
                {
                }
            }
        }
        if (declaredTypes != entryTypes.length() || declaredSymbols != symbols.size())
        {
            s.protocol.reject(seq, declaredTypes != entryTypes.length() ? 267 : 146, V,
                SessionRejectReason.INCORRECT_NUMINGROUP_COUNT_FOR_REPEATING_GROUP, BAD_COUNT);
            return;
        }
        final String reqId = d.string(262);
        if (badIdentifier(s, seq, 262, reqId))
        {
            return;
        }
        if (symbols.size() <= requests.maxSymbolsPerRequest())
        {
            for (final String symbol : symbols)
            {
                if (badIdentifier(s, seq, 55, symbol))
                {
                    return;
                }
            }
        }
        final int depth = intValue(s, d, seq, 264);
        final int updateType = d.has(265) ? intValue(s, d, seq, 265) : MarketDataRequests.NO_UPDATE_TYPE;
        if (depth == Integer.MIN_VALUE || updateType == Integer.MIN_VALUE)
        {
            return;
        }
        requests.handle(s.id, new MarketDataRequests.Fields(reqId, d.charValue(263), depth, updateType,
            entryTypes.toString(), symbols));
    }

    /** The session's connection ended: its subscriptions end (as a logout does with the QuickFIX/J engine). */
    private static String text(final FixDecoder d, final int i)
    {
        return new String(d.buffer(), d.valueStart(i), d.valueEnd(i) - d.valueStart(i),
            java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static boolean badIdentifier(final NativeSession s, final int seq, final int tag, final String value)
    {
        final String problem = FixIds.problem(value);
        if (problem == null)
        {
            return false;
        }
        s.protocol.reject(seq, tag, V, FixIds.rejectReason(value), FixIds.rejectText(tag, problem));
        return true;
    }

    /** The INT field {@code tag} (the dictionary checked its format); Integer.MIN_VALUE, rejected, when too big. */
    private static int intValue(final NativeSession s, final FixDecoder d, final int seq, final int tag)
    {
        try
        {
            return Integer.parseInt(d.string(tag));
        }
        catch (final NumberFormatException ex)
        {
            s.protocol.reject(seq, tag, V, SessionRejectReason.INCORRECT_DATA_FORMAT_FOR_VALUE,
                "Incorrect data format for value");
            return Integer.MIN_VALUE;
        }
    }
}
