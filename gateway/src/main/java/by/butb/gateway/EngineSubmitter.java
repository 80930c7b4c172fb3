package by.butb.gateway;

import by.butb.engine.core.Command;
import by.butb.engine.pipeline.CommandTranslator;
import by.butb.gateway.fix.UtcTimestamps;
import quickfix.SessionID;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Hands the gateway's requests to the engine ({@link EngineHost}), stamped with their engine time: the receive time
 * from the gateway's clock, or in client time mode the message's TransactTime(60), never below the previous command's
 * time.
 * Thread-safe: called from every QuickFIX/J session thread and from the exchange's timer.
 */
final class EngineSubmitter
{
    private static final CommandTranslator<Long> CLOCK = (command, time) -> command.clock(time);
    private static final SampledEpochClock SYSTEM_CLOCK = new SampledEpochClock();

    private final EngineHost engine;
    private final EngineBridge bridge;
    private final ClOrdIdTable clOrdIds;
    private final LongSupplier clockNanos;
    private final boolean clientTime;
    private final Object clockLock = new Object();
    /** Time of the last command submitted in client time mode; guarded by {@link #clockLock}. */
    private long lastTimeNanos;
    private final AtomicLong nextUserRef;

    EngineSubmitter(final EngineHost engine, final EngineBridge bridge, final ClOrdIdTable clOrdIds,
        final LongSupplier clockNanos, final boolean clientTime)
    {
        this.engine = engine;
        this.bridge = bridge;
        this.clOrdIds = clOrdIds;
        this.clockNanos = clockNanos;
        this.clientTime = clientTime;
        // user refs only need to be unique among commands in flight; start from the clock so that refs of a
        // previous run (seen again during recovery) do not match.
        this.nextUserRef = new AtomicLong(clockNanos.getAsLong());
    }

    /** Nanoseconds since the epoch, UTC, from the system clock ({@link SampledEpochClock}). Thread-safe. */
    static long systemClockNanos()
    {
        return SYSTEM_CLOCK.nanos();
    }

    /** {@code utc} in nanoseconds since the epoch; {@link UtcTimestamps#INVALID} for a year beyond a long's. */
    static long epochNanos(final LocalDateTime utc)
    {
        if (!UtcTimestamps.holdsYear(utc.getYear()))
        {
            return UtcTimestamps.INVALID;
        }
        return utc.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + utc.getNano();
    }

    /**
     * A request with a fresh user reference (unique among the commands in flight), these identifying fields and
     * every command field at its default, for {@link #submit}.
     */
    Request request(final Request.Kind kind, final SessionID session, final String clOrdId, final String origClOrdId,
        final String symbol, final String orderIdText, final char fixSide)
    {
        return bridge.requests.take(kind, session, nextUserRef.incrementAndGet(), clOrdId, origClOrdId, symbol,
            orderIdText, fixSide);
    }

    /**
     * The engine time of an order message whose TransactTime(60) is {@code transactTimeNanos}: the receive time, or
     * in client time mode that TransactTime, raised in {@link #submit} to the previous command's time when earlier.
     */
    long commandTime(final long transactTimeNanos)
    {
        return clientTime ? transactTimeNanos : clockNanos.getAsLong();
    }

    /**
     * Registers {@code r} with the bridge (which answers it from the engine's events) and publishes it. When the
     * engine refuses it, the registration and the ClOrdID it allocated are undone and the exception propagates.
     */
    void submit(final Request r)
    {
        bridge.requests.register(r);
        try
        {
            if (clientTime)
            {
                // Stamping and publishing under one lock keeps engine time non-decreasing in submission order.
                synchronized (clockLock)
                {
                    r.command.timeNanos = Math.max(r.command.timeNanos, lastTimeNanos);
                    lastTimeNanos = r.command.timeNanos;
                    engine.submit(Request.TRANSLATOR, r);
                }
            }
            else
            {
                engine.submit(Request.TRANSLATOR, r);
            }
        }
        catch (final RuntimeException ex)
        {
            bridge.requests.remove(r, false);
            if (r.allocatedOwner != Command.NONE)
            {
                clOrdIds.release(r.allocatedOwner, r.clOrdId, r.allocatedId);
            }
            throw ex;
        }
    }

    /**
     * Submits a CLOCK command for {@code epochNanos} (in client time mode raised to the previous command's time
     * when earlier). Does not wait: see {@link GatewayServer#advanceClock}.
     */
    void submitClock(final long epochNanos)
    {
        if (clientTime)
        {
            synchronized (clockLock)
            {
                lastTimeNanos = Math.max(epochNanos, lastTimeNanos);
                engine.submit(CLOCK, lastTimeNanos);
            }
        }
        else
        {
            engine.submit(CLOCK, epochNanos);
        }
    }
}
