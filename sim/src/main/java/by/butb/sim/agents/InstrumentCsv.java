package by.butb.sim.agents;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The instrument catalog of an agent-based market as CSV text (docs/formats.md#instrument-catalog). */
final class InstrumentCsv
{
    static final List<String> COLUMNS = List.of("symbol", "name", "section", "unit", "currency", "price_scale",
        "quantity_scale", "price_step", "lot_size", "reference_price", "band_pct", "floor_price", "cap_price");

    private InstrumentCsv()
    {
    }

    /** The rows, each market's {@code band_pct} override applied. Values holding a comma are quoted. */
    static String of(final List<Map<String, String>> rows, final Map<String, AgentScenario.Market> markets)
    {
        final StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (final Map<String, String> row : rows)
        {
            final AgentScenario.Market market = markets.get(row.get("symbol"));
            final BigDecimal band = market == null ? null : market.bandPct();
            for (int i = 0; i < COLUMNS.size(); i++)
            {
                final String c = COLUMNS.get(i);
                String v = row.getOrDefault(c, "");
                if (c.equals("band_pct") && band != null)
                {
                    v = band.toPlainString();
                }
                sb.append(i == 0 ? "" : ",").append(v.contains(",") ? '"' + v.replace("\"", "\"\"") + '"' : v);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
