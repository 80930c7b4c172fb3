package by.butb.bench;

import by.butb.bench.MixedWorkload.Config;
import by.butb.bench.MixedWorkload.Stats;
import by.butb.engine.core.Command;
import by.butb.engine.core.EngineEvent;
import by.butb.engine.core.EventList;
import by.butb.engine.core.MarketRules;
import by.butb.engine.core.MatchingEngine;
import by.butb.engine.core.ResultCode;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;
import java.util.SplittableRandom;

import static by.butb.bench.MixedWorkload.SIDES;
import static by.butb.bench.MixedWorkload.TIFS;
import static by.butb.bench.MixedWorkload.DAY;
import static by.butb.bench.MixedWorkload.GTC;
import static by.butb.bench.MixedWorkload.IOC;
import static by.butb.bench.MixedWorkload.NEW;
import static by.butb.bench.MixedWorkload.CANCEL;
import static by.butb.bench.MixedWorkload.LIMIT_SHARE;
import static by.butb.bench.MixedWorkload.IOC_SHARE;
import static by.butb.bench.MixedWorkload.MARKETABLE_BASE;
import static by.butb.bench.MixedWorkload.MARKETABLE_GAIN;
import static by.butb.bench.MixedWorkload.MARKETABLE_MAX;
import static by.butb.bench.MixedWorkload.INSTRUMENT;
import static by.butb.bench.MixedWorkload.REFERENCE;
import static by.butb.bench.MixedWorkload.TICK;
import static by.butb.bench.MixedWorkload.LOT;
import static by.butb.bench.MixedWorkload.START_TIME_NANOS;

/**
 * Generates the commands of a {@link MixedWorkload}: a build-up of resting orders, then the mixed phase, checked
 * against a shadow engine as they are generated. Single-threaded; deterministic for the config's seed.
 */
final class MixedWorkloadGenerator
{
    private final Config config;
    private final Instrument instrument;
    private final SplittableRandom random;
    private final MatchingEngine shadow;
    private final Command command = new Command();
    private final EventList events = new EventList(64);
    private final LiveOrders live;
    final int[] nextLocal;
    final Stats stats = new Stats();
    private long sequence;

    byte[] kind = new byte[1 << 16];
    byte[] side = new byte[1 << 16];
    byte[] tif = new byte[1 << 16];
    int[] participant = new int[1 << 16];
    int[] localId = new int[1 << 16];
    long[] price = new long[1 << 16];
    long[] quantity = new long[1 << 16];
    int size;
    int buildUp;
    int drain;

    MixedWorkloadGenerator(final Config config, final Catalog catalog)
    {
        this.config = config;
        this.instrument = catalog.instrument(INSTRUMENT);
        this.random = new SplittableRandom(config.seed());
        this.shadow = new MatchingEngine(catalog, MarketRules.DEFAULT, 4 * config.depthPerSide());
        this.live = new LiveOrders(4 * config.depthPerSide());
        this.nextLocal = new int[config.participants()];
    }

