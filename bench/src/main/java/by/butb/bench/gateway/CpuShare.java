package by.butb.bench.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU used by this JVM and by everything else on the machine between two readings of /proc (Linux), so that a
 * figure taken while other processes were busy on the shared machine can be told apart. Reads nothing elsewhere.
 */
public final class CpuShare
{
    private final long machineBusy;
    private final long machineTotal;
    private final long self;

    private CpuShare(final long machineBusy, final long machineTotal, final long self)
    {
        this.machineBusy = machineBusy;
        this.machineTotal = machineTotal;
        this.self = self;
    }

    /** The current readings, or null when /proc is not there. */
    public static CpuShare now()
    {
        try
        {
            final String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length; i++)
            {
                total += Long.parseLong(cpu[i]);
            }
            final long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            final String stat = Files.readString(Path.of("/proc/self/stat"));
            final String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            final long self = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
            return new CpuShare(total - idle, total, self);
        }
        catch (final IOException | RuntimeException ex)
        {
            return null;
        }
    }

    /** "jvm X%, others Y%" of the machine's capacity since {@code before}; "" without /proc. */
    public static String since(final CpuShare before)
    {
        final CpuShare after = now();
        if (before == null || after == null || after.machineTotal == before.machineTotal)
        {
            return "";
        }
        final double total = after.machineTotal - before.machineTotal;
        final double self = after.self - before.self;
        final double busy = after.machineBusy - before.machineBusy;
        return String.format("jvm %3.0f%% others %3.0f%%", 100 * self / total, 100 * Math.max(0, busy - self) / total);
    }
}
