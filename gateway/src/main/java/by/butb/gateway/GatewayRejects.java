package by.butb.gateway;

import by.butb.engine.core.ResultCode;
import quickfix.field.AvgPx;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.ExecID;
import quickfix.field.ExecType;
import quickfix.field.LeavesQty;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TransactTime;
import quickfix.fix44.ExecutionReport;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The ExecutionReport (Rejected) with which the gateway itself answers a NewOrderSingle it does not submit (a
 * ClOrdID already used by a live order), for either FIX engine. Thread-safe.
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
        final ExecutionReport er = new ExecutionReport();
        er.setString(OrderID.FIELD, "NONE");
        er.setString(ClOrdID.FIELD, r.clOrdId);
        er.setString(ExecID.FIELD, "R" + REJECT_IDS.incrementAndGet() + "-" + r.userRef);
        er.setChar(ExecType.FIELD, ExecType.REJECTED);
        er.setChar(OrdStatus.FIELD, OrdStatus.REJECTED);
        er.setInt(OrdRejReason.FIELD, FixCodes.ordRejReason(code));
        er.setString(Text.FIELD, text);
        er.setString(Symbol.FIELD, r.symbol);
        er.setChar(quickfix.field.Side.FIELD, r.fixSide);
        er.setString(OrderQty.FIELD, qtyText == null ? "0" : qtyText);
        er.setString(LeavesQty.FIELD, "0");
        er.setString(CumQty.FIELD, "0");
        er.setString(AvgPx.FIELD, "0");
        er.setField(new TransactTime(EngineBridge.time(r.timeNanos)));
        return er;
    }
}
