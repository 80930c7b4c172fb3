package by.butb.gateway;

import by.butb.engine.core.ResultCode;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.OrderType;
import quickfix.field.AvgPx;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.CxlRejReason;
import quickfix.field.CxlRejResponseTo;
import quickfix.field.ExecID;
import quickfix.field.ExecType;
import quickfix.field.LeavesQty;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Price;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TransactTime;
import quickfix.fix44.ExecutionReport;
import quickfix.fix44.OrderCancelReject;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The rejects of order messages, for either FIX engine: the ExecutionReport (Rejected) of a NewOrderSingle the
 * gateway does not submit (a ClOrdID already used by a live order) or the engine refused, and the OrderCancelReject
 * of a cancel or replace. Thread-safe.
 */
final class GatewayRejects
{
    private static final AtomicLong REJECT_IDS = new AtomicLong();

    private GatewayRejects()
    {
    }

    /** The rejection of a new order whose ClOrdID {@code clOrdId} names a live order of the same owner. */
    static ExecutionReport duplicateClOrdId(final Request r, final String clOrdId, final String qtyText)
    {
        return newOrderReject(r, ResultCode.DUPLICATE_ORDER_ID,
            "501 ClOrdID " + clOrdId + " is already used by a live order", qtyText);
    }

    /** {@code qtyText}: OrderQty as received, or null when the message had none. */
    static ExecutionReport newOrderReject(final Request r, final ResultCode code, final String text,
        final String qtyText)
    {
        final ExecutionReport er = rejected(r, code, text, "R" + REJECT_IDS.incrementAndGet() + "-" + r.userRef);
        er.setString(OrderQty.FIELD, qtyText == null ? "0" : qtyText);
        er.setString(LeavesQty.FIELD, "0");
        er.setString(CumQty.FIELD, "0");
        er.setField(new TransactTime(EngineBridge.time(r.command.timeNanos)));
        return er;
    }

    /**
     * The rejection of a new order the engine refused with {@code code}: its terms as the engine read them when the
     * order named a listed {@code instrument} (else null) and was not invalid; {@code transactTime} as written.
     */
    static ExecutionReport engineReject(final Request r, final Instrument instrument, final ResultCode code,
        final String execId, final String transactTime)
    {
        final ExecutionReport er = rejected(r, code, FixCodes.text(code), execId);
        final int qtyScale = instrument == null ? 0 : instrument.quantityScale();
        if (instrument != null && !r.isInvalid())
        {
            er.setChar(OrdType.FIELD, r.command.orderType == OrderType.MARKET ? OrdType.MARKET : OrdType.LIMIT);
            if (r.command.orderType == OrderType.LIMIT)
            {
                er.setString(Price.FIELD, Decimals.format(r.command.price, instrument.priceScale()));
            }
            er.setString(OrderQty.FIELD, Decimals.format(r.command.quantity, qtyScale));
        }
        er.setString(LeavesQty.FIELD, Decimals.format(0, qtyScale));
        er.setString(CumQty.FIELD, Decimals.format(0, qtyScale));
        er.setString(TransactTime.FIELD, transactTime);
        return er;
    }

    /** What every rejection of a new order says, before its quantities and time. */
    private static ExecutionReport rejected(final Request r, final ResultCode code, final String text,
        final String execId)
    {
        final ExecutionReport er = new ExecutionReport();
        er.setString(OrderID.FIELD, "NONE");
        er.setString(ClOrdID.FIELD, r.clOrdId);
        er.setString(ExecID.FIELD, execId);
        er.setChar(ExecType.FIELD, ExecType.REJECTED);
        er.setChar(OrdStatus.FIELD, OrdStatus.REJECTED);
        er.setInt(OrdRejReason.FIELD, FixCodes.ordRejReason(code));
        er.setString(Text.FIELD, text);
        er.setString(Symbol.FIELD, r.symbol);
        er.setChar(quickfix.field.Side.FIELD, r.fixSide);
        er.setString(AvgPx.FIELD, "0");
        return er;
    }

    /** An OrderCancelReject; {@code o} is the order when it exists and belongs to the requester, else null. */
    static OrderCancelReject cancelReject(final Request r, final LiveOrder o, final ResultCode code,
        final long timeNanos)
    {
        final OrderCancelReject reject = new OrderCancelReject();
        reject.setString(OrderID.FIELD, o != null ? Long.toString(o.orderId) :
            r.orderIdText != null ? r.orderIdText : "NONE");
        reject.setString(ClOrdID.FIELD, r.clOrdId);
        reject.setString(OrigClOrdID.FIELD, r.origClOrdId);
        reject.setChar(OrdStatus.FIELD, o == null ? OrdStatus.REJECTED :
            o.cumQty == 0 ? OrdStatus.NEW : OrdStatus.PARTIALLY_FILLED);
        reject.setChar(CxlRejResponseTo.FIELD, r.kind == Request.Kind.CANCEL ?
            CxlRejResponseTo.ORDER_CANCEL_REQUEST : CxlRejResponseTo.ORDER_CANCEL_REPLACE_REQUEST);
        reject.setInt(CxlRejReason.FIELD, FixCodes.cxlRejReason(code));
        reject.setString(Text.FIELD, FixCodes.text(code));
        reject.setField(new TransactTime(EngineBridge.time(timeNanos)));
        return reject;
    }
}
