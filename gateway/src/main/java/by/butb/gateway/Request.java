package by.butb.gateway;

import by.butb.engine.core.Command;
import by.butb.engine.core.CommandType;
import by.butb.engine.core.ResultCode;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import by.butb.engine.pipeline.CommandTranslator;
import quickfix.SessionID;

/**
 * One FIX order message on its way through the engine: the command to submit, and what the answer needs
 * (who asked, the ClOrdID strings). Created on a session thread, read on the gateway's sending thread (through a
 * concurrent map keyed by {@link #userRef}), never changed after submission.
 */
final class Request
{
    static final CommandTranslator<Request> TRANSLATOR = (command, request) -> request.fill(command);

    enum Kind
    {
        NEW, CANCEL, REPLACE
    }

    final Kind kind;
    final SessionID session;
    final long userRef;
    final String clOrdId;
    final String origClOrdId;
    final String symbol;
    /** Text of OrderID(37) as received (cancel/replace), or null. */
    final String orderIdText;
    final char fixSide;

    // the engine command
    CommandType type;
    long timeNanos;
    int submitter;
    int onBehalfOf = Command.NONE;
    long clientOrderId;
    long newClientOrderId;
    long exchangeOrderId;
    int instrument = Command.UNKNOWN;
    Side side = Side.BUY;
    OrderType orderType = OrderType.LIMIT;
    TimeInForce timeInForce = TimeInForce.DAY;
    long price;
    long quantity;
    ResultCode rejectCode = ResultCode.OK;
    /** Address deals and lot bids named by owner: participant index, {@link Command#NONE} when not set. */
    int counterparty = Command.NONE;
    long counterpartyOrderId;
    /** Lot offers: scaled like a price; epoch nanoseconds UTC. */
    long bidStep;
    long closeTimeNanos;

    /** Owner whose ClOrdID namespace got a fresh id for this request ({@link Command#NONE} when none). */
    int allocatedOwner = Command.NONE;
    long allocatedId;

    Request(final Kind kind, final SessionID session, final long userRef, final String clOrdId,
        final String origClOrdId, final String symbol, final String orderIdText, final char fixSide)
    {
        this.kind = kind;
        this.session = session;
        this.userRef = userRef;
        this.clOrdId = clOrdId;
        this.origClOrdId = origClOrdId;
        this.symbol = symbol;
        this.orderIdText = orderIdText;
        this.fixSide = fixSide;
    }

    int owner()
    {
        return onBehalfOf == Command.NONE ? submitter : onBehalfOf;
    }

    void invalid(final ResultCode code)
    {
        type = CommandType.INVALID;
        rejectCode = code;
    }

    private void fill(final Command c)
    {
        c.type = type;
        c.timeNanos = timeNanos;
        c.submitter = submitter;
        c.onBehalfOf = onBehalfOf;
        c.clientOrderId = clientOrderId;
        c.newClientOrderId = newClientOrderId;
        c.exchangeOrderId = exchangeOrderId;
        c.instrument = instrument;
        c.side = side;
        c.orderType = orderType;
        c.timeInForce = timeInForce;
        c.price = price;
        c.quantity = quantity;
        c.rejectCode = rejectCode;
        c.userRef = userRef;
        c.counterparty = counterparty;
        c.counterpartyOrderId = counterpartyOrderId;
        c.bidStep = bidStep;
        c.closeTimeNanos = closeTimeNanos;
    }
}
