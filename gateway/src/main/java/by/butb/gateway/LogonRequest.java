package by.butb.gateway;

/**
 * The fields of a connection's first message that decide who it is and how its session runs, read from the raw text
 * before QuickFIX/J parses it: BeginString(8), MsgType(35), SenderCompID(49), TargetCompID(56), the sub and location
 * ids (50, 57, 142, 143), HeartBtInt(108), Username(553) and Password(554). {@link #duplicated} is set when any of
 * these tags occurs more than once anywhere in the message (also inside a data field), so that what is checked here
 * is what QuickFIX/J binds.
 */
record LogonRequest(String raw, String beginString, String msgType, String senderCompId, String targetCompId,
    boolean subOrLocationIds, String heartBtInt, String username, String password, boolean duplicated)
{
    private static final char SOH = '\u0001';

    /** The fields of a message; absent fields are null. */
    static LogonRequest parse(final String raw)
    {
        String begin = null;
        String msgType = null;
        String sender = null;
        String target = null;
        String username = null;
        String password = null;
        String heartBtInt = null;
        boolean ids = false;
        boolean duplicated = false;
        int start = 0;
        final int n = raw.length();
        while (start < n)
        {
            int end = raw.indexOf(SOH, start);
            if (end < 0)
            {
                end = n;
            }
            final int eq = raw.indexOf('=', start);
            if (eq > start && eq < end)
            {
                final int tag = tag(raw, start, eq);
                final String value = raw.substring(eq + 1, end);
                switch (tag)
                {
                    case 8 ->
                    {
                        duplicated |= begin != null;
                        begin = value;
                    }
                    case 35 ->
                    {
                        duplicated |= msgType != null;
                        msgType = value;
                    }
                    case 49 ->
                    {
                        duplicated |= sender != null;
                        sender = value;
                    }
                    case 56 ->
                    {
                        duplicated |= target != null;
                        target = value;
                    }
                    case 108 ->
                    {
                        duplicated |= heartBtInt != null;
                        heartBtInt = value;
                    }
                    case 553 ->
                    {
                        duplicated |= username != null;
                        username = value;
                    }
                    case 554 ->
                    {
                        duplicated |= password != null;
                        password = value;
                    }
                    case 50, 57, 142, 143 -> ids = true;
                    default ->
                    {
                    }
                }
            }
            start = end + 1;
        }
        return new LogonRequest(raw, begin, msgType, sender, target, ids, heartBtInt, username, password,
            duplicated);
    }

    /** The tag number of {@code raw[start, eq)} as QuickFIX/J reads it ({@link Integer#parseInt}), or -1. */
    private static int tag(final String raw, final int start, final int eq)
    {
        if (eq - start > 11)
        {
            return -1;
        }
        try
        {
            return Integer.parseInt(raw, start, eq, 10);
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    boolean isLogon()
    {
        return "A".equals(msgType);
    }

    @Override
    public String toString()
    {
        return "Logon of " + senderCompId; // never the password
    }
}
