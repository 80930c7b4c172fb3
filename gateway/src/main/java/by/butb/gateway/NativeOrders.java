package by.butb.gateway;

import by.butb.engine.core.CommandType;
import by.butb.engine.core.ResultCode;
import by.butb.engine.csv.Latin1Chars;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import by.butb.gateway.fix.FixDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.field.BusinessRejectReason;
import quickfix.fix44.BusinessMessageReject;

/**
 * The native engine's order path, on the I/O thread: NewOrderSingle, OrderCancelRequest and
 * OrderCancelReplaceRequest read from the received bytes ({@link FixDecoder}) straight into a {@link Request} and
 * submitted ({@link EngineSubmitter}), with the rules the QuickFIX/J path applies ({@link OrderFields},
 * {@link FixIds}, {@link ClOrdIdTable}); reports come back through {@link EngineBridge} and {@link Outbound}. The
 * fields of the exchange's mechanisms (parties, brokers' clients, address deals, lots) are refused with a
 * BusinessMessageReject naming them: the native engine does not support them yet.
 */
final class NativeOrders
{
    private static final Logger LOG = LoggerFactory.getLogger(NativeOrders.class);
    /** Tags of the BUTB mechanisms and of acting for a client, which this engine refuses, with their names. */
    private static final int[] MECHANISM_TAGS = {453, 115, ButbTags.LOT_ACTION, ButbTags.BID_STEP,
        ButbTags.CONTRA_CL_ORD_ID, ButbTags.CONTRA_ORDER_ID};
    private static final String[] MECHANISM_NAMES = {"NoPartyIDs(453)", "OnBehalfOfCompID(115)", "LotAction(9010)",
        "BidStep(9011)", "ContraClOrdID(9001)", "ContraOrderID(9002)"};

    private final Catalog catalog;
    private final EngineSubmitter engine;
    private final ClOrdIdTable clOrdIds;
    private final Outbound outbound;
    /** I/O thread only. */
    private final NativeDictionary dictionary = new NativeDictionary();
    /** I/O thread only: views of OrderQty(38) and Price(44) of the order being read. */
    private final Latin1Chars quantityView = new Latin1Chars();
    private final Latin1Chars priceView = new Latin1Chars();
    /** The catalog's symbols by instrument index, as bytes. */
    private final byte[][] symbols;

