package by.butb.sim.study;

import by.butb.engine.core.CommandType;
import by.butb.engine.core.MarketRules;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.FixedPoint;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.Participant;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;
import by.butb.engine.pipeline.EngineListener;
import by.butb.gateway.ButbTags;
import by.butb.gateway.ClusterMismatchException;
import by.butb.gateway.Credentials;
import by.butb.gateway.FixEngine;
import by.butb.gateway.GatewayOptions;
import by.butb.cluster.ClusterConfigException;
import by.butb.gateway.GatewayServer;
import by.butb.gateway.PasswordHasher;
import org.HdrHistogram.Histogram;
import quickfix.Message;
import quickfix.UtcTimestampPrecision;
import quickfix.field.ClOrdID;
import quickfix.field.ExecType;
import quickfix.field.ExpireTime;
import quickfix.field.MsgType;
import quickfix.field.OnBehalfOfCompID;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.PartyID;
import quickfix.field.PartyIDSource;
import quickfix.field.PartyRole;
import quickfix.field.Price;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TransactTime;
import quickfix.fix44.NewOrderSingle;
import quickfix.fix44.OrderCancelReplaceRequest;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The study through the FIX gateway, end to end: a {@link GatewayServer} on a free loopback port in client time
 * mode (the engine's time is each message's TransactTime, so the replay keeps the study's dates), one FIX session
 * per participant that submits commands (each with a fresh random password whose salted hash only this run's
 * catalog holds), and every planned command sent as a FIX message: NewOrderSingle for orders, address orders, lot
 * offers and lot bids (the exchange's user-defined tags, docs/gateway.md), OrderCancelReplaceRequest for
 * replaces. The study's CLOCK commands are the exchange's own timer ({@link GatewayServer#advanceClock}).
 *
 * <p>One command at a time: each is sent after the exchange answered the previous one, so the engine sees the
 * commands in the study's order and the run writes the same trades.csv and events.csv as in process
 * ({@link StepAttribution} maps the gateway's numbering back). The latency histogram records every FIX round trip:
 * from sending a message to receiving its first answer.
 */
final class GatewayTransport implements StudyTransport
{
    /** A study password hash needs no real work factor: the run's catalog lives and dies with the run. */
    private static final int PASSWORD_ITERATIONS = 1_000;
    private static final long ANSWER_TIMEOUT_MILLIS = 10_000;
    private static final long LOGON_TIMEOUT_MILLIS = 30_000;

    private final Catalog catalog;
    private final StudyCommands commands;
    private final Histogram latency;
    private final StepAttribution attribution;
    private final GatewayServer server;
    private final StudyFixClients clients;
    /** The cluster the gateway is a client of, or null for an engine in this process. */
    private final StudyCluster cluster;
    /** Owner id + order id -> the ClOrdID the order has now (a replace gives it a new one). */
    private final Map<String, String> clOrdIds = new HashMap<>();
    private long replaces;
    private long sent;

    private GatewayTransport(final Catalog catalog, final StudyCommands commands, final Histogram latency,
        final StepAttribution attribution, final GatewayServer server, final StudyFixClients clients,
        final StudyCluster cluster)
    {
        this.cluster = cluster;
        this.catalog = catalog;
        this.commands = commands;
        this.latency = latency;
        this.attribution = attribution;
        this.server = server;
        this.clients = clients;
    }

    /**
     * Starts the gateway, in this process or as a client of {@code cluster} (null: in process), on {@code fixEngine}
     * (null: the gateway's default), and logs every submitting participant on. Throws {@link StudyCluster.Refused}
     * when the cluster cannot run the study; {@code out} is where the study writes its catalogs, which the refusal
     * names.
     */
    static GatewayTransport start(final Catalog catalog, final MarketRules rules, final StudyCommands commands,
        final List<EngineListener> listeners, final Histogram latency, final StudyCluster cluster,
        final FixEngine fixEngine, final Path out) throws Exception
    {
        final Map<String, String> passwords = passwords(catalog, commands);
        final StepAttribution attribution = new StepAttribution(catalog.participants().size(), listeners);
        final GatewayOptions options = new GatewayOptions()
            .catalog(catalog)
            .credentials(credentials(passwords))
            .rules(rules)
            .host("127.0.0.1")
            .port(0)
            .clientTime(true)
            .checkLatency(false)
            .expectedOrders(4096)
            // Every session of the study connects at once from this machine: room for all of them to wait for
            // their logon, instead of the limits a public gateway sets per source address.
            .maxUnauthenticatedConnections(catalog.participants().size() + 16, catalog.participants().size() + 16)
            .listener(attribution);
        if (cluster != null)
        {
            options.cluster(cluster.members(), cluster.host()).clusterSecret(cluster.secret());
        }
        if (fixEngine != null)
        {
            options.fixEngine(fixEngine);
        }
        final GatewayServer server = startServer(options, cluster, out);
        StudyFixClients clients = null;
        try
        {
            if (cluster != null && server.engine().lastSequence() != -1)
            {
                throw new StudyCluster.Refused("the cluster at " + cluster.members() + " has applied " +
                    (server.engine().lastSequence() + 1) + " commands already: the study needs a new cluster (its " +
                    "nodes started on empty data directories)", null);
            }
            clients = new StudyFixClients("127.0.0.1", server.port(), server.compId(), passwords);
            clients.logOnAll(LOGON_TIMEOUT_MILLIS);
            return new GatewayTransport(catalog, commands, latency, attribution, server, clients, cluster);
        }
        catch (final Exception | Error ex)
        {
            if (clients != null)
            {
                clients.close();
            }
            server.close();
            throw ex;
        }
    }

    private static GatewayServer startServer(final GatewayOptions options, final StudyCluster cluster, final Path out)
    {
        if (cluster == null)
        {
            return GatewayServer.start(options);
        }
        try
        {
            return GatewayServer.start(options);
        }
        catch (final ClusterMismatchException ex)
        {
            if (ex.kind() == ClusterMismatchException.Kind.CATALOG)
            {
                throw new StudyCluster.Refused("the cluster at " + cluster.members() + " runs another catalog than " +
                    "the study's (start its nodes with " + out.resolve("instruments.csv") + " and " +
                    out.resolve("participants.csv") + ")", ex);
            }
            throw new StudyCluster.Refused("the cluster at " + cluster.members() + " runs other rules than the " +
                "study's (" + ex.getMessage() + ")", ex);
        }
        catch (final IllegalStateException | ClusterConfigException ex)
        {
            throw new StudyCluster.Refused("cannot run the study on the cluster at " + cluster.members() + ": " +
                ex.getMessage(), ex);
        }
    }

    @Override
    public void submit(final int i) throws Exception
    {
        final StudyCommands.Planned p = commands.get(i);
        if (p.kind() == StudyCommands.Kind.CLOCK)
        {
            attribution.expect(new StepAttribution.Expected(i, CommandType.CLOCK, -1, p.timeNanos(), -1, 0));
            server.advanceClock(p.timeNanos());
            checkAttribution();
            return;
        }
        final Participant submitter = catalog.participant(p.submitter());
        final String owner = p.owner() != null ? p.owner() : p.submitter();
        final long studyId = commands.clientOrderId(i);
        final String key = owner + '\u0000' + p.orderId();
        final String clOrdId;
        final Message message;
        final CommandType type;
        if (p.kind() == StudyCommands.Kind.REPLACE)
        {
            final String current = clOrdIds.getOrDefault(key, p.orderId());
            clOrdId = p.orderId() + "~" + (++replaces);
            message = replace(p, current, clOrdId);
            type = CommandType.REPLACE;
        }
        else
        {
            clOrdId = p.orderId();
            message = newOrder(p, clOrdId);
            type = switch (p.kind())
            {
                case LOT_OFFER -> CommandType.LOT_OFFER;
                case LOT_BID -> CommandType.LOT_BID;
                default -> CommandType.NEW_ORDER;
            };
        }
        if (p.owner() != null)
        {
            message.getHeader().setString(OnBehalfOfCompID.FIELD, p.owner());
        }
        attribution.expect(new StepAttribution.Expected(i, type, submitter.index(), p.timeNanos(),
            catalog.participant(owner).index(), studyId));
        final long start = System.nanoTime();
        final Message answer = clients.send(p.submitter(), clOrdId, message, ANSWER_TIMEOUT_MILLIS);
        final long end = System.nanoTime();
        sent++;
        if (answer == null)
        {
            checkAttribution();
            throw new IllegalStateException("study command " + (i + 1) + " (" + p.kind() + " " + p.orderId() + " of " +
                p.submitter() + "): no answer from the gateway within " + ANSWER_TIMEOUT_MILLIS + " ms");
        }
        latency.recordValue(Math.max(0, end - start));
        final String answerType = StudyFixClients.type(answer);
        if (!MsgType.EXECUTION_REPORT.equals(answerType) && !MsgType.ORDER_CANCEL_REJECT.equals(answerType))
        {
            throw new IllegalStateException("study command " + (i + 1) + " (" + p.kind() + " " + p.orderId() + " of " +
                p.submitter() + ") was refused before the engine: " + describe(answer));
        }
        if (type == CommandType.REPLACE && MsgType.EXECUTION_REPORT.equals(answerType) &&
            answer.getChar(ExecType.FIELD) == ExecType.REPLACED)
        {
            clOrdIds.put(key, clOrdId);
        }
        checkAttribution();
    }

    @Override
    public void finish()
    {
        server.drain();
        checkAttribution();
    }

    @Override
    public long stateHash()
    {
        return server.engine().stateHash();
    }

    @Override
    public long commands()
    {
        return server.pipeline() != null ? server.pipeline().submittedCommands() : server.engine().lastSequence() + 1;
    }

    @Override
    public String latencyMeaning()
    {
        return "FIX round trip, order to first answer";
    }

    @Override
    public String describe()
    {
        return String.format("%,d FIX sessions (FIX engine %s), %,d messages sent, %,d execution reports received " +
            "(%,d fills)%s", clients.sessions().size(), server.fixEngine().optionValue(), sent,
            clients.executionReports(), clients.fills(),
            cluster == null ? "" : "; the engine on the cluster " + cluster.members());
    }

    @Override
    public void close()
    {
        try
        {
            clients.close();
        }
        finally
        {
            server.close();
        }
    }

    private void checkAttribution()
    {
        final String error = attribution.error();
        if (error != null)
        {
            throw new IllegalStateException("the gateway run diverged from the study: " + error);
        }
    }

    private Message newOrder(final StudyCommands.Planned p, final String clOrdId)
    {
        final Instrument instrument = catalog.instrument(p.instrument());
        final NewOrderSingle m = new NewOrderSingle();
        m.set(new ClOrdID(clOrdId));
        m.set(new Symbol(instrument.symbol()));
        m.set(new quickfix.field.Side(p.side() == Side.BUY ? quickfix.field.Side.BUY : quickfix.field.Side.SELL));
        m.set(new OrdType(OrdType.LIMIT));
        m.setString(Price.FIELD, FixedPoint.format(p.price(), instrument.priceScale()));
        m.setUtcTimeStamp(TransactTime.FIELD, localTime(p.timeNanos()), precision(p.timeNanos()));
        switch (p.kind())
        {
            case LOT_OFFER ->
            {
                m.setString(OrderQty.FIELD, FixedPoint.format(p.quantity(), instrument.quantityScale()));
                m.setChar(ButbTags.LOT_ACTION, ButbTags.LOT_OFFER);
                m.setString(ButbTags.BID_STEP, FixedPoint.format(p.bidStep(), instrument.priceScale()));
                m.setUtcTimeStamp(ExpireTime.FIELD, localTime(p.closeTimeNanos()), precision(p.closeTimeNanos()));
            }
            case LOT_BID ->
            {
                m.setChar(ButbTags.LOT_ACTION, ButbTags.LOT_BID);
                contraFirm(m, p.counterparty());
                m.setString(ButbTags.CONTRA_CL_ORD_ID, currentClOrdId(p.counterparty(), p.counterpartyOrderId()));
            }
            default ->
            {
                m.setString(OrderQty.FIELD, FixedPoint.format(p.quantity(), instrument.quantityScale()));
                m.set(new quickfix.field.TimeInForce(tif(p.tif())));
                if (p.counterparty() != null)
                {
                    contraFirm(m, p.counterparty());
                    if (p.counterpartyOrderId() != null)
                    {
                        m.setString(ButbTags.CONTRA_CL_ORD_ID,
                            currentClOrdId(p.counterparty(), p.counterpartyOrderId()));
                    }
                }
            }
        }
        return m;
    }

    private Message replace(final StudyCommands.Planned p, final String origClOrdId, final String clOrdId)
    {
        final Instrument instrument = catalog.instrument(p.instrument());
        final OrderCancelReplaceRequest m = new OrderCancelReplaceRequest();
        m.set(new OrigClOrdID(origClOrdId));
        m.set(new ClOrdID(clOrdId));
        m.set(new Symbol(instrument.symbol()));
        m.set(new quickfix.field.Side(p.side() == Side.BUY ? quickfix.field.Side.BUY : quickfix.field.Side.SELL));
        m.set(new OrdType(OrdType.LIMIT));
        m.setString(Price.FIELD, FixedPoint.format(p.price(), instrument.priceScale()));
        m.setString(OrderQty.FIELD, FixedPoint.format(p.quantity(), instrument.quantityScale()));
        m.setUtcTimeStamp(TransactTime.FIELD, localTime(p.timeNanos()), precision(p.timeNanos()));
        return m;
    }

    private String currentClOrdId(final String owner, final String orderId)
    {
        return clOrdIds.getOrDefault(owner + '\u0000' + orderId, orderId);
    }

    private static void contraFirm(final NewOrderSingle m, final String counterparty)
    {
        final NewOrderSingle.NoPartyIDs party = new NewOrderSingle.NoPartyIDs();
        party.set(new PartyID(counterparty));
        party.set(new PartyIDSource(PartyIDSource.PROPRIETARY_CUSTOM_CODE));
        party.set(new PartyRole(ButbTags.CONTRA_FIRM_ROLE));
        m.addGroup(party);
    }

    private static char tif(final TimeInForce tif)
    {
        return switch (tif)
        {
            case DAY -> quickfix.field.TimeInForce.DAY;
            case GTC -> quickfix.field.TimeInForce.GOOD_TILL_CANCEL;
            case IOC -> quickfix.field.TimeInForce.IMMEDIATE_OR_CANCEL;
            case FOK -> quickfix.field.TimeInForce.FILL_OR_KILL;
        };
    }

    private static LocalDateTime localTime(final long nanos)
    {
        return LocalDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
            Math.floorMod(nanos, 1_000_000_000L)), ZoneOffset.UTC);
    }

    private static UtcTimestampPrecision precision(final long nanos)
    {
        return nanos % 1_000_000L == 0 ? UtcTimestampPrecision.MILLIS : UtcTimestampPrecision.NANOS;
    }

    private static String describe(final Message m)
    {
        try
        {
            return StudyFixClients.type(m) + (m.isSetField(Text.FIELD) ? " " + m.getString(Text.FIELD) : "") +
                " " + m.toString().replace('\u0001', '|');
        }
        catch (final quickfix.FieldNotFound ex)
        {
            return m.toString().replace('\u0001', '|');
        }
    }

    /** A random password for every participant that sends commands (brokers for their clients). */
    private static Map<String, String> passwords(final Catalog catalog, final StudyCommands commands)
    {
        final SecureRandom random = new SecureRandom();
        final Map<String, String> passwords = new LinkedHashMap<>();
        for (int i = 0; i < commands.size(); i++)
        {
            final String submitter = commands.get(i).submitter();
            if (submitter != null && !passwords.containsKey(submitter))
            {
                final byte[] secret = new byte[18];
                random.nextBytes(secret);
                passwords.put(submitter, Base64.getEncoder().encodeToString(secret));
            }
        }
        return passwords;
    }

    private static Credentials credentials(final Map<String, String> passwords)
    {
        final Map<String, String> hashes = new HashMap<>();
        for (final Map.Entry<String, String> e : passwords.entrySet())
        {
            hashes.put(e.getKey(), PasswordHasher.hash(e.getValue().toCharArray(), PASSWORD_ITERATIONS));
        }
        return new Credentials(hashes);
    }
}
