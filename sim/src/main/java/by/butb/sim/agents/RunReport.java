package by.butb.sim.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The self-contained HTML report of one agent-based run: per market the price path against the equilibrium
 * band, allocative efficiency and Smith's alpha per day, the supply and demand schedules, and the run's measures.
 */
final class RunReport
{
    private RunReport()
    {
    }

    static String html(final AgentScenario s, final AgentRun.Result r)
    {
        final StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .append("<title>").append(Svg.esc(s.name())).append("</title><style>body{font-family:sans-serif;")
            .append("max-width:960px;margin:1em auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;")
            .append("padding:2px 6px;text-align:right}figure{margin:1em 0}</style></head><body>\n<h1>")
            .append(Svg.esc(s.name())).append("</h1>\n<p>").append(Svg.esc(s.description())).append("</p>\n<p>")
            .append(String.format(Locale.ROOT, "Seed %d, %d day(s), %d agents, %,d commands, fee %s %%, " +
                "guarantee %s %%.", s.seed(), s.days(), r.agents(), r.commands(), s.feePct().toPlainString(),
                s.guaranteePct().toPlainString())).append("</p>\n");
        final String[] lines = r.tradesCsv().split("\n");
        for (final AgentScenario.Market m : s.markets().values())
        {
            sb.append("<h2>").append(Svg.esc(m.symbol())).append(" (").append(m.mechanism().name().toLowerCase(
                Locale.ROOT)).append(")</h2>\n");
            final double low = AgentOutput.value(r.rows(), 0, m.symbol(), "ce_price_low");
            final double high = AgentOutput.value(r.rows(), 0, m.symbol(), "ce_price_high");
            sb.append(pricePath(m.symbol(), lines, Double.isNaN(low) ? 0 : low, Double.isNaN(high) ? 0 : high));
            sb.append(perDay(s, r, m.symbol()));
            sb.append(schedules(m));
            sb.append(table(r.rows(), m.symbol()));
        }
        return sb.append("</body></html>\n").toString();
    }

    private static String pricePath(final String symbol, final String[] lines, final double low, final double high)
    {
        final List<Double> prices = new ArrayList<>();
        for (int i = 1; i < lines.length; i++)
        {
            final String[] f = lines[i].split(",");
            if (f.length > 2 && f[1].equals(symbol))
            {
                prices.add(Double.parseDouble(f[2]));
            }
        }
        final double[] x = new double[prices.size()];
        final double[] y = new double[prices.size()];
        for (int i = 0; i < x.length; i++)
        {
            x[i] = i + 1;
            y[i] = prices.get(i);
        }
        return Svg.chart("Price of every trade; shaded: the competitive equilibrium's price range", "trade",
            List.of(new Svg.Series("trade price", "#1f5fa8", x, y, null, false)), low, high, null);
    }

    private static String perDay(final AgentScenario s, final AgentRun.Result r, final String symbol)
    {
        final double[] x = new double[s.days()];
        final double[] eff = new double[s.days()];
        final double[] alpha = new double[s.days()];
        for (int d = 1; d <= s.days(); d++)
        {
            x[d - 1] = d;
            eff[d - 1] = zeroIfNaN(AgentOutput.value(r.rows(), d, symbol, "efficiency_pct"));
            alpha[d - 1] = zeroIfNaN(AgentOutput.value(r.rows(), d, symbol, "smith_alpha_pct"));
        }
        return Svg.chart("Allocative efficiency and Smith's alpha per trading day (%)", "day",
            List.of(new Svg.Series("efficiency", "#2a8a3a", x, eff, null, false),
                new Svg.Series("Smith's alpha", "#b03030", x, alpha, null, false)), 0, 0, null);
    }

    private static double zeroIfNaN(final double v)
    {
        return Double.isNaN(v) ? 0 : v;
    }

    private static String schedules(final AgentScenario.Market m)
    {
        if (m.demand().isEmpty() || m.supply().isEmpty())
        {
            return "";
        }
        return Svg.chart("Supply and demand per day (price against cumulative units)", "units",
            List.of(curve("demand", "#1f5fa8", m.demand()), curve("supply", "#b06a10", m.supply())), 0, 0, null);
    }

    private static Svg.Series curve(final String label, final String colour, final List<AgentScenario.Step> steps)
    {
        final double[] x = new double[steps.size() + 1];
        final double[] y = new double[steps.size() + 1];
        int units = 0;
        for (int i = 0; i < steps.size(); i++)
        {
            x[i] = units;
            y[i] = steps.get(i).price().doubleValue();
            units += steps.get(i).units();
        }
        x[steps.size()] = units;
        y[steps.size()] = y[Math.max(0, steps.size() - 1)];
        return new Svg.Series(label, colour, x, y, null, true);
    }

    private static String table(final List<MetricRow> rows, final String symbol)
    {
        final StringBuilder sb =
            new StringBuilder("<table><tr><th>metric</th><th>subject</th><th>whole run</th></tr>\n");
        for (final MetricRow row : rows)
        {
            if (row.day() == 0 && row.instrument().equals(symbol) && !row.metric().equals("profit"))
            {
                sb.append("<tr><td style=\"text-align:left\">").append(Svg.esc(row.metric())).append("</td><td>")
                    .append(Svg.esc(row.subject())).append("</td><td>").append(MetricRow.format(row.value()))
                    .append("</td></tr>\n");
            }
        }
        return sb.append("</table>\n").toString();
    }
}
