package by.butb.sim.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The scripts report.html inlines, read from the classpath: Chart.js, Hammer.js and the Chart.js zoom plugin (their
 * WebJars), then the report's own chart code (report.js). Thread-safe; read once.
 */
final class ChartLibrary
{
    /** Classpath resources, in the order the page loads them. */
    static final String[] RESOURCES = {
        "META-INF/resources/webjars/chart.js/4.4.1/dist/chart.umd.js",
        "META-INF/resources/webjars/hammerjs/2.0.8/hammer.min.js",
        "META-INF/resources/webjars/chartjs-plugin-zoom/2.0.1/dist/chartjs-plugin-zoom.min.js",
        "by/butb/sim/report/report.js"};

    private static final String SCRIPT = load();

    private ChartLibrary()
    {
    }

    /** The scripts, each ending in a newline, with "</script" written "<\/script" so that none ends the element. */
    static String script()
    {
        return SCRIPT;
    }

    private static String load()
    {
        final StringBuilder sb = new StringBuilder(1 << 18);
        for (final String resource : RESOURCES)
        {
            try (InputStream in = ChartLibrary.class.getClassLoader().getResourceAsStream(resource))
            {
                if (in == null)
                {
                    throw new IllegalStateException("missing on the classpath: " + resource);
                }
                final String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                sb.append(text.replaceAll("(?i)</script", "<\\\\/script")).append('\n');
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("reading " + resource, ex);
            }
        }
        return sb.toString();
    }
}
