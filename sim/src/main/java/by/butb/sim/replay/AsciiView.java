package by.butb.sim.replay;

import java.nio.charset.StandardCharsets;

/**
 * ASCII bytes {@code bytes[from, to)} seen as characters, without copying: for parsers that take a
 * {@link CharSequence}. Reused: {@link #of} points it elsewhere. Not thread-safe.
 */
final class AsciiView implements CharSequence
{
    private byte[] bytes;
    private int from;
    private int length;

    AsciiView of(final byte[] bytes, final int from, final int to)
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
