package by.butb.sim.replay;

import by.butb.engine.model.FixedPoint;

import java.util.Arrays;

/**
 * A text built as UTF-8 bytes, reused from text to text: for the reasons written again and again, which then go to
 * the output with {@link TableOut#text} without becoming strings. Not thread-safe: one writing thread.
 */
final class TextBytes
{
    /** Room {@link FixedPoint#writeTo} needs for any decimal of scale 0 to 18. */
    private static final int NUMBER_ROOM = 21;

    private byte[] bytes = new byte[128];
    private int length;

    TextBytes clear()
    {
        length = 0;
        return this;
    }

    /** Appends UTF-8 bytes as they are. */
    TextBytes append(final byte[] utf8)
    {
        room(utf8.length);
        System.arraycopy(utf8, 0, bytes, length, utf8.length);
        length += utf8.length;
        return this;
    }

    /** Appends the UTF-8 bytes {@code utf8[from, from + length)} as they are. */
    TextBytes append(final byte[] utf8, final int from, final int length)
    {
        room(length);
        System.arraycopy(utf8, from, bytes, this.length, length);
        this.length += length;
        return this;
    }

    /** Appends {@link FixedPoint#format}{@code (value, scale)}, for a scale of 0 to 18. */
    TextBytes decimal(final long value, final int scale)
    {
        room(NUMBER_ROOM);
        length = FixedPoint.writeTo(bytes, length, value, scale);
        return this;
    }

    /** Writes the text as one field of {@code out}. */
    void writeTo(final TableOut out)
    {
        out.text(bytes, 0, length);
    }

    private void room(final int more)
    {
        if (length + more > bytes.length)
        {
            bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + more));
        }
    }
}
