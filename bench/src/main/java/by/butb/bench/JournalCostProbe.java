package by.butb.bench;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * What one journal append costs on this machine, apart from the engine: (1) writing to a freshly memory-mapped
 * file versus writing the same pages again (the first write of each page is a page fault), and (2) a raw
 * Chronicle Queue append of documents of several sizes, single-threaded. Explains the pipeline's throughput with
 * the journal on (figures in bench/RESULTS.md).
 *
 * <pre>java [Chronicle flags] -cp bench/target/benchmarks.jar by.butb.bench.JournalCostProbe [directory]</pre>
 *
 * <p>Writes at most 256 MiB per measurement in a temporary directory under {@code directory} (default
 * {@code java.io.tmpdir}) and deletes it afterwards.
 */
public final class JournalCostProbe
{
    private static final long VOLUME = 256L << 20;
    private static final int[] DOCUMENT_SIZES = {16, 40, 120, 320, 640};

    private JournalCostProbe()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final Path parent = Paths.get(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
        final Path dir = Files.createTempDirectory(parent, "butb-probe-");
        try
        {
            mappedTouch(dir);
            for (final int size : DOCUMENT_SIZES)
            {
                chronicleAppend(dir.resolve("q" + size), size);
            }
        }
        finally
        {
            PipelineThroughputBenchmark.delete(dir);
        }
    }

    private static void mappedTouch(final Path dir) throws IOException
    {
        final Path file = dir.resolve("touch.bin");
        final int n = (int)VOLUME;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(n);
            final ByteBuffer map = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, n)
                .order(ByteOrder.nativeOrder());
            for (int pass = 0; pass < 2; pass++)
            {
                final long start = System.nanoTime();
                for (int i = 0; i < n; i += 8)
                {
                    map.putLong(i, i);
                }
                final long t = System.nanoTime() - start;
                System.out.printf(Locale.ROOT, "mapped file, %s write: %.2f ns/byte (%.1f us per 4 KiB page)%n",
                    pass == 0 ? "first" : "second", (double)t / n, t / (n / 4096.0) / 1e3);
            }
        }
        Files.delete(file);
    }

    private static void chronicleAppend(final Path queueDir, final int size)
    {
        final int count = (int)(VOLUME / (size + 4));
        try (ChronicleQueue queue = ChronicleQueue.singleBuilder(queueDir).build();
            ExcerptAppender appender = queue.createAppender())
        {
            for (int round = 0; round < 2; round++)
            {
                final int n = round == 0 ? count / 4 : count;
                final long start = System.nanoTime();
                for (int i = 0; i < n; i++)
                {
                    try (DocumentContext dc = appender.writingDocument())
                    {
                        final var bytes = dc.wire().bytes();
                        for (int k = 0; k < size; k += 8)
                        {
                            bytes.writeLong(i + k);
                        }
                    }
                }
                final long t = System.nanoTime() - start;
                if (round == 1)
                {
                    System.out.printf(Locale.ROOT, "chronicle append of a %d-byte document: %.0f ns (%.2f ns/byte)%n",
                        size, (double)t / n, (double)t / n / size);
                }
            }
        }
    }
}
