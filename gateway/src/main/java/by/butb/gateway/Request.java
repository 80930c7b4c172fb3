package by.butb.gateway;

import by.butb.engine.core.Command;
import by.butb.engine.core.CommandType;
import by.butb.engine.core.ResultCode;
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

    /** The engine command, submitted as it is ({@link Command#clear} defaults until filled). */
    final Command command = new Command();

    /** Owner whose ClOrdID namespace got a fresh id for this request ({@link Command#NONE} when none). */
    int allocatedOwner;
    long allocatedId;

    /** Sets what identifies the request and clears the command to its defaults; returns this. */
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
        command.clear();
        allocatedOwner = Command.NONE;
        allocatedId = 0;
        return this;
    }

    int owner()
    {
        return command.beneficialOwner();
    }

    /**
     * Refuses the request with {@code code} (the first such call counts; see {@link #isInvalid}): a new order or a
     * cancel becomes an INVALID command, which the engine rejects with the code; a replace stays a REPLACE carrying
     * it, which the engine refuses with it once it has found the order, so that the reject tells the order's state.
     */
    void invalid(final ResultCode code)
    {
        if (kind != Kind.REPLACE)
        {
            command.type = CommandType.INVALID;
        }
        command.rejectCode = code;
    }

    /** Whether {@link #invalid} was called. */
    boolean isInvalid()
    {
        return command.rejectCode != ResultCode.OK;
    }

    private void fill(final Command c)
    {
        c.copyFrom(command);
        c.userRef = userRef;
    }
}
