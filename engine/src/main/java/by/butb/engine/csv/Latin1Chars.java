package by.butb.engine.csv;

import java.nio.charset.StandardCharsets;

/**
 * Bytes {@code bytes[from, to)} seen as ISO-8859-1 characters without copying (for ASCII text, the same characters),
 * for parsers that take a {@link CharSequence} (decimals, times) where a String per field would be garbage.
 * {@link #toString} and {@link #subSequence} make a String. Reused: {@link #of} points it elsewhere; valid while the
 * bytes hold the text. Not thread-safe.
 */
public final class Latin1Chars implements CharSequence
{
    private byte[] bytes;
    private int from;
    private int length;

    /** Views {@code bytes[from, to)}; returns this. */
    public Latin1Chars of(final byte[] bytes, final int from, final int to)
    {
        this.bytes = bytes;
        this.from = from;
        this.length = to - from;
        return this;
    }

    @Override
    public int length()
    {
        return length;
    }

    @Override
    public char charAt(final int index)
    {
        if (index < 0 || index >= length)
        {
            throw new IndexOutOfBoundsException(index);
        }
        return (char)(bytes[from + index] & 0xFF);
    }

    @Override
    public CharSequence subSequence(final int start, final int end)
    {
        return toString().substring(start, end);
    }

    @Override
    public String toString()
    {
        return new String(bytes, from, length, StandardCharsets.ISO_8859_1);
    }
}
