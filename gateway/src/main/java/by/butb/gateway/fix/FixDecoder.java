package by.butb.gateway.fix;

import java.nio.charset.StandardCharsets;

/**
 * A flyweight over one framed FIX message in a receive buffer: {@link #wrap} checks the frame (BeginString,
 * BodyLength, CheckSum, every field {@code tag=value|}) and records each field's tag and value offsets; the
 * accessors read values in place. No object is created per message or field, except by {@link #string} and when
 * a message has more fields than any before it (the field tables grow).
 * The fields are valid until the buffer is overwritten. Not thread-safe: one per I/O thread.
 */
public final class FixDecoder
{
    public static final byte SOH = 1;
    /**
     * Fields a message may have (more than a 64 KiB message can hold); a message with more is refused as malformed.
     */
    public static final int MAX_FIELDS = 65_536;
    /** Fields the decoder has room for at first; it grows (doubling) when a message has more. */
    private static final int INITIAL_FIELDS = 1_024;

    /** Why {@link #wrap} refused a message: a constant text naming the problem. */
    public static final String BAD_BEGIN = "the message does not start with BeginString(8)";
    public static final String BAD_BODY_LENGTH = "BodyLength(9) does not match the message";
    public static final String BAD_CHECKSUM = "CheckSum(10) does not match the message";
    public static final String BAD_FIELD = "a field is not tag=value";
    public static final String TOO_MANY_FIELDS = "the message has more than " + MAX_FIELDS + " fields";
    public static final String NO_MSG_TYPE = "MsgType(35) is not the third field";

    /** Tags below this are found through {@link #firstIndex} rather than by a search. */
    private static final int INDEXED_TAGS = 1_024;

    private int[] tags = new int[INITIAL_FIELDS];
    /** Per tag below {@link #INDEXED_TAGS}: the index of its first field, valid where its stamp is {@link #stamp}. */
    private final int[] firstIndex = new int[INDEXED_TAGS];
    private final int[] firstStamp = new int[INDEXED_TAGS];
    /** Which {@link #wrap} the entries of {@link #firstIndex} belong to. */
    private int stamp;
    private int[] starts = new int[INITIAL_FIELDS];
    private int[] ends = new int[INITIAL_FIELDS];
    private byte[] buffer;
    private int count;
    private String problem;
    private int emptyTag;

    /**
     * Decodes the frame {@code in[offset, offset + length)} (as {@link FixFramer#frame} found it); true when it is
     * a well-formed FIX message, else {@link #problem} says why. A field with no value ({@code 1=}) other than
     * MsgType(35) leaves the message well-formed, as the FIX session layer answers it with a Reject: {@link #emptyTag}
     * names it.
     */
    public boolean wrap(final byte[] in, final int offset, final int length)
    {
        buffer = in;
        count = 0;
        problem = null;
        emptyTag = 0;
        if (++stamp == 0)
        {
            java.util.Arrays.fill(firstStamp, 0);
            stamp = 1;
        }
        final int end = offset + length;
        int p = offset;
        int bodyStart = -1;
        while (p < end)
        {
            final int fieldStart = p;
            int tag = 0;
            int digits = 0;
            while (p < end && in[p] >= '0' && in[p] <= '9' && digits < 10)
            {
                tag = tag * 10 + in[p] - '0';
                digits++;
                p++;
            }
            if (digits == 0 || digits == 10 || p == end || in[p] != '=' || tag == 0)
            {
                return fail(BAD_FIELD);
            }
            final int valueStart = ++p;
            while (p < end && in[p] != SOH)
            {
                p++;
            }
            if (p == end)
            {
                return fail(BAD_FIELD);
            }
            if (p == valueStart && emptyTag == 0)
            {
                emptyTag = tag;
            }
            if (count == tags.length)
            {
                if (count == MAX_FIELDS)
                {
                    return fail(TOO_MANY_FIELDS);
                }
                grow();
            }
            tags[count] = tag;
            starts[count] = valueStart;
            ends[count] = p;
            if (tag < INDEXED_TAGS && firstStamp[tag] != stamp)
            {
                firstStamp[tag] = stamp;
                firstIndex[tag] = count;
            }
            count++;
            p++;
            if (tag == 10)
            {
                return trailer(fieldStart, p, end, bodyStart, CheckSum.of(in, offset, fieldStart));
            }
            if (count == 2)
            {
                bodyStart = p;
            }
        }
        return fail(BAD_BODY_LENGTH);
    }

