package by.butb.engine.core;

import by.butb.engine.book.Order;
import by.butb.engine.lots.Lot;
import by.butb.engine.model.Catalog;
import by.butb.engine.model.OrderType;
import by.butb.engine.model.Participant;
import by.butb.engine.model.Side;
import by.butb.engine.model.TimeInForce;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes and reads the whole engine state (deposits, every live order in priority order, counters) so that
 * recovery can start from it and replay only the journal's tail. The file records the sequence of the last
 * command it includes and a fingerprint of the catalog; it refuses to load against another catalog.
 * Not for the hot path: call it on the engine's thread (or after a drain) while nothing is submitted.
 */
public final class EngineSnapshot
{
    private static final int MAGIC = 0x42555442; // "BUTB"
    private static final int VERSION = 3;
    /** The oldest version read: its orders lack {@link Order#filledValue}, which is then unknown. */
    private static final int OLDEST_READ = 2;

    private EngineSnapshot()
    {
    }

    /** Writes atomically (temporary file, then rename). */
    public static void write(final MatchingEngine engine, final Path file)
    {
        final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try
        {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp)))
            {
                write(engine, out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write snapshot " + file, ex);
        }
    }

    /** Writes the snapshot to {@code out} (the same bytes as the file); does not close it. */
    public static void write(final MatchingEngine engine, final OutputStream out) throws IOException
    {
        final DataOutputStream data = new DataOutputStream(out);
        data.writeInt(MAGIC);
        data.writeInt(VERSION);
        data.writeLong(fingerprint(engine.catalog()));
        engine.writeState(data);
        data.flush();
    }

    /** Loads a snapshot into a fresh engine (one that has processed nothing). */
    public static void read(final Path file, final MatchingEngine engine)
    {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file)))
        {
            read(in, file.toString(), engine);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read snapshot " + file, ex);
        }
    }

    /**
     * Loads a snapshot from {@code in} into a fresh engine; {@code source} names it in error messages. Throws
     * {@link IllegalStateException} when it is not a snapshot of a version from {@value #OLDEST_READ} to
     * {@value #VERSION} or was made with another catalog. A version 2 snapshot's orders get
     * {@link Order#VALUE_UNKNOWN} as their filled value.
     */
    public static void read(final InputStream in, final String source, final MatchingEngine engine) throws IOException
    {
        final DataInputStream data = new DataInputStream(in);
        final int version = data.readInt() == MAGIC ? data.readInt() : -1;
        if (version < OLDEST_READ || version > VERSION)
        {
            throw new IllegalStateException(source + " is not an engine snapshot of version " + OLDEST_READ +
                " to " + VERSION);
        }
        if (data.readLong() != fingerprint(engine.catalog()))
        {
            throw new IllegalStateException(source + " was written with another instrument catalog or participants " +
                "file; start with the files it was made with, or remove the snapshot to replay the whole journal");
        }
        engine.readState(data, version >= 3);
    }

    /**
     * A digest of the catalog's instruments and participants: equal files give equal fingerprints. Deposit shares
     * count only for participants whose file gives them, so a file without the column keeps its fingerprint.
     */
    public static long fingerprint(final Catalog catalog)
    {
        final StateHasher h = new StateHasher();
        for (final var instrument : catalog.instruments())
        {
            h.add(instrument.symbol().hashCode()).add(instrument.priceScale()).add(instrument.quantityScale());
        }
        for (final Participant p : catalog.participants())
        {
            h.add(p.id().hashCode()).add(p.deposit());
            if (p.depositSharesGiven())
            {
                for (int section = 0; section < catalog.sections().size(); section++)
                {
                    h.add(p.depositShare(section));
                }
            }
        }
        return h.value();
    }

    static void writeOrder(final DataOutputStream out, final Order o) throws IOException
    {
        out.writeLong(o.orderId);
        out.writeLong(o.clientOrderId);
        out.writeInt(o.owner);
        out.writeInt(o.submitter);
        out.writeInt(o.instrument);
        out.writeByte(o.side.code);
        out.writeByte(o.type.code);
        out.writeByte(o.timeInForce.code);
        out.writeLong(o.price);
        out.writeLong(o.guaranteePrice);
        out.writeLong(o.quantity);
        out.writeLong(o.leaves);
        out.writeLong(o.filled);
        out.writeLong(o.filledValue);
        out.writeLong(o.blocked);
        out.writeLong(o.day);
        out.writeInt(o.counterparty);
    }

    static void writeLot(final DataOutputStream out, final Lot lot) throws IOException
    {
        out.writeLong(lot.lotId);
        out.writeLong(lot.clientOrderId);
        out.writeInt(lot.owner);
        out.writeInt(lot.submitter);
        out.writeInt(lot.instrument);
        out.writeByte(lot.side.code);
        out.writeLong(lot.quantity);
        out.writeLong(lot.startPrice);
        out.writeLong(lot.bidStep);
        out.writeLong(lot.closeTime);
        out.writeLong(lot.blocked);
        out.writeBoolean(lot.closed);
        out.writeBoolean(lot.hasBid);
        out.writeLong(lot.bidId);
        out.writeLong(lot.bidClientOrderId);
        out.writeInt(lot.bidOwner);
        out.writeInt(lot.bidSubmitter);
        out.writeLong(lot.bidPrice);
        out.writeLong(lot.bidBlocked);
    }

    static void readLot(final DataInputStream in, final Lot lot) throws IOException
    {
        lot.lotId = in.readLong();
        lot.clientOrderId = in.readLong();
        lot.owner = in.readInt();
        lot.submitter = in.readInt();
        lot.instrument = in.readInt();
        lot.side = Side.fromCode(in.readByte());
        lot.quantity = in.readLong();
        lot.startPrice = in.readLong();
        lot.bidStep = in.readLong();
        lot.closeTime = in.readLong();
        lot.blocked = in.readLong();
        lot.closed = in.readBoolean();
        lot.hasBid = in.readBoolean();
        lot.bidId = in.readLong();
        lot.bidClientOrderId = in.readLong();
        lot.bidOwner = in.readInt();
        lot.bidSubmitter = in.readInt();
        lot.bidPrice = in.readLong();
        lot.bidBlocked = in.readLong();
    }

    /** {@code filledValue}: whether the order carries {@link Order#filledValue} (version 3 on). */
    static void readOrder(final DataInputStream in, final Order o, final boolean filledValue) throws IOException
    {
        o.orderId = in.readLong();
        o.clientOrderId = in.readLong();
        o.owner = in.readInt();
        o.submitter = in.readInt();
        o.instrument = in.readInt();
        o.side = Side.fromCode(in.readByte());
        o.type = OrderType.fromCode(in.readByte());
        o.timeInForce = TimeInForce.fromCode(in.readByte());
        o.price = in.readLong();
        o.guaranteePrice = in.readLong();
        o.quantity = in.readLong();
        o.leaves = in.readLong();
        o.filled = in.readLong();
        o.filledValue = filledValue ? in.readLong() : Order.VALUE_UNKNOWN;
        o.blocked = in.readLong();
        o.day = in.readLong();
        o.counterparty = in.readInt();
    }
}