    void run()
    {
        final int target = config.depthPerSide();
        while (live.bids < target || live.asks < target)
        {
            final int s = live.bids >= target ? 1 : live.asks >= target ? 0 : random.nextInt(2);
            newOrder(s, passivePrice(s), limitTif(), lots());
        }
        buildUp = size;
        stats.buildUpCommands = size;

        for (int m = 0; m < config.mixedCommands(); m++)
        {
            final double u = random.nextDouble();
            if (u < LIMIT_SHARE || u >= LIMIT_SHARE + IOC_SHARE && live.size == 0)
            {
                final int s = random.nextInt(2);
                final int opposite = s == 0 ? live.asks : live.bids;
                final double marketable = Math.max(0.0, Math.min(MARKETABLE_MAX,
                    MARKETABLE_BASE + MARKETABLE_GAIN * (opposite - target) / (double)target));
                final boolean cross = opposite > 0 && random.nextDouble() < marketable;
                if (cross)
                {
                    stats.marketableLimits++;
                }
                else
                {
                    stats.passiveLimits++;
                }
                if (newOrder(s, cross ? crossingPrice(s) : passivePrice(s), limitTif(), lots()))
                {
                    stats.limitsThatTraded++;
                }
            }
            else if (u < LIMIT_SHARE + IOC_SHARE)
            {
                final int s = random.nextInt(2);
                stats.iocs++;
                if (newOrder(s, crossingPrice(s), IOC, lots()))
                {
                    stats.iocsThatTraded++;
                }
            }
            else
            {
                cancel(random.nextInt(live.size));
            }
            sampleDepth();
        }
        stats.mixedCommands = config.mixedCommands();

        final int beforeDrain = size;
        while (live.size > 0)
        {
            cancel(random.nextInt(live.size));
        }
        drain = size - beforeDrain;
        stats.drainCommands = drain;
        if (shadow.liveOrderCount() != 0)
        {
            throw new IllegalStateException("the cycle does not leave the book empty: " +
                shadow.liveOrderCount() + " orders live");
        }
        if (stats.rejects != 0)
        {
            throw new IllegalStateException("the shadow run rejected " + stats.rejects + " commands");
        }
    }

    private void sampleDepth()
    {
        stats.depthSumBids += live.bids;
        stats.depthSumAsks += live.asks;
        stats.depthSamples++;
        stats.minBidsMixed = Math.min(stats.minBidsMixed, live.bids);
        stats.minAsksMixed = Math.min(stats.minAsksMixed, live.asks);
        stats.maxBidsMixed = Math.max(stats.maxBidsMixed, live.bids);
        stats.maxAsksMixed = Math.max(stats.maxAsksMixed, live.asks);
    }

    private byte limitTif()
    {
        return random.nextBoolean() ? DAY : GTC;
    }

    private long lots()
    {
        return (1 + random.nextInt(10)) * LOT;
    }

    /** Bid: reference - k ticks; ask: reference + (1 + k) ticks; k geometric, mean about 3, capped. */
    private long passivePrice(final int s)
    {
        final int k = Math.min(config.passiveLevels() - 1, (int)(-Math.log(1.0 - random.nextDouble()) * 3.5));
        return clamp(s == 0 ? REFERENCE - k * TICK : REFERENCE + (1 + k) * TICK);
    }

    /** 0 to 2 ticks through the opposite best price (the reference side's touch when that side is empty). */
    private long crossingPrice(final int s)
    {
        final Side opposite = s == 0 ? Side.SELL : Side.BUY;
        final int j = random.nextInt(3);
        if (shadow.depth(INSTRUMENT, opposite) == 0)
        {
            return clamp(s == 0 ? REFERENCE + TICK : REFERENCE);
        }
        final long best = shadow.levelPrice(INSTRUMENT, opposite, 0);
        return clamp(s == 0 ? best + j * TICK : best - j * TICK);
    }

    private long clamp(final long p)
    {
        return Math.max(instrument.lowPrice(), Math.min(instrument.highPrice(), p));
    }

    /** Records and runs a new order; returns whether it traded. */
    private boolean newOrder(final int s, final long px, final byte timeInForce, final long qty)
    {
        final int p = random.nextInt(config.participants());
        final int local = ++nextLocal[p];
        final int at = append(NEW, (byte)s, timeInForce, p, local, px, qty);
        command.newOrder(START_TIME_NANOS + at, p, local, INSTRUMENT, SIDES[s], OrderType.LIMIT,
            TIFS[timeInForce], px, qty);
        return runShadow() > 0;
    }

    private void cancel(final int liveIndex)
    {
        final long key = live.keys[liveIndex];
        final int owner = (int)(key >>> 32);
        final int local = (int)key;
        final int at = append(CANCEL, (byte)0, (byte)0, owner, local, 0, 0);
        command.cancel(START_TIME_NANOS + at, owner, local);
        stats.cancels++;
        runShadow();
    }

