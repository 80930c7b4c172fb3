package by.butb.peer;

import by.butb.harness.CompletionRecorder;
import by.butb.harness.DriverOptions;
import by.butb.harness.Target;
import by.butb.harness.Workload;
import exchange.core2.core.ExchangeApi;
import exchange.core2.core.ExchangeCore;
import exchange.core2.core.common.CoreSymbolSpecification;
import exchange.core2.core.common.CoreWaitStrategy;
import exchange.core2.core.common.OrderAction;
import exchange.core2.core.common.OrderType;
import exchange.core2.core.common.SymbolType;
import exchange.core2.core.common.api.ApiAddUser;
import exchange.core2.core.common.api.ApiAdjustUserBalance;
import exchange.core2.core.common.api.binary.BatchAddSymbolsCommand;
import exchange.core2.core.common.cmd.CommandResultCode;
import exchange.core2.core.common.cmd.OrderCommand;
import exchange.core2.core.common.cmd.OrderCommandType;
import exchange.core2.core.common.config.ExchangeConfiguration;
import exchange.core2.core.common.config.InitialStateConfiguration;
import exchange.core2.core.common.config.LoggingConfiguration;
import exchange.core2.core.common.config.OrdersProcessingConfiguration;
import exchange.core2.core.common.config.PerformanceConfiguration;
import exchange.core2.core.common.config.ReportsQueriesConfiguration;
import exchange.core2.core.common.config.SerializationConfiguration;
import exchange.core2.core.orderbook.OrderBookDirectImpl;
import net.jpountz.lz4.LZ4Factory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * exchange-core 0.5.3 as a benchmark {@link Target}, driven by the same {@link Workload} as our engine.
 *
 * <h2>Mapping of the workload</h2>
 * <ul>
 * <li>One symbol (id 1), {@code CURRENCY_EXCHANGE_PAIR}, base currency 1 (the commodity, in lots), quote currency 2
 *     (USD cents), {@code baseScaleK = quoteScaleK = 1}: an order's price is the workload's price in cents per lot
 *     (one lot = 1 t) and its size is the workload's quantity in lots (1 to 10).</li>
 * <li>Participant {@code p} is user {@code p + 1}; each user gets 10^15 of both currencies, so that, with risk
 *     processing on, holds never limit the flow (as our deposits of 10^12 USD).</li>
 * <li>NEW LIMIT DAY and GTC become {@code GTC} (exchange-core has no DAY; the workload stays within one trading day,
 *     so DAY never expires in ours); NEW IOC becomes {@code IOC} at the same limit price. A bid's reserve price is
 *     its limit price.</li>
 * <li>CANCEL becomes {@code cancelOrder} by order id; the order id is {@code clientOrderId * 1024 + participant}
 *     (exchange-core's order ids are exchange-wide, ours are per participant).</li>
 * <li>Fees: maker and taker fee 63 cents per lot, about our 0.10 % of a 625.00 USD lot.</li>
 * </ul>
 * <b>What differs.</b> Our engine prevents self-matching (an incoming order that would trade with the same
 * participant's resting order cancels it: 999 of 2.1 million commands per default cycle); exchange-core trades
 * them. After such a divergence a later cancel may name an order exchange-core has already filled; it answers
 * {@code MATCHING_UNKNOWN_ORDER_ID}, counted in {@code unknownOrderCancels}. Our engine also checks the session
 * phase, the participant's admission and the price band on each order; exchange-core has no such rules.
 *
 * <h2>Configuration</h2>
 * Ring of 16,384 (as ours), {@code OrderBookDirectImpl} (its fast order book), no journaling, plain threads (no
 * affinity). Options: {@code --wait} (BLOCKING, YIELDING, BUSY_SPIN, SECOND_STEP_NO_WAIT, SLEEPING where the
 * version has it), {@code --risk} (FULL_PER_CURRENCY, default, to match our deposit checks; or NO_RISK_PROCESSING),
 * {@code --matching-engines} and {@code --risk-engines} (powers of two, default 1 each), {@code --msgs-in-group}
 * (default 256, its own default; at most a quarter of the ring). exchange-core's own throughput settings
 * ({@code PerformanceConfiguration.throughputPerformanceBuilder()}) are 4 matching engines, 2 risk engines and
 * groups of 4096; {@code ./butb bench} passes them from 8 processors up. The workload has one symbol, so one matching
 * engine does all the matching whatever their number; the risk engines share the users.
 *
 * <p>Completion is the results consumer's call for the command (its last pipeline stage), on that thread.
 */
final class ExchangeCoreTarget implements Target
{
    static final int SYMBOL = 1;
    static final int BASE = 1;
    static final int QUOTE = 2;
    static final long BALANCE = 1_000_000_000_000_000L;
    static final long FEE_PER_LOT = 63;

    private final Workload w;
    private final Workload.Replay replay;
    private final CompletionRecorder recorder;
    private final ExchangeCore core;
    private final ExchangeApi api;
    private final String configuration;
    private volatile boolean counting;
    // Written on the results thread, read after a drain.
    private long trades;
    private long rejects;
    private long unknownOrderCancels;
    private long otherResults;

    ExchangeCoreTarget(final Workload w, final DriverOptions o, final CompletionRecorder recorder)
    {
        this.w = w;
        this.replay = new Workload.Replay(w);
        this.recorder = recorder;
        final CoreWaitStrategy wait = o.takeEnum("wait", CoreWaitStrategy.class, CoreWaitStrategy.BLOCKING);
        final OrdersProcessingConfiguration.RiskProcessingMode risk = o.takeEnum("risk",
            OrdersProcessingConfiguration.RiskProcessingMode.class,
            OrdersProcessingConfiguration.RiskProcessingMode.FULL_PER_CURRENCY);
        final int msgsInGroup = (int)o.takeLong("msgs-in-group", 256, 1);
        final int matchingEngines = powerOfTwo(o, "matching-engines");
        final int riskEngines = powerOfTwo(o, "risk-engines");
        final int ringSize = (int)o.takeLong("ring-size", 16_384, 64);
        if (Integer.bitCount(ringSize) != 1)
        {
            throw new IllegalArgumentException("--ring-size must be a power of two, got " + ringSize);
        }
        if (msgsInGroup * 4L > ringSize)
        {
            throw new IllegalArgumentException("--msgs-in-group must be at most a quarter of the ring size " +
                ringSize + ", got " + msgsInGroup);
        }
        configuration = String.format(Locale.ROOT, "exchange-core 0.5.3, wait %s, risk %s, msgsInGroupLimit %d, " +
                "ring %d, %d matching engine(s), %d risk engine(s), OrderBookDirectImpl, no journaling", wait, risk,
            msgsInGroup, ringSize, matchingEngines, riskEngines);

        final PerformanceConfiguration perf = PerformanceConfiguration.builder()
            .ringBufferSize(ringSize)
            .matchingEnginesNum(matchingEngines)
            .riskEnginesNum(riskEngines)
            .msgsInGroupLimit(msgsInGroup)
            .maxGroupDurationNs(10_000)
            .threadFactory(r ->
            {
                final Thread t = new Thread(r);
                t.setDaemon(true);
                return t;
            })
            .waitStrategy(wait)
            .binaryCommandsLz4CompressorFactory(() -> LZ4Factory.fastestInstance().highCompressor())
            .orderBookFactory(OrderBookDirectImpl::new)
            .build();
        final ExchangeConfiguration config = ExchangeConfiguration.builder()
            .ordersProcessingCfg(OrdersProcessingConfiguration.builder()
                .riskProcessingMode(risk)
                .marginTradingMode(OrdersProcessingConfiguration.MarginTradingMode.MARGIN_TRADING_DISABLED)
                .build())
            .performanceCfg(perf)
            .initStateCfg(InitialStateConfiguration.cleanStart("BUTB-BENCH"))
            .reportsQueriesCfg(ReportsQueriesConfiguration.createStandardConfig())
            .loggingCfg(LoggingConfiguration.DEFAULT)
            .serializationCfg(SerializationConfiguration.DEFAULT)
            .build();
        core = ExchangeCore.builder().resultsConsumer(this::onResult).exchangeConfiguration(config).build();
        core.startup();
        api = core.getApi();
        setUp();
        counting = true;
    }

    /** A power of two from 1 to 64 (exchange-core shards by a mask), default 1. */
    private static int powerOfTwo(final DriverOptions o, final String name)
    {
        final long n = o.takeLong(name, 1, 1);
        if (Long.bitCount(n) != 1 || n > 64)
        {
            throw new IllegalArgumentException("--" + name + " must be a power of two from 1 to 64, got " + n);
        }
        return (int)n;
    }

    private void setUp()
    {
        final CoreSymbolSpecification symbol = CoreSymbolSpecification.builder()
            .symbolId(SYMBOL)
            .type(SymbolType.CURRENCY_EXCHANGE_PAIR)
            .baseCurrency(BASE)
            .quoteCurrency(QUOTE)
            .baseScaleK(1)
            .quoteScaleK(1)
            .takerFee(FEE_PER_LOT)
            .makerFee(FEE_PER_LOT)
            .build();
        expect(api.submitBinaryDataAsync(new BatchAddSymbolsCommand(symbol)), "add symbol");
        final List<CompletableFuture<CommandResultCode>> pending = new ArrayList<>();
        long transaction = 1;
        for (int p = 0; p < w.participants; p++)
        {
            final long uid = p + 1L;
            pending.add(api.submitCommandAsync(ApiAddUser.builder().uid(uid).build()));
            pending.add(api.submitCommandAsync(ApiAdjustUserBalance.builder().uid(uid).currency(BASE)
                .amount(BALANCE).transactionId(transaction++).build()));
            pending.add(api.submitCommandAsync(ApiAdjustUserBalance.builder().uid(uid).currency(QUOTE)
                .amount(BALANCE).transactionId(transaction++).build()));
        }
        for (final CompletableFuture<CommandResultCode> f : pending)
        {
            expect(f, "add user / adjust balance");
        }
    }

    private static void expect(final CompletableFuture<CommandResultCode> future, final String what)
    {
        final CommandResultCode code;
        try
        {
            code = future.get(60, TimeUnit.SECONDS);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("exchange-core setup failed: " + what, ex);
        }
        if (code != CommandResultCode.SUCCESS)
        {
            throw new IllegalStateException("exchange-core setup failed: " + what + ": " + code);
        }
    }

    /** Results consumer: the last stage of exchange-core's pipeline, on its own thread. */
    private void onResult(final OrderCommand cmd, final long sequence)
    {
        if (!counting)
        {
            return;
        }
        final OrderCommandType type = cmd.command;
        if (type != OrderCommandType.PLACE_ORDER && type != OrderCommandType.CANCEL_ORDER)
        {
            return;
        }
        final CommandResultCode code = cmd.resultCode;
        if (code == CommandResultCode.MATCHING_UNKNOWN_ORDER_ID)
        {
            unknownOrderCancels++;
        }
        else if (code != CommandResultCode.SUCCESS && code != CommandResultCode.ACCEPTED)
        {
            rejects++;
        }
        for (var e = cmd.matcherEvent; e != null; e = e.nextEvent)
        {
            switch (e.eventType)
            {
                case TRADE -> trades++;
                case REJECT, REDUCE -> otherResults++;
                default ->
                {
                }
            }
        }
        recorder.complete(cmd.timestamp);
    }

    @Override
    public String engine()
    {
        return "exchange-core";
    }

    @Override
    public String configuration()
    {
        return configuration;
    }

    @Override
    public void submit(final long intendedNanos)
    {
        final Workload.Replay r = replay;
        r.advance();
        final Workload wl = w;
        final int i = r.index;
        final int p = wl.participant[i];
        final long orderId = r.clientOrderId * 1024 + p;
        if (wl.kind[i] == Workload.NEW)
        {
            final long price = wl.price[i];
            final OrderAction action = wl.side[i] == Workload.BUY ? OrderAction.BID : OrderAction.ASK;
            api.placeNewOrder(0, 0, intendedNanos, orderId, 0, price, price, wl.quantity[i] / wl.lot, action,
                wl.tif[i] == Workload.IOC ? OrderType.IOC : OrderType.GTC, SYMBOL, p + 1L);
        }
        else
        {
            api.cancelOrder(0, 0, intendedNanos, orderId, SYMBOL, p + 1L);
        }
    }

    @Override
    public String counters()
    {
        return "counters.trades=" + trades + "\ncounters.rejects=" + rejects + "\ncounters.unknownOrderCancels=" +
            unknownOrderCancels + "\ncounters.rejectOrReduceEvents=" + otherResults + "\n";
    }

    @Override
    public void close()
    {
        core.shutdown(10, TimeUnit.SECONDS);
    }
}
