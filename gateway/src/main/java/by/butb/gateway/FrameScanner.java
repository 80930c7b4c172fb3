package by.butb.gateway;

import java.nio.ByteBuffer;

/**
 * Watches one connection's inbound bytes, as they arrive and before anything buffers them, for what the FIX decoder
 * could be made to hold: every message header the decoder would recognise ({@code 8=FIX.x.y|9=} or
 * {@code 8=FIXT.x.y|9=}, with any x and y, as QuickFIX/J's {@code FIXMessageDecoder} matches it) is followed by its
 * BodyLength(9), and a frame it announces (header, body and the 7-byte trailer {@code 10=nnn|}) larger than the
 * connection's limit is a violation; so is a BodyLength that is not 1 to 9 digits ending with SOH (a decoder left to
 * read "9=-1" or "9=x" would buffer what follows without a limit), and, before logon, more bytes in all than the
 * logon limit.
 *
 * <p>Headers are looked for at every byte, including inside what an earlier header announced as its body: the
 * decoder resynchronises after a message whose BodyLength is wrong (it looks for the next header right after the
 * announced end), so no assumption about where frames end may decide which headers are checked. Text that is not
 * a header is left to the decoder's own limits. Not thread-safe: one connection's I/O thread scans.
 */
final class FrameScanner
{
    private static final byte SOH = 1;
    /** "10=nnn|" */
    private static final int TRAILER_BYTES = 7;
    private static final int MAX_LENGTH_DIGITS = 9;
    /** "8=FIX.x.y|9=" */
    private static final int SHORT_HEADER_BYTES = 12;
    /** "8=FIXT.x.y|9=" */
    private static final int LONG_HEADER_BYTES = 13;
    private static final int WINDOW = 16;

    private final int maxBytesBeforeLogon;
    private final int maxMessageBytes;
    /** The last {@link #WINDOW} bytes of earlier calls, by stream position modulo {@link #WINDOW}. */
    private final byte[] window = new byte[WINDOW];
    /** Bytes scanned by earlier calls. */
    private long seen;
    /** During a call: the bytes being scanned and where they start in the array, for {@link #back}. */
    private byte[] chunk;
    private int chunkStart;

    private boolean loggedOn;
    /** Whether the bytes now are a BodyLength(9) value, after a header of {@link #headerBytes}. */
    private boolean inLength;
    private int headerBytes;
    private int digits;
    private long bodyLength;
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
    String scan(final ByteBuffer in, final boolean loggedOnNow)
    {
        return in.hasArray() ? scan(in.array(), in.arrayOffset() + in.position(), in.arrayOffset() + in.limit(),
            loggedOnNow) : scanCopy(in, loggedOnNow);
    }

    private String scanCopy(final ByteBuffer in, final boolean loggedOnNow)
    {
        final byte[] copy = new byte[in.remaining()];
        in.duplicate().get(copy);
        return scan(copy, 0, copy.length, loggedOnNow);
    }

    /** As {@link #scan(ByteBuffer, boolean)}, for the bytes {@code in[from, to)}. */
    String scan(final byte[] in, final int from, final int to, final boolean loggedOnNow)
    {
        loggedOn |= loggedOnNow;
        if (!loggedOn)
        {
            bytesBeforeLogon += to - from;
            if (bytesBeforeLogon > maxBytesBeforeLogon)
            {
                return "more than " + maxBytesBeforeLogon + " bytes before logon";
            }
        }
        chunk = in;
        chunkStart = from;
        try
        {
            for (int i = from; i < to; i++)
            {
                final byte b = in[i];
                if (inLength)
                {
                    final String problem = length(b);
                    if (problem != null)
                    {
                        return problem;
                    }
                }
                if (b == '=' && endsWithHeader(i))
                {
                    inLength = true;
                    digits = 0;
                    bodyLength = 0;
                }
            }
            for (int i = Math.max(from, to - WINDOW); i < to; i++)
            {
                window[(int)((seen + i - from) & (WINDOW - 1))] = in[i];
            }
            seen += to - from;
            return null;
        }
        finally
        {
            chunk = null;
        }
    }

    /** A byte of BodyLength(9)'s value: a digit, or the SOH ending it after 1 to 9 digits; what is wrong, or null. */
    private String length(final byte b)
    {
        if (b >= '0' && b <= '9')
        {
            if (digits == MAX_LENGTH_DIGITS)
            {
                return "BodyLength(9) has more than " + MAX_LENGTH_DIGITS + " digits";
            }
            bodyLength = bodyLength * 10 + (b - '0');
            digits++;
            return null;
        }
        inLength = false;
        if (b != SOH || digits == 0)
        {
            return "BodyLength(9) is not a number (1 to " + MAX_LENGTH_DIGITS + " digits, then SOH)";
        }
        final long size = headerBytes + digits + 1 + bodyLength + TRAILER_BYTES;
        final int max = loggedOn ? maxMessageBytes : maxBytesBeforeLogon;
        if (size > max)
        {
            return "a message of " + size + " bytes (BodyLength(9)=" + bodyLength + ") is larger than " + max +
                " bytes" + (loggedOn ? "" : " before logon");
        }
        return null;
    }

    /**
     * Whether the bytes up to {@code chunk[last]} end with a header, "8=FIX" ["T" or "t"] "." any "." any SOH "9=";
     * sets its length.
     */
    private boolean endsWithHeader(final int last)
    {
        if (back(last, 1) != '9' || back(last, 2) != SOH || back(last, 4) != '.' || back(last, 6) != '.')
        {
            return false;
        }
        if (isFixAt(last, 7))
        {
            headerBytes = SHORT_HEADER_BYTES;
            return true;
        }
        if ((back(last, 7) == 'T' || back(last, 7) == 't') && isFixAt(last, 8))
        {
            headerBytes = LONG_HEADER_BYTES;
            return true;
        }
        return false;
    }

    /** Whether "8=FIX" ends {@code distance} bytes before {@code chunk[last]}. */
    private boolean isFixAt(final int last, final int distance)
    {
        return seen + (last - chunkStart) >= distance + 4 && back(last, distance) == 'X' &&
            back(last, distance + 1) == 'I' && back(last, distance + 2) == 'F' && back(last, distance + 3) == '=' &&
            back(last, distance + 4) == '8';
    }

    /**
     * The byte {@code distance} bytes before {@code chunk[last]} (0: that byte): in the chunk, or in the window of
     * what earlier calls scanned.
     */
    private byte back(final int last, final int distance)
    {
        final int at = last - distance;
        return at >= chunkStart ? chunk[at] : window[(int)((seen + at - chunkStart) & (WINDOW - 1))];
    }
}
