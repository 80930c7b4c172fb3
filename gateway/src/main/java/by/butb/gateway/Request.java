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
 * (who asked, the ClOrdID strings). Taken from {@link RequestsInFlight} and filled on a session thread, read on the
 * gateway's sending thread (found there by {@link #userRef}), never changed after submission until it is given back.
 */
final class Request
{
    static final CommandTranslator<Request> TRANSLATOR = (command, request) -> request.fill(command);

    enum Kind
    {
        NEW, CANCEL, REPLACE
    }

    Kind kind;
    SessionID session;
    long userRef;
    String clOrdId;
    String origClOrdId;
    String symbol;
    /** Text of OrderID(37) as received (cancel/replace), or null. */
    String orderIdText;
    char fixSide;

    // the engine command (defaults set by reset)
    CommandType type;
    long timeNanos;
    int submitter;
    int onBehalfOf;
    long clientOrderId;
    long newClientOrderId;
    long exchangeOrderId;
    int instrument;
    Side side;
    OrderType orderType;
    TimeInForce timeInForce;
    long price;
    long quantity;
    ResultCode rejectCode;
    /** Address deals and lot bids named by owner: participant index, {@link Command#NONE} when not set. */
    int counterparty;
    long counterpartyOrderId;
    /** Lot offers: scaled like a price; epoch nanoseconds UTC. */
    long bidStep;
    long closeTimeNanos;

    /** Owner whose ClOrdID namespace got a fresh id for this request ({@link Command#NONE} when none). */
    int allocatedOwner;
    long allocatedId;

    /** Sets what identifies the request and clears the command's fields to their defaults; returns this. */
    Request reset(final Kind kind, final SessionID session, final long userRef, final String clOrdId,
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
        type = null;
        timeNanos = 0;
        submitter = 0;
        onBehalfOf = Command.NONE;
        clientOrderId = 0;
        newClientOrderId = 0;
        exchangeOrderId = 0;
        instrument = Command.UNKNOWN;
        side = Side.BUY;
        orderType = OrderType.LIMIT;
        timeInForce = TimeInForce.DAY;
        price = 0;
        quantity = 0;
        rejectCode = ResultCode.OK;
        counterparty = Command.NONE;
        counterpartyOrderId = 0;
        bidStep = 0;
        closeTimeNanos = 0;
        allocatedOwner = Command.NONE;
        allocatedId = 0;
        return this;
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
