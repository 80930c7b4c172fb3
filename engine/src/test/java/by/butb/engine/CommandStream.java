package by.butb.engine;

import by.butb.engine.core.Command;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.Instrument;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;

import java.util.SplittableRandom;

/**
 * A deterministic command stream over {@link TestMarket}: command {@code i} depends only on the seed and on the
 * commands before it, so two processes generating the same seed produce the same commands.
 */
public final class CommandStream
{
    private static final long START = 1_704_099_600_000_000_000L; // 2024-01-01T09:00:00Z
    private static final int[] TRADERS = {TestMarket.SELLER, TestMarket.BUYER, TestMarket.BUYER2, TestMarket.CLIENT};

    private final Catalog catalog;
    private final SplittableRandom random;
    private final long[] lastClientId = new long[16];
    private long time = START;
    private long index;

    public CommandStream(final Catalog catalog, final long seed)
    {
        this.catalog = catalog;
        this.random = new SplittableRandom(seed);
    }

    /** Number of commands generated so far. */
    public long index()
    {
        return index;
    }

    /** Fills {@code c} with the next command. */
    public Command next(final Command c)
    {
        index++;
        time += 1 + random.nextInt(2_000_000);
        if (random.nextInt(20_000) == 0)
        {
            time += 86_400_000_000_000L;
        }
        final int owner = TRADERS[random.nextInt(TRADERS.length)];
        final int roll = random.nextInt(100);
        if (roll < 20 && lastClientId[owner] > 0)
        {
            c.cancel(time, owner, 1 + random.nextLong(lastClientId[owner]));
        }
        else if (roll < 28 && lastClientId[owner] > 0)
        {
            final Instrument instrument = catalog.instrument(random.nextInt(3));
            c.replace(time, owner, 1 + random.nextLong(lastClientId[owner]), price(instrument, Side.BUY),
                instrument.lotSize() * (1 + random.nextInt(10)));
        }
        else
        {
            final int instrumentIndex = random.nextInt(3);
            final Instrument instrument = catalog.instrument(instrumentIndex);
            final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            final TimeInForce tif = roll < 38 ? TimeInForce.IOC : roll < 70 ? TimeInForce.DAY : TimeInForce.GTC;
            c.newOrder(time, owner, ++lastClientId[owner], instrumentIndex, side, OrderType.LIMIT, tif,
                price(instrument, side), instrument.lotSize() * (1 + random.nextInt(10)));
        }
        if (owner == TestMarket.CLIENT && random.nextBoolean())
        {
            c.submitter = TestMarket.BROKER;
            c.onBehalfOf = TestMarket.CLIENT;
        }
        return c;
    }

    private long price(final Instrument instrument, final Side side)
    {
        final long away = random.nextInt(12) - 2;
        final long price = instrument.referencePrice() + (side == Side.BUY ? -away : away) * instrument.priceStep();
        return Math.max(instrument.lowPrice(), Math.min(instrument.highPrice(), price));
    }
}
