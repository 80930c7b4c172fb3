package by.butb.sim.report;

import by.butb.engine.model.Catalog;
import by.butb.engine.model.FixedPoint;
import by.butb.engine.model.Instrument;
import by.butb.sim.study.Scenario;
import by.butb.sim.study.StudyPlan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's section on what the scenario assumes where the study is silent: the market rules and session
 * hours, the assumed prices (and the flows that price otherwise, such as China's timber), the deal sizes, and how
 * each commodity of the study trades (instrument or mix, mechanism); then the scenario's and the plan's sentences
 * (rendered by src/main/jte/report/assumptions.jte).
 */
public final class AssumptionsReport
{
    private AssumptionsReport()
    {
    }

    /** The section: market and session sentences, the price rows, the commodity rows, the plan's sentences. */
    public record View(List<String> market, List<PriceRow> prices, List<CommodityRow> commodities,
        List<String> stated)
    {
    }

    /** An instrument's assumed price, reference price, band, deal size and the flows that price it otherwise. */
    public record PriceRow(String symbol, String unit, String assumed, String reference, String band,
        String dealSize, String others)
    {
    }

    /** A flow's commodity as the study names it, the instrument or mix that carries it, the mechanism, the rest. */
    public record CommodityRow(String flow, String commodity, String mix, String mechanism, String also)
    {
    }

    static View view(final StudyPlan plan)
    {
        final Scenario s = plan.scenario();
        final Scenario.Arrival a = s.arrival();
        final List<String> market = List.of(
            String.format(Locale.ROOT, "Session %s-%s UTC, %s; no session schedule (continuous trading, lot " +
                "auctions and address deals).", a.open(), a.close(), a.weekdaysOnly() ? "weekdays only" : "every day"),
            String.format(Locale.ROOT, "Guarantee %s %% of an order's value blocked from the free deposit; exchange " +
                "fee %s %% charged to both sides.", plain(s.guaranteePct()), plain(s.feePct())),
            String.format(Locale.ROOT, "Deposits: USD %s per buyer and broker, USD %s per Belarusian producer " +
                "(times the scale %d).", grouped(s.buyerDeposit()), grouped(s.sellerDeposit()), s.scale()),
            String.format(Locale.ROOT, "Deal times uniform in the session hours of the flow's period (%s); each " +
                    "deal's price within +-%s %% of the flow's average, on the price step, inside the band; %s %% of " +
                    "exchange orders entered by the buyer's broker; in %s %% of deals the buyer bids first.",
                a.model(), plain(a.priceNoisePct()), plain(a.brokerShare().movePointRight(2)),
                plain(a.restingBidShare().movePointRight(2))),
            String.format(Locale.ROOT, "Lot auctions open %d minutes, a bid every %d minutes, up to %d bidders; bid " +
                    "step %s.", a.lotMinutes(), a.bidGapMinutes(), a.maxBidders(),
                a.bidStep() == null ? "two price steps" : plain(a.bidStep())));
        return new View(market, prices(plan), commodities(plan), plan.assumptions());
    }

    private static List<PriceRow> prices(final StudyPlan plan)
    {
        final Scenario s = plan.scenario();
        final Catalog catalog = plan.catalog();
        final List<PriceRow> rows = new ArrayList<>();
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
            rows.add(new PriceRow(i.symbol(), i.unit(), plain(assumed),
                FixedPoint.format(i.referencePrice(), i.priceScale()),
                FixedPoint.format(i.lowPrice(), i.priceScale()) + ".." + FixedPoint.format(i.highPrice(),
                    i.priceScale()), size == null ? "10-100" : size[0] + "-" + size[1], others.toString()));
        }
        return rows;
    }

    private static List<CommodityRow> commodities(final StudyPlan plan)
    {
        final List<CommodityRow> rows = new ArrayList<>();
        for (final Scenario.Flow f : plan.scenario().flows())
        {
            final Scenario.Plan p = f.plan();
            final StringBuilder mix = new StringBuilder();
            for (final Map.Entry<String, BigDecimal> e : p.mix().entrySet())
            {
                mix.append(mix.length() == 0 ? "" : " + ").append(p.mix().size() == 1 ? "" :
                    plain(e.getValue().movePointRight(2)) + " % ").append(e.getKey());
            }
            rows.add(new CommodityRow(f.id(), f.commodity(), mix.toString(),
                p.mechanism() != null ? p.mechanism() : f.mechanism(), also(p)));
        }
        return rows;
    }

    private static String also(final Scenario.Plan p)
    {
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
        return also.toString();
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