    private int append(final byte k, final byte s, final byte t, final int p, final int local, final long px,
        final long qty)
    {
        if (size == kind.length)
        {
            final int n = size * 2;
            kind = Arrays.copyOf(kind, n);
            side = Arrays.copyOf(side, n);
            tif = Arrays.copyOf(tif, n);
            participant = Arrays.copyOf(participant, n);
            localId = Arrays.copyOf(localId, n);
            price = Arrays.copyOf(price, n);
            quantity = Arrays.copyOf(quantity, n);
        }
        kind[size] = k;
        side[size] = s;
        tif[size] = t;
        participant[size] = p;
        localId[size] = local;
        price[size] = px;
        quantity[size] = qty;
        return size++;
    }

    /** Applies the command to the shadow engine and updates the live view; returns the trades. */
    private int runShadow()
    {
        command.sequence = sequence++;
        events.clear();
        shadow.process(command, events);
        int trades = 0;
        for (int i = 0, n = events.size(); i < n; i++)
        {
            final EngineEvent e = events.get(i);
            switch (e.type)
            {
                case ACCEPTED ->
                {
                    if (e.timeInForce.rests())
                    {
                        live.add(e.owner, e.clientOrderId, e.side);
                    }
                }
                case TRADE ->
                {
                    trades++;
                    if (e.buyLeaves == 0)
                    {
                        live.remove(e.buyOwner, e.buyClientOrderId);
                    }
                    if (e.sellLeaves == 0)
                    {
                        live.remove(e.sellOwner, e.sellClientOrderId);
                    }
                }
                case CANCELLED, EXPIRED ->
                {
                    live.remove(e.owner, e.clientOrderId);
                    if (e.code == ResultCode.SELF_MATCH_PREVENTED)
                    {
                        stats.selfMatchCancels++;
                    }
                    else if (e.code == ResultCode.IOC_REMAINDER)
                    {
                        stats.iocRemainderCancels++;
                    }
                }
                case REJECTED -> stats.rejects++;
                default ->
                {
                }
            }
        }
        stats.trades += trades;
        stats.events += events.size();
        stats.maxEventsPerCommand = Math.max(stats.maxEventsPerCommand, events.size());
        stats.maxLive = Math.max(stats.maxLive, shadow.liveOrderCount());
        if (live.size != shadow.liveOrderCount())
        {
            throw new IllegalStateException("generator view (" + live.size + ") and shadow engine (" +
                shadow.liveOrderCount() + ") disagree after " + command);
        }
        return trades;
    }

    /** The generator's view of live resting orders: random pick and removal by key, both O(1). */
    private static final class LiveOrders
    {
        long[] keys;
        byte[] sides;
        int size;
        int bids;
        int asks;
        private final Long2LongHashMap index = new Long2LongHashMap(-1);

        LiveOrders(final int capacity)
        {
            keys = new long[capacity];
            sides = new byte[capacity];
        }

        static long key(final int owner, final long local)
        {
            return ((long)owner << 32) | local;
        }

        void add(final int owner, final long local, final Side s)
        {
            if (size == keys.length)
            {
                keys = Arrays.copyOf(keys, size * 2);
                sides = Arrays.copyOf(sides, size * 2);
            }
            final long k = key(owner, local);
            keys[size] = k;
            sides[size] = s.code;
            index.put(k, size);
            size++;
            if (s == Side.BUY)
            {
                bids++;
            }
            else
            {
                asks++;
            }
        }

        void remove(final int owner, final long local)
        {
            final long k = key(owner, local);
            final int at = (int)index.remove(k);
            if (at < 0)
            {
                return;
            }
            if (sides[at] == Side.BUY.code)
            {
                bids--;
            }
            else
            {
                asks--;
            }
            final int last = --size;
            if (at != last)
            {
                keys[at] = keys[last];
                sides[at] = sides[last];
                index.put(keys[at], at);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ check
}
