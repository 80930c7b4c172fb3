package by.butb.gateway;

/**
 * The frame scanner as it was first written, one byte at a time through its 16-byte window: the oracle that
 * {@link FrameScannerTest} holds {@link FrameScanner} to on random streams and slicings.
 */
final class PerByteFrameScanner
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
    /** The last {@link #WINDOW} bytes seen, by stream position modulo {@link #WINDOW}. */
    private final byte[] window = new byte[WINDOW];
    private long seen;

    private boolean loggedOn;
    /** Whether the bytes now are a BodyLength(9) value, after a header of {@link #headerBytes}. */
    private boolean inLength;
    private int headerBytes;
    private int digits;
    private long bodyLength;
    private long bytesBeforeLogon;

    /** Both limits count whole frames (header, body and trailer) in bytes. */
    PerByteFrameScanner(final int maxBytesBeforeLogon, final int maxMessageBytes)
    {
        this.maxBytesBeforeLogon = maxBytesBeforeLogon;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** As {@link FrameScanner#scan(byte[], int, int, boolean)}. */
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
            window[(int)(seen++ & (WINDOW - 1))] = b;
            if (b == '=' && endsWithHeader())
            {
                inLength = true;
                digits = 0;
                bodyLength = 0;
            }
        }
        return null;
    }

    /** A byte of BodyLength(9)'s value: a digit, or the SOH that ends it; what is wrong, or null. */
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
            return null;
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

    /** Whether the bytes seen end with a header, "8=FIX" ["T" or "t"] "." any "." any SOH "9="; sets its length. */
    private boolean endsWithHeader()
    {
        if (back(1) != '9' || back(2) != SOH || back(4) != '.' || back(6) != '.')
        {
            return false;
        }
        if (isFixAt(7))
        {
            headerBytes = SHORT_HEADER_BYTES;
            return true;
        }
        if ((back(7) == 'T' || back(7) == 't') && isFixAt(8))
        {
            headerBytes = LONG_HEADER_BYTES;
            return true;
        }
        return false;
    }

    /** Whether "8=FIX" ends {@code distance} bytes before the last byte seen. */
    private boolean isFixAt(final int distance)
    {
        return seen > distance + 4 && back(distance) == 'X' && back(distance + 1) == 'I' &&
            back(distance + 2) == 'F' && back(distance + 3) == '=' && back(distance + 4) == '8';
    }

    /** The byte {@code distance} bytes before the last one seen (0: the last). */
    private byte back(final int distance)
    {
        return window[(int)((seen - 1 - distance) & (WINDOW - 1))];
    }
}
