package by.butb.sim.parquet;

import com.github.luben.zstd.Zstd;

/**
 * Compresses Parquet pages with zstd (codec ZSTD, level {@link #LEVEL}) into a buffer it reuses: the bytes
 * {@link #compress} returns are valid until its next call. One thread.
 */
final class PageCompressor
{
    /** Parquet's CompressionCodec.ZSTD. */
    static final int CODEC_ZSTD = 6;
    /** zstd's fastest standard level: pages compress at several hundred MB/s. */
    static final int LEVEL = 1;

    private byte[] buffer = new byte[1 << 12];
    private int size;

    /** Compresses the first {@code length} bytes of {@code source}; the result is {@link #compressedSize} long. */
    byte[] compress(final byte[] source, final int length)
    {
        final int bound = (int)Zstd.compressBound(length);
        if (buffer.length < bound)
        {
            buffer = new byte[Math.max(bound, buffer.length * 2)];
        }
        final long written = Zstd.compressByteArray(buffer, 0, buffer.length, source, 0, length, LEVEL);
        if (Zstd.isError(written))
        {
            throw new IllegalStateException("zstd: " + Zstd.getErrorName(written));
        }
        size = (int)written;
        return buffer;
    }

    int compressedSize()
    {
        return size;
    }
}
