package by.butb.sim.agents;

import java.util.List;
import java.util.Locale;

/**
 * Small inline SVG charts for the self-contained reports (no script, no network): x-y series drawn as lines or
 * steps or points, with optional error bars and a shaded horizontal band. Coordinates in data units.
 */
public final class Svg
{
    /** A series: points (x, y), optional half-widths of error bars (null for none), drawn as a line or as steps. */
    public record Series(String label, String colour, double[] x, double[] y, double[] error, boolean steps)
    {
    }

    private static final int W = 640;
    private static final int H = 260;
    private static final int PAD = 48;

    private Svg()
    {
    }

    /**
     * A chart of the series under its title (which names the y axis); {@code bandLow..bandHigh} shaded when
     * bandHigh > 0; {@code xLabels} (may be null) names the integer x positions 0, 1, ...
     */
    public static String chart(final String title, final String xTitle,
        final List<Series> series, final double bandLow, final double bandHigh, final List<String> xLabels)
    {
        double x0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (final Series s : series)
        {
            for (int i = 0; i < s.x().length; i++)
            {
                final double e = s.error() == null ? 0 : s.error()[i];
                x0 = Math.min(x0, s.x()[i]);
                x1 = Math.max(x1, s.x()[i]);
                y0 = Math.min(y0, s.y()[i] - e);
                y1 = Math.max(y1, s.y()[i] + e);
            }
        }
        if (bandHigh > 0)
        {
            y0 = Math.min(y0, bandLow);
            y1 = Math.max(y1, bandHigh);
        }
        if (x0 > x1)
        {
            return "<p>" + esc(title) + ": no data</p>\n";
        }
        if (x1 - x0 < 1e-9)
        {
            x0 -= 1;
            x1 += 1;
        }
        final double margin = Math.max(1e-9, (y1 - y0) * 0.08);
        y0 -= margin;
        y1 += margin;
        final Scale sc = new Scale(x0, x1, y0, y1);
        final StringBuilder sb = new StringBuilder();
        sb.append("<figure><figcaption>").append(esc(title)).append("</figcaption>\n")
            .append(String.format(Locale.ROOT, "<svg viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" " +
                "xmlns=\"http://www.w3.org/2000/svg\" font-size=\"11\">%n", W, H, W, H));
        if (bandHigh > 0)
        {
            sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" " +
                "fill=\"#ffe9a8\"/>%n", sc.x(x0), sc.y(bandHigh), sc.x(x1) - sc.x(x0),
                Math.max(1, sc.y(bandLow) - sc.y(bandHigh))));
        }
        axes(sb, sc, xTitle, xLabels);
        int legend = 0;
        for (final Series s : series)
        {
            sb.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(s.colour())
                .append("\" points=\"");
            for (int i = 0; i < s.x().length; i++)
            {
                if (s.steps() && i > 0)
                {
                    sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", sc.x(s.x()[i]), sc.y(s.y()[i - 1])));
                }
                sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", sc.x(s.x()[i]), sc.y(s.y()[i])));
            }
            sb.append("\"/>\n");
            for (int i = 0; s.error() != null && i < s.x().length; i++)
            {
                sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" " +
                    "stroke=\"%s\"/><circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>%n", sc.x(s.x()[i]),
                    sc.x(s.x()[i]), sc.y(s.y()[i] - s.error()[i]), sc.y(s.y()[i] + s.error()[i]), s.colour(),
                    sc.x(s.x()[i]), sc.y(s.y()[i]), s.colour()));
            }
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n", PAD + 8 +
                legend * 150, 14, s.colour(), esc(s.label())));
            legend++;
        }
        return sb.append("</svg></figure>\n").toString();
    }

    private static void axes(final StringBuilder sb, final Scale sc, final String xTitle, final List<String> xLabels)
    {
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>" +
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>%n", PAD, H - PAD, W - 10, H - PAD, PAD, 20,
            PAD, H - PAD));
        for (int i = 0; i <= 4; i++)
        {
            final double v = sc.y0 + (sc.y1 - sc.y0) * i / 4;
            sb.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%.1f\">%s</text>%n", sc.y(v) + 4, number(v)));
        }
        if (xLabels != null)
        {
            for (int i = 0; i < xLabels.size(); i++)
            {
                sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    sc.x(i), H - PAD + 14, esc(xLabels.get(i))));
            }
        }
        else
        {
            for (int i = 0; i <= 4; i++)
            {
                final double v = sc.x0 + (sc.x1 - sc.x0) * i / 4;
                sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    sc.x(v), H - PAD + 14, number(v)));
            }
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
            (W + PAD) / 2, H - 12, esc(xTitle)));
    }

    private static String number(final double v)
    {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    public static String esc(final String s)
    {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Data to pixel coordinates. */
    private record Scale(double x0, double x1, double y0, double y1)
    {
        double x(final double v)
        {
            return PAD + (v - x0) / (x1 - x0) * (W - PAD - 10);
        }

        double y(final double v)
        {
            return H - PAD - (v - y0) / (y1 - y0) * (H - PAD - 20);
        }
    }
}
