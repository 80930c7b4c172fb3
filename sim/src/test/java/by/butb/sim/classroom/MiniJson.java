package by.butb.sim.classroom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A strict little JSON parser for the tests: objects become maps, arrays lists, numbers doubles. */
final class MiniJson
{
    private final String s;
    private int i;

    private MiniJson(final String s)
    {
        this.s = s;
    }

    static Object parse(final String text)
    {
        final MiniJson p = new MiniJson(text);
        final Object v = p.value();
        p.ws();
        if (p.i != text.length())
        {
            throw new IllegalArgumentException("trailing text at " + p.i + ": " + snippet(text, p.i));
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(final String text)
    {
        return (Map<String, Object>)parse(text);
    }

    private Object value()
    {
        ws();
        if (i >= s.length())
        {
            throw error("unexpected end");
        }
        final char c = s.charAt(i);
        switch (c)
        {
            case '{':
                return obj();
            case '[':
                return arr();
            case '"':
                return str();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                return num();
        }
    }

    private Map<String, Object> obj()
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        i++;
        ws();
        if (s.charAt(i) == '}')
        {
            i++;
            return m;
        }
        while (true)
        {
            ws();
            final String k = str();
            ws();
            expect(':');
            m.put(k, value());
            ws();
            if (s.charAt(i) == ',')
            {
                i++;
                continue;
            }
            expect('}');
            return m;
        }
    }

    private List<Object> arr()
    {
        final List<Object> l = new ArrayList<>();
        i++;
        ws();
        if (s.charAt(i) == ']')
        {
            i++;
            return l;
        }
        while (true)
        {
            l.add(value());
            ws();
            if (s.charAt(i) == ',')
            {
                i++;
                continue;
            }
            expect(']');
            return l;
        }
    }

    private String str()
    {
        expect('"');
        final StringBuilder b = new StringBuilder();
        while (true)
        {
            final char c = s.charAt(i++);
            if (c == '"')
            {
                return b.toString();
            }
            if (c < 0x20)
            {
                throw error("control character in a string");
            }
            if (c != '\\')
            {
                b.append(c);
                continue;
            }
            final char e = s.charAt(i++);
            switch (e)
            {
                case '"', '\\', '/' -> b.append(e);
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' ->
                {
                    b.append((char)Integer.parseInt(s.substring(i, i + 4), 16));
                    i += 4;
                }
                default -> throw error("bad escape \\" + e);
            }
        }
    }

    private Object num()
    {
        final int start = i;
        while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0)
        {
            i++;
        }
        if (start == i)
        {
            throw error("unexpected character '" + s.charAt(i) + "'");
        }
        return Double.parseDouble(s.substring(start, i));
    }

    private Object literal(final String word, final Object v)
    {
        if (!s.startsWith(word, i))
        {
            throw error("expected " + word);
        }
        i += word.length();
        return v;
    }

    private void expect(final char c)
    {
        if (i >= s.length() || s.charAt(i) != c)
        {
            throw error("expected '" + c + "'");
        }
        i++;
    }

    private void ws()
    {
        while (i < s.length() && Character.isWhitespace(s.charAt(i)))
        {
            i++;
        }
    }

    private IllegalArgumentException error(final String what)
    {
        return new IllegalArgumentException(what + " at " + i + ": " + snippet(s, i));
    }

    private static String snippet(final String s, final int at)
    {
        return s.substring(Math.max(0, at - 30), Math.min(s.length(), at + 30));
    }
}
