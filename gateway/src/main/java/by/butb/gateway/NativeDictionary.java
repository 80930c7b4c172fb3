package by.butb.gateway;

import by.butb.gateway.fix.FixDecoder;
import by.butb.gateway.fix.UtcTimestamps;
import quickfix.ConfigError;
import quickfix.DataDictionary;
import quickfix.FieldType;
import quickfix.field.SessionRejectReason;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The gateway's data dictionary ({@link GatewayServer#DATA_DICTIONARY}) as the native engine checks the order
 * messages and MarketDataRequests it handles (the fields of repeating groups as fields of the message), with the
 * QuickFIX/J engine's rules and reasons: a tag outside the repeating groups that appears twice (13, first, as
 * QuickFIX/J finds it while parsing), a tag the dictionary does not know (0), a tag not defined for the message
 * type (2), a value not among the field's enumerated ones (5), a value not in the
 * field's format (6), then a required field missing (1). Tables are built once from QuickFIX/J's
 * {@link DataDictionary}; checking creates no objects except for a multi-character enumerated value. Immutable
 * after construction; {@link #check} keeps its finding in fields: one instance per I/O thread.
 */
final class NativeDictionary
{
    private static final int MAX_TAG = 10_000;
    private static final String[] TYPES = {"D", "F", "G", "V"};

    private enum Format
    {
        ANY, INT, DECIMAL, CHAR, BOOLEAN, TIMESTAMP
    }

    private final DataDictionary dictionary;
    private final Map<String, boolean[]> allowed = new HashMap<>();
    private final Map<String, int[]> required = new HashMap<>();
    /** Per message type: the tags inside its repeating groups (they repeat, once per entry). */
    private final Map<String, boolean[]> grouped = new HashMap<>();
    /** The check that last saw each tag ({@link #checks}): finds a tag seen twice without clearing a table. */
    private final int[] seenIn = new int[MAX_TAG];
    private int checks;
    private final Format[] formats = new Format[MAX_TAG];
    private final boolean[] known = new boolean[MAX_TAG];
    /** Tags with enumerated values, and the one-character values each allows. */
    private final boolean[] enumerated = new boolean[MAX_TAG];
    private final boolean[][] charValues = new boolean[MAX_TAG][];

    /** After a failed {@link #check}: the tag at fault and the SessionRejectReason. */
    int tag;
    int reason;
    String text;

    NativeDictionary()
    {
        try
        {
            dictionary = new DataDictionary(GatewayServer.DATA_DICTIONARY);
        }
        catch (final ConfigError ex)
        {
            throw new IllegalStateException("cannot load " + GatewayServer.DATA_DICTIONARY + ": " + ex.getMessage(),
                ex);
        }
        for (final String type : TYPES)
        {
            final boolean[] ok = new boolean[MAX_TAG];
            final boolean[] inGroup = new boolean[MAX_TAG];
            final int[] req = new int[MAX_TAG];
            int requiredCount = 0;
            for (int t = 1; t < MAX_TAG; t++)
            {
                ok[t] |= dictionary.isHeaderField(t) || dictionary.isTrailerField(t) ||
                    dictionary.isMsgField(type, t); // a group's fields may have been allowed by a lower count tag
                if (dictionary.isMsgField(type, t) && dictionary.isRequiredField(type, t))
                {
                    req[requiredCount++] = t;
                }
                if (dictionary.isGroup(type, t))
                {
                    allowGroup(dictionary.getGroup(type, t).getDataDictionary(), type, ok, inGroup);
                }
            }
            allowed.put(type, ok);
            grouped.put(type, inGroup);
            required.put(type, java.util.Arrays.copyOf(req, requiredCount));
        }
        for (int t = 1; t < MAX_TAG; t++)
        {
            known[t] = dictionary.isField(t);
            formats[t] = known[t] ? format(dictionary.getFieldType(t)) : Format.ANY;
            if (dictionary.hasFieldValue(t))
            {
                enumerated[t] = true;
                charValues[t] = new boolean[128];
                for (char c = ' '; c < 127; c++)
                {
                    charValues[t][c] = dictionary.isFieldValue(t, String.valueOf(c));
                }
            }
        }
    }

    private static void allowGroup(final DataDictionary group, final String type, final boolean[] ok,
        final boolean[] inGroup)
    {
        for (final int t : group.getOrderedFields())
        {
            if (t > 0 && t < MAX_TAG)
            {
                ok[t] = true;
                inGroup[t] = true;
            }
            if (group.isGroup(type, t))
            {
                allowGroup(group.getGroup(type, t).getDataDictionary(), type, ok, inGroup);
            }
        }
    }

    private static Format format(final FieldType type)
    {
        if (type == null)
        {
            return Format.ANY;
        }
        return switch (type)
        {
            case INT, LENGTH, SEQNUM, NUMINGROUP, DAYOFMONTH -> Format.INT;
            case FLOAT, QTY, PRICE, PRICEOFFSET, AMT, PERCENTAGE -> Format.DECIMAL;
            case CHAR -> Format.CHAR;
            case BOOLEAN -> Format.BOOLEAN;
            case UTCTIMESTAMP -> Format.TIMESTAMP;
            default -> Format.ANY;
        };
    }

    /** Whether the D, F, G or V message in {@code d} passes; else {@link #tag}, {@link #reason} and {@link #text}. */
    boolean check(final FixDecoder d, final String msgType)
    {
        final int twice = repeatedTag(d, grouped.get(msgType));
        if (twice != 0)
        {
            return fail(twice, SessionRejectReason.TAG_APPEARS_MORE_THAN_ONCE, "Tag appears more than once");
        }
        final boolean[] ok = allowed.get(msgType);
        for (int i = 3; i < d.count() - 1; i++)
        {
            final int t = d.tagAt(i);
            if (t >= MAX_TAG ? !dictionary.isField(t) : !known[t])
            {
                return fail(t, SessionRejectReason.INVALID_TAG_NUMBER, "Invalid tag number");
            }
            if (t >= MAX_TAG || !ok[t])
            {
                return fail(t, SessionRejectReason.TAG_NOT_DEFINED_FOR_THIS_MESSAGE_TYPE,
                    "Tag not defined for this message type");
            }
            if (!validFormat(d, i, formats[t]))
            {
                return fail(t, SessionRejectReason.INCORRECT_DATA_FORMAT_FOR_VALUE, "Incorrect data format for value");
            }
            if (enumerated[t] && !enumeratedValue(d, i, t))
            {
                return fail(t, SessionRejectReason.VALUE_IS_INCORRECT,
                    "Value is incorrect (out of range) for this tag");
            }
        }
        for (final int t : required.get(msgType))
        {
            if (!d.has(t))
            {
                return fail(t, SessionRejectReason.REQUIRED_TAG_MISSING, "Required tag missing");
            }
        }
        return true;
    }

    /** The first tag outside the repeating groups that appears a second time, or 0. */
    private int repeatedTag(final FixDecoder d, final boolean[] inGroup)
    {
        if (++checks == 0)
        {
            java.util.Arrays.fill(seenIn, 0); // after 2^32 checks: no stale mark may match
            checks = 1;
        }
        for (int i = 3; i < d.count() - 1; i++)
        {
            final int t = d.tagAt(i);
            if (t < MAX_TAG && !inGroup[t])
            {
                if (seenIn[t] == checks)
                {
                    return t;
                }
                seenIn[t] = checks;
            }
        }
        return 0;
    }

    private boolean fail(final int t, final int why, final String what)
    {
        tag = t;
        reason = why;
        text = what;
        return false;
    }

    private boolean enumeratedValue(final FixDecoder d, final int i, final int t)
    {
        final int start = d.valueStart(i);
        final int length = d.valueEnd(i) - start;
        final byte b = d.buffer()[start];
        if (length == 1 && b >= 0)
        {
            return charValues[t][b];
        }
        return dictionary.isFieldValue(t, new String(d.buffer(), start, length, StandardCharsets.ISO_8859_1));
    }

    private static boolean validFormat(final FixDecoder d, final int i, final Format format)
    {
        final byte[] b = d.buffer();
        final int start = d.valueStart(i);
        final int end = d.valueEnd(i);
        return switch (format)
        {
            case ANY -> true;
            case CHAR -> end - start == 1;
            case BOOLEAN -> end - start == 1 && (b[start] == 'Y' || b[start] == 'N');
            case TIMESTAMP -> UtcTimestamps.parseNanos(b, start, end) != UtcTimestamps.INVALID;
            case INT -> number(b, start, end, false);
            case DECIMAL -> number(b, start, end, true);
        };
    }

    /** Optional '-', digits, and with {@code decimal} at most one '.'; at least one digit. */
    private static boolean number(final byte[] b, final int start, final int end, final boolean decimal)
    {
        int p = b[start] == '-' ? start + 1 : start;
        boolean digit = false;
        boolean point = false;
        for (; p < end; p++)
        {
            if (b[p] >= '0' && b[p] <= '9')
            {
                digit = true;
            }
            else if (decimal && b[p] == '.' && !point)
            {
                point = true;
            }
            else
            {
                return false;
            }
        }
        return digit;
    }
}