    NativeOrders(final Catalog catalog, final EngineSubmitter engine, final ClOrdIdTable clOrdIds,
        final Outbound outbound)
    {
        this.catalog = catalog;
        this.engine = engine;
        this.clOrdIds = clOrdIds;
        this.outbound = outbound;
        this.symbols = new byte[catalog.instruments().size()][];
        for (int k = 0; k < symbols.length; k++)
        {
            symbols[k] = catalog.instrument(k).symbol().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    /** An order message (D, F or G) with sequence number {@code seq} received on {@code s}. */
    void onOrder(final NativeSession s, final FixDecoder d, final int seq, final String msgType)
    {
        final boolean newOrder = "D".equals(msgType);
        if (!sessionLevelValid(s, d, seq, msgType))
        {
            return;
        }
        final String clOrdId = d.string(11);
        try
        {
            for (int i = 0; i < MECHANISM_TAGS.length; i++)
            {
                if (d.has(MECHANISM_TAGS[i]))
                {
                    throw new Unsupported(MECHANISM_NAMES[i] + " is not supported by the native FIX engine yet: " +
                        "use the default engine for parties, clients, address deals and lots", clOrdId);
                }
            }
            if (newOrder)
            {
                newOrder(s, d, clOrdId);
            }
            else
            {
                cancel(s, d, clOrdId, "G".equals(msgType));
            }
        }
        catch (final Unsupported ex)
        {
            businessReject(s, seq, msgType, ex.refId, ex.reason, ex.getMessage());
        }
        catch (final IllegalStateException ex)
        {
            LOG.error("engine unavailable", ex);
            businessReject(s, seq, msgType, clOrdId, BusinessRejectReason.APPLICATION_NOT_AVAILABLE,
                "the exchange cannot process orders now");
        }
    }

    /**
     * What the QuickFIX/J engine's dictionary and {@link FixIds} check before the application (tags, formats,
     * enumerated values, required fields; identifiers); a breach is answered with a session Reject.
     */
    private boolean sessionLevelValid(final NativeSession s, final FixDecoder d, final int seq, final String msgType)
    {
        if (!dictionaryValid(s, d, seq, msgType))
        {
            return false;
        }
        for (final int tag : FixIds.IDENTIFIER_TAGS)
        {
            final int i = d.indexOf(tag);
            if (i >= 0 && !isIdentifier(d, i))
            {
                final String value = d.string(tag);
                s.protocol.reject(seq, tag, msgType, FixIds.rejectReason(value),
                    FixIds.rejectText(tag, FixIds.problem(value)));
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the message ({@link NativeDictionary}'s types) passes the dictionary's checks; else it is answered with
     * the session Reject the QuickFIX/J engine sends. I/O thread.
     */
    boolean dictionaryValid(final NativeSession s, final FixDecoder d, final int seq, final String msgType)
    {
        if (!dictionary.check(d, msgType))
        {
            s.protocol.reject(seq, dictionary.tag, msgType, dictionary.reason, dictionary.text);
            return false;
        }
        return true;
    }

    /** Whether the index-th field follows {@link FixIds}' rule for identifiers (without making a String). */
    private static boolean isIdentifier(final FixDecoder d, final int index)
    {
        final int start = d.valueStart(index);
        final int end = d.valueEnd(index);
        if (end - start > FixIds.MAX_LENGTH)
        {
            return false;
        }
        final byte[] b = d.buffer();
        for (int p = start; p < end; p++)
        {
            if (b[p] < ' ' || b[p] > '~')
            {
                return false;
            }
        }
        return true;
    }

    /** Symbol(55): the catalog's own String when it names a listed instrument, else a new one; null when absent. */
    private String symbol(final FixDecoder d)
    {
        final int i = d.indexOf(55);
        if (i < 0)
        {
            return null;
        }
        final int start = d.valueStart(i);
        final int length = d.valueEnd(i) - start;
        for (int k = 0; k < symbols.length; k++)
        {
            if (symbols[k].length == length &&
                java.util.Arrays.equals(symbols[k], 0, length, d.buffer(), start, start + length))
            {
                return catalog.instrument(k).symbol();
            }
        }
        return d.string(55);
    }

    private void newOrder(final NativeSession s, final FixDecoder d, final String clOrdId) throws Unsupported
    {
        OrderFields.checkUnsupportedTags(d::has, clOrdId, 0);
        final String symbol = symbol(d);
        if (symbol == null)
        {
            throw new Unsupported(BusinessRejectReason.CONDITIONALLY_REQUIRED_FIELD_MISSING, "Symbol(55) is required",
                clOrdId);
        }
        final char fixSide = d.charValue(54);
        final Side side = OrderFields.side(fixSide, clOrdId);
        final OrderType orderType = OrderFields.orderType(d.charValue(40), clOrdId);
        final TimeInForce tif = d.has(59) ? OrderFields.timeInForce(d.charValue(59), clOrdId) : TimeInForce.DAY;
        final CharSequence qtyText = text(quantityView, d, 38, "OrderQty", clOrdId);
        final CharSequence priceText = d.has(44) ? priceText(d) : null;
        if (orderType == OrderType.LIMIT && priceText == null)
        {
            throw OrderFields.missingLimitPrice(clOrdId, false);
        }
        final Request r = new Request(Request.Kind.NEW, s.id, engine.nextUserRef(), clOrdId, null, symbol, null,
            fixSide);
        r.type = CommandType.NEW_ORDER;
        r.timeNanos = engine.commandTime(d.timestampNanos(60));
        r.submitter = s.participant.index();
        r.side = side;
        r.orderType = orderType;
        r.timeInForce = tif;
        final Instrument instrument = catalog.instrument(symbol);
        if (instrument != null)
        {
            r.instrument = instrument.index();
            r.quantity = OrderFields.quantity(qtyText, instrument, r);
            if (orderType == OrderType.LIMIT)
            {
                r.price = OrderFields.price(priceText, instrument, r);
            }
        }
        final long id = clOrdIds.allocate(r.submitter, clOrdId);
        if (id == 0)
        {
            outbound.send(s.id, GatewayRejects.duplicateClOrdId(r, clOrdId, qtyText.toString()));
            return;
        }
        r.clientOrderId = id;
        r.allocatedOwner = r.submitter;
        r.allocatedId = id;
        engine.submit(r);
    }

    /** Cancel (F) or cancel/replace (G). */
    private void cancel(final NativeSession s, final FixDecoder d, final String clOrdId, final boolean replace)
        throws Unsupported
    {
        final String origClOrdId = d.string(41);
        final String symbol = d.has(55) ? symbol(d) : "";
        final String orderIdText = d.string(37);
        final Request r = new Request(replace ? Request.Kind.REPLACE : Request.Kind.CANCEL, s.id,
            engine.nextUserRef(), clOrdId, origClOrdId, symbol, orderIdText, d.charValue(54));
        r.type = replace ? CommandType.REPLACE : CommandType.CANCEL;
        r.timeNanos = engine.commandTime(d.timestampNanos(60));
        r.submitter = s.participant.index();
        r.exchangeOrderId = OrderFields.parseOrderId(orderIdText);
        if (replace)
        {
            replaceTerms(d, clOrdId, symbol, r);
        }
        r.clientOrderId = clOrdIds.lookup(r.owner(), origClOrdId);
        if (r.clientOrderId == 0 && r.exchangeOrderId == 0)
        {
            // Unknown to this owner: answered here, exactly as the engine answers an unknown order.
            outbound.send(s.id, EngineBridge.cancelReject(r, null, ResultCode.UNKNOWN_ORDER, r.timeNanos));
            return;
        }
        if (replace && !clOrdId.equals(origClOrdId) && r.type != CommandType.INVALID)
        {
            final long id = clOrdIds.allocate(r.owner(), clOrdId);
            if (id == 0)
            {
                outbound.send(s.id, EngineBridge.cancelReject(r, null, ResultCode.DUPLICATE_ORDER_ID, r.timeNanos));
                return;
            }
            r.newClientOrderId = id;
            r.allocatedOwner = r.owner();
            r.allocatedId = id;
        }
        engine.submit(r);
    }

    private void replaceTerms(final FixDecoder d, final String clOrdId, final String symbol, final Request r)
        throws Unsupported
    {
        OrderFields.checkUnsupportedTags(d::has, clOrdId, 0);
        OrderFields.checkReplaceable(d.charValue(40),
            d.has(59) ? OrderFields.timeInForce(d.charValue(59), clOrdId) : TimeInForce.DAY, clOrdId);
        final CharSequence priceText = text(priceView, d, 44, "Price", clOrdId);
        final CharSequence qtyText = text(quantityView, d, 38, "OrderQty", clOrdId);
        OrderFields.replaceTerms(r, catalog.instrument(symbol), priceText, qtyText);
    }

    /** The value of a field this engine requires, in {@code view}; a BusinessMessageReject when absent. */
    private static CharSequence text(final Latin1Chars view, final FixDecoder d, final int tag, final String name,
        final String clOrdId) throws Unsupported
    {
        final int i = d.indexOf(tag);
        if (i < 0)
        {
            throw new Unsupported(BusinessRejectReason.CONDITIONALLY_REQUIRED_FIELD_MISSING,
                name + "(" + tag + ") is required", clOrdId);
        }
        return view.of(d.buffer(), d.valueStart(i), d.valueEnd(i));
    }

    private CharSequence priceText(final FixDecoder d)
    {
        final int i = d.indexOf(44);
        return priceView.of(d.buffer(), d.valueStart(i), d.valueEnd(i));
    }

    /** A BusinessMessageReject on {@code s}, on the calling thread (the caller flushes). */
    void businessReject(final NativeSession s, final int refSeq, final String refMsgType, final String refId,
        final int reason, final String text)
    {
        final BusinessMessageReject reject = new BusinessMessageReject();
        reject.setInt(quickfix.field.RefSeqNum.FIELD, refSeq);
        reject.setString(quickfix.field.RefMsgType.FIELD, refMsgType);
        if (refId != null)
        {
            reject.setString(quickfix.field.BusinessRejectRefID.FIELD, refId);
        }
        reject.setInt(BusinessRejectReason.FIELD, reason);
        reject.setString(quickfix.field.Text.FIELD, text);
        s.send(reject);
    }
}
