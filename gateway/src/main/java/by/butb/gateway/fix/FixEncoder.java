package by.butb.gateway.fix;

/**
 * Writes one FIX 4.4 message at a time into its own buffer: {@link #begin} writes MsgType and the session header,
 * the {@code field} methods append body fields, {@link #finish} puts BeginString and BodyLength in front and the
 * CheckSum behind. The finished message is {@code buffer()[start(), start() + length())}, valid until the next
 * {@link #begin}. No object is created per message, except when the buffer grows. Not thread-safe: one per session,
 * used under the session's lock.
 */
public final class FixEncoder
{
    /** Room before the body for "8=FIX.4.4|9=nnnnnnnnn|". */
    private static final int PREFIX = 24;
    private static final byte[] BEGIN = {'8', '=', 'F', 'I', 'X', '.', '4', '.', '4', FixDecoder.SOH, '9', '='};
    /** Tags below this have their "tag=" bytes ready ({@link #TAG_TEXT}). */
    private static final int KNOWN_TAGS = 1_000;
    /** "tag=" of each tag below {@link #KNOWN_TAGS}, up to 4 bytes, the first in the lowest byte; its length. */
    private static final int[] TAG_TEXT = new int[KNOWN_TAGS];
    private static final byte[] TAG_LENGTH = new byte[KNOWN_TAGS];
    /** The two digits of 0 to 99. */
    private static final byte[] TENS = new byte[100];
    private static final byte[] ONES = new byte[100];
    /** "yyyyMMdd-HH:mm:ss" */
    private static final int SECOND_LENGTH = 17;

    static
    {
        for (int i = 0; i < 100; i++)
        {
            TENS[i] = (byte)('0' + i / 10);
            ONES[i] = (byte)('0' + i % 10);
        }
        for (int tag = 0; tag < KNOWN_TAGS; tag++)
        {
            final String text = tag + "=";
            int packed = 0;
            for (int i = text.length() - 1; i >= 0; i--)
            {
                packed = packed << 8 | text.charAt(i);
            }
            TAG_TEXT[tag] = packed;
            TAG_LENGTH[tag] = (byte)text.length();
        }
    }

    private byte[] buffer;
    private int position;
    private int start;
    /** The second whose timestamp text {@link #timestampText} holds ({@code Long.MIN_VALUE}: none yet). */
    private long timestampSecond = Long.MIN_VALUE;
    private final byte[] timestampText = new byte[UtcTimestamps.MILLIS_LENGTH];

    public FixEncoder(final int capacity)
    {
        buffer = new byte[Math.max(capacity, 256)];
    }

    /**
     * Starts a message: MsgType(35), SenderCompID(49), TargetCompID(56), MsgSeqNum(34), SendingTime(52) in
     * milliseconds.
     */
    public FixEncoder begin(final CharSequence msgType, final byte[] senderCompId, final byte[] targetCompId,
        final int seqNum, final long sendingTimeMillis)
    {
        position = PREFIX;
        field(35, msgType);
        field(49, senderCompId, 0, senderCompId.length);
        field(56, targetCompId, 0, targetCompId.length);
        field(34, seqNum);
        return timestamp(52, sendingTimeMillis);
    }

    public FixEncoder field(final int tag, final CharSequence value)
    {
        tag(tag, value.length());
        for (int i = 0; i < value.length(); i++)
        {
            buffer[position++] = (byte)value.charAt(i);
        }
        buffer[position++] = FixDecoder.SOH;
        return this;
    }

    public FixEncoder field(final int tag, final byte[] value, final int offset, final int length)
    {
        tag(tag, length);
        System.arraycopy(value, offset, buffer, position, length);
        position += length;
        buffer[position++] = FixDecoder.SOH;
        return this;
    }

    public FixEncoder field(final int tag, final char value)
    {
        tag(tag, 1);
        buffer[position++] = (byte)value;
        buffer[position++] = FixDecoder.SOH;
        return this;
    }

    public FixEncoder field(final int tag, final long value)
    {
        tag(tag, 20);
        position = number(value, position);
        buffer[position++] = FixDecoder.SOH;
        return this;
    }

    /**
     * A fixed-point number: {@code value} with {@code scale} decimals, all of them written ("1.500" for (1500, 3),
     * "0.005" for (5, 3), "-2" for (-2, 0)).
     */
    public FixEncoder decimal(final int tag, final long value, final int scale)
    {
        if (scale == 0)
        {
            return field(tag, value);
        }
        if (value == Long.MIN_VALUE || scale < 0 || scale > 18)
        {
            throw new IllegalArgumentException("cannot encode " + value + " with scale " + scale);
        }
        tag(tag, 22 + scale);
        long v = value;
        if (v < 0)
        {
            buffer[position++] = '-';
            v = -v;
        }
        long unit = 1;
        for (int i = 0; i < scale; i++)
        {
            unit *= 10;
        }
        position = number(v / unit, position);
        buffer[position++] = '.';
        long fraction = v % unit;
        for (int i = position + scale - 1; i >= position; i--)
        {
            buffer[i] = (byte)('0' + fraction % 10);
            fraction /= 10;
        }
        position += scale;
        buffer[position++] = FixDecoder.SOH;
        return this;
    }

