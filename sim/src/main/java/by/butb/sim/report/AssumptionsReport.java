package by.butb.sim.report;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.FixedPoint;
import by.butb.engine.model.Instrument;
import by.butb.sim.study.Scenario;
import by.butb.sim.study.StudyPlan;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * The report's section on what the scenario assumes where the study is silent: the market rules and session
 * hours, the assumed prices (and the flows that price otherwise, such as China's timber), the deal sizes, and how
 * each commodity of the study trades (instrument or mix, mechanism); then the scenario's and the plan's sentences.
 */
final class AssumptionsReport
{
    private AssumptionsReport()
    {
    }

    static String html(final StudyPlan plan)
    {
        final Scenario s = plan.scenario();
        final Scenario.Arrival a = s.arrival();
        final StringBuilder h = new StringBuilder(8192);
        h.append("<h2>Assumptions</h2>\n<p class=\"note\">What the study does not give and this scenario assumes ")
            .append("(the scenario itself is copied into scenario/ next to this report).</p>\n");
        h.append("<h3>Market and sessions</h3>\n<ul class=\"a\">\n")
            .append(String.format(Locale.ROOT, "<li>Session %s-%s UTC, %s; no session schedule (continuous " +
                    "trading, lot auctions and address deals).</li>\n", a.open(), a.close(),
                a.weekdaysOnly() ? "weekdays only" : "every day"))
            .append(String.format(Locale.ROOT, "<li>Guarantee %s %% of an order's value blocked from the free " +
                    "deposit; exchange fee %s %% charged to both sides.</li>\n", plain(s.guaranteePct()),
                plain(s.feePct())))
            .append(String.format(Locale.ROOT, "<li>Deposits: USD %s per buyer and broker, USD %s per Belarusian " +
                    "producer (times the scale %d).</li>\n", grouped(s.buyerDeposit()), grouped(s.sellerDeposit()),
                s.scale()))
            .append(String.format(Locale.ROOT, "<li>Deal times uniform in the session hours of the flow's period " +
                    "(%s); each deal's price within +-%s %% of the flow's average, on the price step, inside the " +
                    "band; %s %% of exchange orders entered by the buyer's broker; in %s %% of deals the buyer bids " +
                    "first.</li>\n", Html.esc(a.model()), plain(a.priceNoisePct()),
                plain(a.brokerShare().movePointRight(2)), plain(a.restingBidShare().movePointRight(2))))
            .append(String.format(Locale.ROOT, "<li>Lot auctions open %d minutes, a bid every %d minutes, up to %d " +
                    "bidders; bid step %s.</li>\n</ul>\n", a.lotMinutes(), a.bidGapMinutes(), a.maxBidders(),
                a.bidStep() == null ? "two price steps" : plain(a.bidStep())));
        prices(h, plan);
        commodities(h, plan);
        h.append("<h3>Stated and derived</h3>\n<ul class=\"a\">\n");
        for (final String text : plan.assumptions())
        {
            h.append("<li>").append(Html.esc(text)).append("</li>\n");
        }
        return h.append("</ul>\n").toString();
    }

    private static void prices(final StringBuilder h, final StudyPlan plan)
    {
        final Scenario s = plan.scenario();
        final Catalog catalog = plan.catalog();
        h.append("<h3>Prices and deal sizes</h3>\n<table><tr><th class=\"l\">instrument</th><th class=\"l\">unit")
            .append("</th><th>assumed price USD</th><th>reference price</th><th>price band</th><th>deal size</th>")
            .append("<th class=\"l\">flows that price it otherwise</th></tr>\n");
        for (final Instrument i : catalog.instruments())
        {
            final BigDecimal reference = BigDecimal.valueOf(i.referencePrice()).movePointLeft(i.priceScale());
            final BigDecimal assumed = s.prices().getOrDefault(i.symbol(), reference);
            final long[] size = s.dealSizes().get(i.symbol());
            final StringBuilder others = new StringBuilder();
            for (final Scenario.Flow f : s.flows())
            {
                final BigDecimal own = f.plan().prices().get(i.symbol());
                if (own != null)
                {
                    others.append(others.length() == 0 ? "" : "; ").append(f.id()).append(": ").append(plain(own))
                        .append(" against ").append(plain(assumed)).append(" for the others")
                        .append(f.plan().why().isEmpty() ? "" : " (" + f.plan().why() + ")");
                }
            }
            h.append("<tr><td class=\"l\">").append(Html.esc(i.symbol())).append("</td><td class=\"l\">")
                .append(Html.esc(i.unit())).append("</td><td>").append(plain(assumed)).append("</td><td>")
                .append(FixedPoint.format(i.referencePrice(), i.priceScale())).append("</td><td>")
                .append(FixedPoint.format(i.lowPrice(), i.priceScale())).append("..")
                .append(FixedPoint.format(i.highPrice(), i.priceScale())).append("</td><td>")
                .append(size == null ? "10-100" : size[0] + "-" + size[1]).append("</td><td class=\"l note\">")
                .append(Html.esc(others.toString())).append("</td></tr>\n");
        }
        h.append("</table>\n<p class=\"note\">Sugar's price comes from the study's values (USD 770,000 for ")
            .append("1,500 t, 2.5 M for 4,000 t); a flow with both a quantity and a value is priced at value / ")
            .append("quantity.</p>\n");
    }

    private static void commodities(final StringBuilder h, final StudyPlan plan)
    {
        h.append("<h3>Commodities of the study and how they trade</h3>\n<table><tr><th class=\"l\">flow</th>")
            .append("<th class=\"l\">commodity (study)</th><th class=\"l\">instrument or mix</th>")
            .append("<th class=\"l\">mechanism</th><th class=\"l\">also</th></tr>\n");
        for (final Scenario.Flow f : plan.scenario().flows())
        {
            final Scenario.Plan p = f.plan();
            final StringBuilder mix = new StringBuilder();
            for (final Map.Entry<String, BigDecimal> e : p.mix().entrySet())
            {
                mix.append(mix.length() == 0 ? "" : " + ").append(p.mix().size() == 1 ? "" :
                    plain(e.getValue().movePointRight(2)) + " % ").append(e.getKey());
            }
            final StringBuilder also = new StringBuilder();
            if (p.residual())
            {
                also.append("turnover: only what the flows inside it do not reach; ");
            }
            if (!p.imports().isEmpty())
            {
                also.append("sold by the country to Belarus (reverse lot auctions): ")
                    .append(String.join(", ", p.imports())).append("; ");
            }
            p.starts().forEach((symbol, day) -> also.append(symbol).append(" from ").append(day).append("; "));
            if (p.deals() != null)
            {
                also.append(p.deals()).append(" deal(s) per instrument; ");
            }
            if (p.buyers() != null)
            {
                also.append(p.buyers()).append(" buyer(s); ");
            }
            if (p.dealSize() != null)
            {
                also.append("deal size ").append(p.dealSize()[0]).append('-').append(p.dealSize()[1]).append("; ");
            }
            h.append("<tr><td class=\"l\">").append(Html.esc(f.id())).append("</td><td class=\"l\">")
                .append(Html.esc(f.commodity())).append("</td><td class=\"l\">").append(Html.esc(mix.toString()))
                .append("</td><td class=\"l\">").append(Html.esc(p.mechanism() != null ? p.mechanism() :
                    f.mechanism())).append("</td><td class=\"l note\">").append(Html.esc(also.toString()))
                .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String plain(final BigDecimal d)
    {
        return d.stripTrailingZeros().toPlainString();
    }

    private static String grouped(final BigDecimal d)
    {
        return String.format(Locale.ROOT, "%,.0f", d);
    }
}
