package by.butb.gateway;

/**
 * The rule for identifiers a client sends and the gateway keeps or echoes (ClOrdID, MDReqID, ...): 1 to
 * {@value #MAX_LENGTH} printable ASCII characters (space to tilde).
 */
final class FixIds
{
    static final int MAX_LENGTH = 64;

    private FixIds()
    {
    }

    /** What is wrong with {@code value} ("is longer than 64 characters"), or null when it is a valid id. */
    static String problem(final String value)
    {
        if (value.isEmpty())
        {
            return "is empty";
        }
        if (value.length() > MAX_LENGTH)
        {
            return "is longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c < ' ' || c > '~')
            {
                return "must be printable ASCII: it has character " + (int)c + " at position " + (i + 1);
            }
        }
        return null;
    }

    static boolean isTooLong(final String value)
    {
        return value.length() > MAX_LENGTH;
    }
}
