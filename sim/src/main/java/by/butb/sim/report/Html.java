package by.butb.sim.report;

/** HTML text escaping for the report. */
final class Html
{
    private Html()
    {
    }

    /** {@code text} with &amp;, &lt;, &gt; and &quot; escaped. */
    static String esc(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
