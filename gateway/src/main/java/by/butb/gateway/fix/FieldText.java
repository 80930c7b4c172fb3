package by.butb.gateway.fix;

import java.nio.charset.StandardCharsets;

/**
 * A reusable view of one field's value in a receive buffer as a {@link CharSequence} (ISO-8859-1), for parsers that
 * read characters, so that no String is made per field; {@link #toString} and {@link #subSequence} make one. Valid
 * while the buffer holds the message. Not thread-safe.
 */
public final class FieldText implements CharSequence
{
    private byte[] buffer;
    private int start;
    private int length;

    /** Views the value of {@code d}'s index-th field. */
    public FieldText wrap(final FixDecoder d, final int index)
    {
        buffer = d.buffer();
        start = d.valueStart(index);
        length = d.valueEnd(index) - start;
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
        return (char)(buffer[start + index] & 0xFF);
    }

    @Override
    public CharSequence subSequence(final int from, final int to)
    {
        return toString().substring(from, to);
    }

    @Override
    public String toString()
    {
        return new String(buffer, start, length, StandardCharsets.ISO_8859_1);
    }
}