    /** A UTCTimestamp in milliseconds; the date and time of day are written once per second and then copied. */
    public FixEncoder timestamp(final int tag, final long epochMillis)
    {
        tag(tag, UtcTimestamps.MILLIS_LENGTH);
        final long second = Math.floorDiv(epochMillis, 1000L);
        if (second != timestampSecond)
        {
            UtcTimestamps.write(timestampText, 0, epochMillis);
            timestampSecond = second;
        }
        System.arraycopy(timestampText, 0, buffer, position, SECOND_LENGTH);
        position += SECOND_LENGTH;
        buffer[position++] = '.';
        final int millis = (int)Math.floorMod(epochMillis, 1000L);
        buffer[position++] = (byte)('0' + millis / 100);
        buffer[position++] = TENS[millis % 100];
        buffer[position++] = ONES[millis % 100];
        buffer[position++] = FixDecoder.SOH;
        return this;
    }

    /** Appends bytes that are already whole fields ({@code tag=value|...}). */
    public FixEncoder raw(final byte[] fields, final int offset, final int length)
    {
        ensure(length);
        System.arraycopy(fields, offset, buffer, position, length);
        position += length;
        return this;
    }

    /** Appends one whole field given as text {@code tag=value} (ASCII), and its SOH. */
    public FixEncoder raw(final CharSequence field)
    {
        ensure(field.length() + 1);
        for (int i = 0; i < field.length(); i++)
        {
            buffer[position++] = (byte)field.charAt(i);
        }
        buffer[position++] = FixDecoder.SOH;
        return this;
    }

    /** Ends the message: BodyLength in front, CheckSum behind. */
    public FixEncoder finish()
    {
        final int bodyLength = position - PREFIX;
        start = PREFIX - 1 - digits(bodyLength) - BEGIN.length;
        System.arraycopy(BEGIN, 0, buffer, start, BEGIN.length);
        number(bodyLength, start + BEGIN.length);
        buffer[PREFIX - 1] = FixDecoder.SOH;
        final int sum = CheckSum.of(buffer, start, position);
        ensure(FixFramer.TRAILER_BYTES);
        buffer[position++] = '1';
        buffer[position++] = '0';
        buffer[position++] = '=';
        buffer[position++] = (byte)('0' + sum / 100);
        buffer[position++] = TENS[sum % 100];
        buffer[position++] = ONES[sum % 100];
        buffer[position++] = FixDecoder.SOH;
        return this;
    }


    public byte[] buffer()
    {
        return buffer;
    }

    public int start()
    {
        return start;
    }

    public int length()
    {
        return position - start;
    }

    private void tag(final int tag, final int valueLength)
    {
        ensure(valueLength + 12);
        if (tag >= 0 && tag < KNOWN_TAGS)
        {
            int text = TAG_TEXT[tag];
            for (int i = TAG_LENGTH[tag]; i > 0; i--)
            {
                buffer[position++] = (byte)text;
                text >>>= 8;
            }
            return;
        }
        position = number(tag, position);
        buffer[position++] = '=';
    }

    /** Writes {@code value} in decimal at {@code at}; returns the position after it. */
    private int number(final long value, final int at)
    {
        if (value < 0)
        {
            if (value == Long.MIN_VALUE)
            {
                throw new IllegalArgumentException("cannot encode " + value);
            }
            buffer[at] = '-';
            return number(-value, at + 1);
        }
        final int end = at + digits(value);
        int i = end;
        long v = value;
        while (v >= 100)
        {
            final int pair = (int)(v % 100);
            v /= 100;
            buffer[--i] = ONES[pair];
            buffer[--i] = TENS[pair];
        }
        if (v >= 10)
        {
            buffer[--i] = ONES[(int)v];
            buffer[--i] = TENS[(int)v];
        }
        else
        {
            buffer[--i] = (byte)('0' + v);
        }
        return end;
    }

    /** Decimal digits of {@code value}, which is not negative. */
    private static int digits(final long value)
    {
        int digits = 1;
        long bound = 10;
        while (digits < 19 && value >= bound)
        {
            digits++;
            bound *= 10;
        }
        return digits;
    }

    private void ensure(final int more)
    {
        if (position + more > buffer.length)
        {
            final byte[] bigger = new byte[Math.max(buffer.length * 2, position + more)];
            System.arraycopy(buffer, 0, bigger, 0, position);
            buffer = bigger;
        }
    }
}
