package by.butb.bench.gateway;

import by.butb.gateway.GatewayServer;
import quickfix.ApplicationAdapter;
import quickfix.CompositeLogFactory;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.LogFactory;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionNotFound;
import quickfix.SessionSettings;
import quickfix.ThreadedSocketAcceptor;
import quickfix.field.AvgPx;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.ExecID;
import quickfix.field.ExecType;
import quickfix.field.LeavesQty;
import quickfix.field.MsgType;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.Price;
import quickfix.field.Symbol;
import quickfix.field.TimeInForce;
import quickfix.field.TransactTime;
import quickfix.fix44.ExecutionReport;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The QuickFIX/J floor for {@link GatewayRoundTrip}: a plain QuickFIX/J acceptor (its own session layer, message
 * store, codecs and the gateway's data dictionary with the same validation settings) whose application answers
 * every NewOrderSingle at once, on the session's thread, with an ExecutionReport (New) of the same fields the
 * gateway's acknowledgement carries. No engine, no journal, no thread hand-off: what it shows over the echo floor
 * is what QuickFIX/J itself costs per order, and what the gateway shows over it is the gateway's own work.
 * Any logon is accepted; one session per client CompID it was made for, each on its own thread. For benchmarks only.
 */
final class QfjEchoServer implements AutoCloseable
{
    static final String COMP_ID = "QFJ";

    private final ThreadedSocketAcceptor acceptor;
    private final int port;

    QfjEchoServer(final List<String> clients) throws IOException, ConfigError
    {
        try (ServerSocket probe = new ServerSocket(0))
        {
            port = probe.getLocalPort();
        }
        final SessionSettings s = new SessionSettings();
        s.setString("ConnectionType", "acceptor");
        s.setString("SocketAcceptAddress", "127.0.0.1");
        s.setLong("SocketAcceptPort", port);
        s.setString("StartTime", "00:00:00");
        s.setString("EndTime", "00:00:00");
        s.setString("NonStopSession", "Y");
        s.setString("UseDataDictionary", "Y");
        s.setString("DataDictionary", GatewayServer.DATA_DICTIONARY);
        s.setString("ValidateUserDefinedFields", "Y");
        s.setString("PersistMessages", "Y");
        s.setString("SocketTcpNoDelay", "Y");
        s.setString("CheckLatency", "N");
        for (final String client : clients)
        {
            s.setString(new SessionID("FIX.4.4", COMP_ID, client), "BeginString", "FIX.4.4");
        }
        // no session log (a composite of no logs), as the gateway logs nothing per message
        acceptor = new ThreadedSocketAcceptor(new Echo(), new MemoryStoreFactory(), s,
            new CompositeLogFactory(new LogFactory[0]), new DefaultMessageFactory());
        acceptor.start();
    }

    int port()
    {
        return port;
    }

    @Override
    public void close()
    {
        acceptor.stop(true);
    }

    private static final class Echo extends ApplicationAdapter
    {
        private final AtomicLong next = new AtomicLong();

        @Override
        public void fromApp(final Message m, final SessionID sessionId) throws FieldNotFound
        {
            if (!MsgType.ORDER_SINGLE.equals(m.getHeader().getString(MsgType.FIELD)))
            {
                return;
            }
            final ExecutionReport er = new ExecutionReport();
            final String id = Long.toString(next.incrementAndGet());
            er.setString(OrderID.FIELD, id);
            er.setString(ClOrdID.FIELD, m.getString(ClOrdID.FIELD));
            er.setString(ExecID.FIELD, id);
            er.setChar(ExecType.FIELD, ExecType.NEW);
            er.setChar(OrdStatus.FIELD, OrdStatus.NEW);
            er.setString(Symbol.FIELD, m.getString(Symbol.FIELD));
            er.setChar(quickfix.field.Side.FIELD, m.getChar(quickfix.field.Side.FIELD));
            er.setChar(OrdType.FIELD, m.getChar(OrdType.FIELD));
            er.setChar(TimeInForce.FIELD, m.isSetField(TimeInForce.FIELD) ? m.getChar(TimeInForce.FIELD) :
                TimeInForce.DAY);
            if (m.isSetField(Price.FIELD))
            {
                er.setString(Price.FIELD, m.getString(Price.FIELD));
            }
            er.setString(OrderQty.FIELD, m.getString(OrderQty.FIELD));
            er.setString(LeavesQty.FIELD, m.getString(OrderQty.FIELD));
            er.setString(CumQty.FIELD, "0");
            er.setString(AvgPx.FIELD, "0");
            er.setField(new TransactTime(LocalDateTime.now()));
            try
            {
                Session.sendToTarget(er, sessionId);
            }
            catch (final SessionNotFound ex)
            {
                throw new IllegalStateException(ex);
            }
        }
    }
}
