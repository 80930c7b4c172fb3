package by.butb.gateway;

import by.butb.engine.core.MatchingEngine;
import by.butb.engine.core.ResultCode;
import by.butb.engine.model.FixedPoint;
import by.butb.engine.model.Instrument;
import quickfix.field.BusinessRejectReason;
import quickfix.field.ExpireTime;

/**
 * The BUTB mechanism fields of a NewOrderSingle (address deals and lot auctions: ContraClOrdID(9001),
 * ContraOrderID(9002), LotAction(9010), BidStep(9011), ExpireTime(126) and the contra firm party) into a
 * {@link Request}, for either FIX engine ({@link OrderMessage}); any thread. {@link Unsupported} names a field that
 * does not belong.
 */
final class MechanismTerms
{
    private final ClOrdIdTable clOrdIds;

    MechanismTerms(final ClOrdIdTable clOrdIds)
    {
        this.clOrdIds = clOrdIds;
    }

    /**
     * Tags 9001, 9002 and 9011 only where they mean something: BidStep on a lot offer, ContraOrderID on a lot bid,
     * ContraClOrdID on an address take or a lot bid.
     */
    static void check(final OrderMessage m, final String clOrdId, final char lotAction) throws Unsupported
    {
        if (lotAction == ButbTags.LOT_OFFER)
        {
            rejectIfSet(m, ButbTags.CONTRA_CL_ORD_ID, "ContraClOrdID(9001) does not belong on a lot offer", clOrdId);
            rejectIfSet(m, ButbTags.CONTRA_ORDER_ID, "ContraOrderID(9002) does not belong on a lot offer", clOrdId);
            if (!m.has(ButbTags.BID_STEP))
            {
                throw new Unsupported(BusinessRejectReason.CONDITIONALLY_REQUIRED_FIELD_MISSING,
                    "BidStep(9011) is required on a lot offer (LotAction(9010)=O)", clOrdId);
            }
            if (!m.has(ExpireTime.FIELD))
            {
                throw new Unsupported(BusinessRejectReason.CONDITIONALLY_REQUIRED_FIELD_MISSING,
                    "ExpireTime(126) is required on a lot offer (LotAction(9010)=O): when the auction closes", clOrdId);
            }
            return;
        }
        rejectIfSet(m, ButbTags.BID_STEP, "BidStep(9011) belongs only on a lot offer (LotAction(9010)=O)", clOrdId);
        if (lotAction != ButbTags.LOT_BID)
        {
            rejectIfSet(m, ButbTags.CONTRA_ORDER_ID,
                "ContraOrderID(9002) belongs only on a lot bid (LotAction(9010)=B)", clOrdId);
        }
    }

    private static void rejectIfSet(final OrderMessage m, final int tag, final String text, final String clOrdId)
        throws Unsupported
    {
        if (m.has(tag))
        {
            throw new Unsupported(text, clOrdId);
        }
    }

    /** The terms of {@code lotAction} (0, {@link ButbTags#LOT_OFFER} or {@link ButbTags#LOT_BID}) into {@code r}. */
    void apply(final OrderMessage m, final char lotAction, final Request r, final Instrument instrument,
        final Parties parties) throws Unsupported
    {
        switch (lotAction)
        {
            case ButbTags.LOT_OFFER -> lotOffer(m, r, instrument, parties);
            case ButbTags.LOT_BID -> lotBid(m, r, instrument, parties);
            default -> addressTerms(m, r, parties);
        }
    }

    /** A plain order, or an address order (contra firm), or the take of one (contra firm and ContraClOrdID). */
    private void addressTerms(final OrderMessage m, final Request r, final Parties parties)
        throws Unsupported
    {
        final String contraClOrdId = m.string(ButbTags.CONTRA_CL_ORD_ID);
        if (parties.contraFirm() == null)
        {
            if (contraClOrdId != null)
            {
                throw new Unsupported(BusinessRejectReason.CONDITIONALLY_REQUIRED_FIELD_MISSING,
                    "ContraClOrdID(9001) needs a Parties entry with PartyRole(452)=17 naming the counterparty",
                    r.clOrdId);
            }
            return;
        }
        r.command.counterparty = parties.counterparty();
        if (contraClOrdId != null)
        {
            r.command.counterpartyOrderId = counterpartyOrderId(parties.counterparty(), contraClOrdId);
        }
    }

    /**
     * The engine id of the counterparty's live order with this ClOrdID, or an id the engine knows no order by
     * (so that it answers with its own reject for an unknown counterparty order).
     */
    private long counterpartyOrderId(final int counterparty, final String contraClOrdId)
    {
        final long id = counterparty >= 0 ? clOrdIds.lookup(counterparty, contraClOrdId) : 0;
        return id == 0 ? MatchingEngine.MAX_CLIENT_ORDER_ID : id;
    }

    private static void lotOffer(final OrderMessage m, final Request r, final Instrument instrument,
        final Parties parties) throws Unsupported
    {
        if (parties.contraFirm() != null)
        {
            throw new Unsupported("a lot offer is open to every participant: it takes no PartyRole(452)=17 party",
                r.clOrdId);
        }
        r.command.closeTimeNanos = m.timestampNanos(ExpireTime.FIELD);
        if (instrument != null)
        {
            try
            {
                r.command.bidStep = FixedPoint.parse(m.string(ButbTags.BID_STEP), instrument.priceScale());
            }
            catch (final NumberFormatException ex)
            {
                if (!r.isInvalid())
                {
                    r.invalid(ResultCode.INVALID_LOT);
                }
            }
        }
    }

    /**
     * A bid names its lot by ContraOrderID(9002), or by the owner (contra firm party) and ContraClOrdID(9001). Its
     * Symbol and Side, and its OrderQty when sent, go to the engine, which checks them against the lot (a bid buys
     * a seller's lot, sells into a buyer's, for the whole lot: LOT_TERMS_MISMATCH otherwise).
     */
    private void lotBid(final OrderMessage m, final Request r, final Instrument instrument, final Parties parties)
        throws Unsupported
    {
        if (instrument == null)
        {
            throw new Unsupported("Symbol(55)=" + r.symbol + " is not an instrument of the exchange", r.clOrdId);
        }
        if (m.has(ButbTags.CONTRA_ORDER_ID))
        {
            r.command.exchangeOrderId = OrderFields.parseOrderId(m.string(ButbTags.CONTRA_ORDER_ID));
        }
        else if (parties.contraFirm() != null && m.has(ButbTags.CONTRA_CL_ORD_ID))
        {
            r.command.counterparty = parties.counterparty();
            r.command.counterpartyOrderId = counterpartyOrderId(parties.counterparty(),
                m.string(ButbTags.CONTRA_CL_ORD_ID));
        }
        else
        {
            throw new Unsupported(BusinessRejectReason.CONDITIONALLY_REQUIRED_FIELD_MISSING,
                "a lot bid names its lot by ContraOrderID(9002), or by a Parties entry with PartyRole(452)=17 " +
                "and ContraClOrdID(9001)", r.clOrdId);
        }
    }
}