    private void grow()
    {
        final int capacity = Math.min(tags.length * 2, MAX_FIELDS);
        tags = java.util.Arrays.copyOf(tags, capacity);
        starts = java.util.Arrays.copyOf(starts, capacity);
        ends = java.util.Arrays.copyOf(ends, capacity);
    }

    private boolean trailer(final int trailerStart, final int after, final int end, final int bodyStart,
        final int sum)
    {
        if (tags[0] != 8 || count < 4 || tags[1] != 9)
        {
            return fail(BAD_BEGIN);
        }
        if (tags[2] != 35 || ends[2] == starts[2])
        {
            return fail(NO_MSG_TYPE);
        }
        if (after != end || longValue(1) != trailerStart - bodyStart)
        {
            return fail(BAD_BODY_LENGTH);
        }
        final int i = count - 1;
        if (ends[i] - starts[i] != 3 || intValue(i) != sum)
        {
            return fail(BAD_CHECKSUM);
        }
        return true;
    }

    private boolean fail(final String why)
    {
        problem = why;
        return false;
    }

    /** The first tag of the last {@link #wrap}'s message that has no value; 0 when every field has one. */
    public int emptyTag()
    {
        return emptyTag;
    }

    /** Why the last {@link #wrap} failed, or null. */
    public String problem()
    {
        return problem;
    }

    /** Fields, BeginString to CheckSum. */
    public int count()
    {
        return count;
    }

    public int tagAt(final int index)
    {
        return tags[index];
    }

    public byte[] buffer()
    {
        return buffer;
    }

    public int valueStart(final int index)
    {
        return starts[index];
    }

    public int valueEnd(final int index)
    {
        return ends[index];
    }

    /** Where the field {@code tag=} of the index-th field starts in the buffer. */
    public int fieldStart(final int index)
    {
        int p = starts[index] - 2;
        while (p > 0 && buffer[p - 1] >= '0' && buffer[p - 1] <= '9')
        {
            p--;
        }
        return p;
    }

    /** The index of the first field with {@code tag}, or -1. */
    public int indexOf(final int tag)
    {
        if (tag >= 0 && tag < INDEXED_TAGS)
        {
            return firstStamp[tag] == stamp ? firstIndex[tag] : -1;
        }
        for (int i = 0; i < count; i++)
        {
            if (tags[i] == tag)
            {
                return i;
            }
        }
        return -1;
    }

    public boolean has(final int tag)
    {
        return indexOf(tag) >= 0;
    }

    /** The first character of the field's value, or 0 when absent. */
    public char charValue(final int tag)
    {
        final int i = indexOf(tag);
        return i < 0 ? 0 : (char)(buffer[starts[i]] & 0xFF);
    }

    /** The field's value as a String (ISO-8859-1), or null when absent. Allocates. */
    public String string(final int tag)
    {
        final int i = indexOf(tag);
        return i < 0 ? null : new String(buffer, starts[i], ends[i] - starts[i], StandardCharsets.ISO_8859_1);
    }

    /** Whether the field's value is exactly {@code text} (ASCII). */
    public boolean valueEquals(final int tag, final byte[] text)
    {
        final int i = indexOf(tag);
        if (i < 0 || ends[i] - starts[i] != text.length)
        {
            return false;
        }
        for (int k = 0; k < text.length; k++)
        {
            if (buffer[starts[i] + k] != text[k])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * The field's value as a non-negative decimal integer of at most 18 digits after its leading zeros (QuickFIX/J
     * reads {@code 030} as 30 too); -1 when absent, -2 when not such a number.
     */
    public long longValueOf(final int tag)
    {
        final int i = indexOf(tag);
        return i < 0 ? -1 : longValue(i);
    }

    /** The index-th field's value as in {@link #longValueOf}. */
    public long longValue(final int index)
    {
        int start = starts[index];
        final int end = ends[index];
        while (end - start > 1 && buffer[start] == '0')
        {
            start++;
        }
        if (end - start > 18)
        {
            return -2;
        }
        long value = 0;
        for (int p = start; p < end; p++)
        {
            final int d = buffer[p] - '0';
            if (d < 0 || d > 9)
            {
                return -2;
            }
            value = value * 10 + d;
        }
        return value;
    }

    private int intValue(final int index)
    {
        final long v = longValue(index);
        return v > Integer.MAX_VALUE ? -2 : (int)v;
    }

    /** The field's UTCTimestamp in epoch nanoseconds; {@link UtcTimestamps#INVALID} when absent or malformed. */
    public long timestampNanos(final int tag)
    {
        final int i = indexOf(tag);
        return i < 0 ? UtcTimestamps.INVALID : UtcTimestamps.parseNanos(buffer, starts[i], ends[i]);
    }
}
