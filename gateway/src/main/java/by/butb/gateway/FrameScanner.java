package by.butb.gateway;

import org.apache.mina.core.buffer.IoBuffer;

/**
 * Follows the FIX framing of one connection's inbound bytes, as they arrive and before anything buffers them, to
 * bound what the FIX decoder could be made to hold: a frame ({@code 8=...|9=<BodyLength>|<body>10=nnn|}) larger
 * than the connection's limit, or more bytes before logon than allowed, is a violation. Bytes between frames that
 * are not a frame start ({@code 8=FIX}) are skipped, as the decoder skips them; the decoder's own limits apply to
 * those. Not thread-safe: one connection's I/O thread scans.
 */
final class FrameScanner
{
    private static final byte SOH = 1;
    private static final byte[] START = {'8', '=', 'F', 'I', 'X'};
    private static final byte[] LENGTH_TAG = {'9', '='};
    /** "10=nnn|" */
    private static final int TRAILER_BYTES = 7;
    private static final int MAX_BEGIN_STRING_BYTES = 16;
    private static final int MAX_LENGTH_DIGITS = 9;

    private static final int SEEK = 0;
    private static final int BEGIN_STRING = 1;
    private static final int LENGTH_TAG_STATE = 2;
    private static final int LENGTH = 3;
    private static final int BODY = 4;

    private final int maxBytesBeforeLogon;
    private final int maxMessageBytes;

    private boolean loggedOn;
    private int state = SEEK;
    /** Bytes of {@link #START} or {@link #LENGTH_TAG} matched so far, or of the BeginString value read. */
    private int matched;
    private int frameBytes;
    private long bodyLength;
    private long bodyLeft;
    private long bytesBeforeLogon;

    /** Both limits count whole frames (header, body and trailer) in bytes. */
    FrameScanner(final int maxBytesBeforeLogon, final int maxMessageBytes)
    {
        this.maxBytesBeforeLogon = maxBytesBeforeLogon;
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * Scans the bytes between the buffer's position and limit (the buffer is not changed); returns null, or what
     * is wrong, after which the connection must be closed. {@code loggedOn}: whether the connection is logged on
     * (frames bounded by the message limit, no byte count) or not yet (frames and all bytes together bounded by
     * the logon limit); once it was true, the connection counts as logged on for good.
     */
    String scan(final IoBuffer in, final boolean loggedOnNow)
    {
        loggedOn |= loggedOnNow;
        if (!loggedOn)
        {
            bytesBeforeLogon += in.remaining();
            if (bytesBeforeLogon > maxBytesBeforeLogon)
            {
                return "more than " + maxBytesBeforeLogon + " bytes before logon";
            }
        }
        final int limit = in.limit();
        int i = in.position();
        while (i < limit)
        {
            if (state == BODY)
            {
                final int skip = (int)Math.min(bodyLeft, limit - i);
                bodyLeft -= skip;
                i += skip;
                if (bodyLeft == 0)
                {
                    state = SEEK;
                    matched = 0;
                }
                continue;
            }
            final byte b = in.get(i++);
            frameBytes++;
            switch (state)
            {
                case SEEK ->
                {
                    matched = b == START[matched] ? matched + 1 : b == START[0] ? 1 : 0;
                    if (matched == START.length)
                    {
                        state = BEGIN_STRING;
                        matched = 0;
                        frameBytes = START.length;
                    }
                }
                case BEGIN_STRING ->
                {
                    if (b == SOH)
                    {
                        state = LENGTH_TAG_STATE;
                        matched = 0;
                    }
                    else if (++matched > MAX_BEGIN_STRING_BYTES)
                    {
                        restart(b);
                    }
                }
                case LENGTH_TAG_STATE ->
                {
                    if (b == LENGTH_TAG[matched])
                    {
                        if (++matched == LENGTH_TAG.length)
                        {
                            state = LENGTH;
                            matched = 0;
                            bodyLength = 0;
                        }
                    }
                    else
                    {
                        restart(b);
                    }
                }
                case LENGTH ->
                {
                    final String problem = length(b);
                    if (problem != null)
                    {
                        return problem;
                    }
                }
                default -> throw new IllegalStateException("state " + state);
            }
        }
        return null;
    }

    /** A byte of BodyLength(9)'s value: a digit, or the SOH that ends it; what is wrong, or null. */
    private String length(final byte b)
    {
        if (b >= '0' && b <= '9')
        {
            if (matched == MAX_LENGTH_DIGITS)
            {
                return "BodyLength(9) has more than " + MAX_LENGTH_DIGITS + " digits";
            }
            bodyLength = bodyLength * 10 + (b - '0');
            matched++;
        }
        else if (b == SOH && matched > 0)
        {
            final long size = frameBytes + bodyLength + TRAILER_BYTES;
            final int max = loggedOn ? maxMessageBytes : maxBytesBeforeLogon;
            if (size > max)
            {
                return "a message of " + size + " bytes (BodyLength(9)=" + bodyLength + ") is larger than " + max +
                    " bytes" + (loggedOn ? "" : " before logon");
            }
            state = BODY;
            bodyLeft = bodyLength + TRAILER_BYTES;
        }
        else
        {
            restart(b);
        }
        return null;
    }

    /** Not a frame after all: look for the next frame start, beginning with {@code b}. */
    private void restart(final byte b)
    {
        state = SEEK;
        matched = b == START[0] ? 1 : 0;
    }
}
