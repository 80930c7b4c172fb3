package by.butb.gateway.fix;

/**
 * Finds FIX frames in a connection's received bytes: {@code 8=FIX...|9=N|}, N body bytes, then the 7-byte trailer
 * {@code 10=nnn|}. Bytes before a frame's {@code 8=FIX} are garbage to skip, as QuickFIX/J's decoder skips them
 * (resynchronising at the next {@code 8=FIX}). Whether the frame's BodyLength and CheckSum are right is the
 * {@link FixDecoder}'s check. Size limits are the caller's ({@code FrameScanner} sees every header first).
 * Functions; any thread.
 */
public final class FixFramer
{
    /** "10=nnn|" */
    public static final int TRAILER_BYTES = 7;
    private static final int MAX_BEGIN_STRING = 16;
    private static final int MAX_LENGTH_DIGITS = 9;
    private static final byte[] FIX = {'8', '=', 'F', 'I', 'X'};

    private FixFramer()
    {
    }

    /**
     * What starts at {@code in[offset]} among {@code length} bytes: the length of a whole frame (positive), 0 when
     * more bytes are needed, or minus the number of garbage bytes to skip before the next possible frame.
     */
    public static int frame(final byte[] in, final int offset, final int length)
    {
        final int end = offset + length;
        if (!startsWithFix(in, offset, end))
        {
            return length < 5 && isFixPrefix(in, offset, end) ? 0 : -skipToNextFix(in, offset, end);
        }
        int p = offset + 2;
        final int beginLimit = Math.min(end, p + MAX_BEGIN_STRING + 1);
        while (p < beginLimit && in[p] != FixDecoder.SOH)
        {
            p++;
        }
        if (p == beginLimit)
        {
            return p == end ? 0 : -skipToNextFix(in, offset, end);
        }
        p++; // SOH after BeginString
        if (end - p < 2)
        {
            return 0;
        }
        if (in[p] != '9' || in[p + 1] != '=')
        {
            return -skipToNextFix(in, offset, end);
        }
        p += 2;
        long bodyLength = 0;
        int digits = 0;
        while (p < end && in[p] >= '0' && in[p] <= '9' && digits <= MAX_LENGTH_DIGITS)
        {
            bodyLength = bodyLength * 10 + in[p] - '0';
            digits++;
            p++;
        }
        if (p == end)
        {
            return 0;
        }
        if (in[p] != FixDecoder.SOH || digits == 0 || digits > MAX_LENGTH_DIGITS)
        {
            return -skipToNextFix(in, offset, end);
        }
        final long frameEnd = p + 1 + bodyLength + TRAILER_BYTES;
        return frameEnd > end ? 0 : (int)(frameEnd - offset);
    }

    private static boolean startsWithFix(final byte[] in, final int at, final int end)
    {
        return end - at >= 5 && in[at] == '8' && in[at + 1] == '=' && in[at + 2] == 'F' && in[at + 3] == 'I' &&
            in[at + 4] == 'X';
    }

    /** Whether the bytes from {@code at} (fewer than five) could begin "8=FIX". */
    private static boolean isFixPrefix(final byte[] in, final int at, final int end)
    {
        for (int i = at; i < end; i++)
        {
            if (in[i] != FIX[i - at])
            {
                return false;
            }
        }
        return true;
    }

    /** Bytes from {@code at} to the next "8=FIX" after it, or to the last four bytes that could begin one. */
    private static int skipToNextFix(final byte[] in, final int at, final int end)
    {
        for (int i = at + 1; i < end; i++)
        {
            if (in[i] == '8' && (startsWithFix(in, i, end) || end - i < 5 && isFixPrefix(in, i, end)))
            {
                return i - at;
            }
        }
        return end - at;
    }
}
