package by.butb.sim.parquet;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** A growable byte array written at its end: little-endian numbers, ULEB128 varints, bytes. One thread. */
final class ByteSink
{
    private byte[] bytes;
    private int size;

    ByteSink(final int capacity)
    {
        bytes = new byte[Math.max(16, capacity)];
    }

    int size()
    {
        return size;
    }

    /** The backing array: its first {@link #size} bytes are what was written. */
    byte[] array()
    {
        return bytes;
    }

    void reset()
    {
        size = 0;
    }

    void writeByte(final int b)
    {
        ensure(1);
        bytes[size++] = (byte)b;
    }

    void write(final byte[] source, final int offset, final int length)
    {
        ensure(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    void writeIntLe(final int value)
    {
        ensure(4);
        bytes[size] = (byte)value;
        bytes[size + 1] = (byte)(value >>> 8);
        bytes[size + 2] = (byte)(value >>> 16);
        bytes[size + 3] = (byte)(value >>> 24);
        size += 4;
    }

    void writeLongLe(final long value)
    {
        ensure(8);
        for (int i = 0; i < 8; i++)
        {
            bytes[size + i] = (byte)(value >>> (8 * i));
        }
        size += 8;
    }

    /** Unsigned LEB128: seven bits a byte, low bits first. */
    void writeVarint(final long value)
    {
        ensure(10);
        long v = value;
        while ((v & ~0x7FL) != 0)
        {
            bytes[size++] = (byte)((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        bytes[size++] = (byte)v;
    }

    void writeTo(final OutputStream out) throws IOException
    {
        out.write(bytes, 0, size);
    }

    private void ensure(final int more)
    {
        if (size + more > bytes.length)
        {
            bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
        }
    }
}
