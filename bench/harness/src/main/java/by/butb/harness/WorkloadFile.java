package by.butb.harness;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The workload file: one {@link Workload} cycle, big-endian ({@link DataOutputStream}). Layout: magic
 * {@code "BUTBWKL1"} (8 bytes), seed (long), participants (int), length n (int), buildUpLength (int),
 * drainLength (int), idStride (long), lot (long), then the arrays one after the other: kind (n bytes), side (n
 * bytes), tif (n bytes), participant (n ints), localId (n ints), price (n longs), quantity (n longs). About 27
 * bytes per command (57 MB for the default 2.1 million).
 */
public final class WorkloadFile
{
    private static final byte[] MAGIC_BYTES = {'B', 'U', 'T', 'B', 'W', 'K', 'L', '1'};

    private WorkloadFile()
    {
    }

    public static void write(final Workload w, final Path file)
    {
        try
        {
            if (file.getParent() != null)
            {
                Files.createDirectories(file.getParent());
            }
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file),
                1 << 16)))
            {
                final int n = w.length();
                out.write(MAGIC_BYTES);
                out.writeLong(w.seed);
                out.writeInt(w.participants);
                out.writeInt(n);
                out.writeInt(w.buildUpLength);
                out.writeInt(w.drainLength);
                out.writeLong(w.idStride);
                out.writeLong(w.lot);
                out.write(w.kind);
                out.write(w.side);
                out.write(w.tif);
                for (final int v : w.participant)
                {
                    out.writeInt(v);
                }
                for (final int v : w.localId)
                {
                    out.writeInt(v);
                }
                for (final long v : w.price)
                {
                    out.writeLong(v);
                }
                for (final long v : w.quantity)
                {
                    out.writeLong(v);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the workload file " + file, ex);
        }
    }

    /** Reads a workload file; a file that is not one, or is cut short, gets an error naming the file. */
    public static Workload read(final Path file)
    {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16)))
        {
            final byte[] magic = new byte[MAGIC_BYTES.length];
            in.readFully(magic);
            if (!java.util.Arrays.equals(magic, MAGIC_BYTES))
            {
                throw new IllegalArgumentException(file + " is not a workload file (it does not start with BUTBWKL1)");
            }
            final long seed = in.readLong();
            final int participants = in.readInt();
            final int n = in.readInt();
            final int buildUp = in.readInt();
            final int drain = in.readInt();
            final long idStride = in.readLong();
            final long lot = in.readLong();
            if (n <= 0 || n > 1 << 28)
            {
                throw new IllegalArgumentException(file + ": invalid command count " + n);
            }
            final byte[] kind = new byte[n];
            final byte[] side = new byte[n];
            final byte[] tif = new byte[n];
            final int[] participant = new int[n];
            final int[] localId = new int[n];
            final long[] price = new long[n];
            final long[] quantity = new long[n];
            in.readFully(kind);
            in.readFully(side);
            in.readFully(tif);
            for (int i = 0; i < n; i++)
            {
                participant[i] = in.readInt();
            }
            for (int i = 0; i < n; i++)
            {
                localId[i] = in.readInt();
            }
            for (int i = 0; i < n; i++)
            {
                price[i] = in.readLong();
            }
            for (int i = 0; i < n; i++)
            {
                quantity[i] = in.readLong();
            }
            return new Workload(seed, participants, buildUp, drain, idStride, lot, kind, side, tif, participant,
                localId, price, quantity);
        }
        catch (final EOFException ex)
        {
            throw new IllegalArgumentException(file + " is cut short: not a complete workload file", ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the workload file " + file, ex);
        }
    }
}
