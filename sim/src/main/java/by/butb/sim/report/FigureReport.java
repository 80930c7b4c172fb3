package by.butb.sim.report;

import by.butb.engine.core.ResultCode;
import by.butb.sim.study.Figure;
import by.butb.sim.study.FigureTally;
import by.butb.sim.study.StudyRun;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The study's figures that are not flow volumes (shares, first purchases, buyers, trades) as the run measured them:
 * the printed table, figures.csv, the report's section, and the figures the run cannot check.
 */
public final class FigureReport
{
    public static final String FIGURES_FILE = "figures.csv";

    private FigureReport()
    {
    }

    /** Number of figures the run missed. */
    public static long failed(final StudyRun.Result result)
    {
        return result.figures().stream().filter(r -> !r.ok()).count();
    }

    /** figures.csv: one row per figure: id, what it says, the seed line, the measure, target, achieved, check. */
    public static String csv(final StudyRun.Result result)
    {
        final StringBuilder sb = new StringBuilder("figure,countries,period_start,period_end,measure,target," +
            "achieved,check,seed_line,text\n");
        for (final FigureTally.Result r : result.figures())
        {
            final Figure f = r.figure();
            sb.append(f.id()).append(',').append(String.join(";", f.countries())).append(',').append(f.from())
                .append(',').append(f.to()).append(',').append(f.measure().name().toLowerCase(Locale.ROOT))
                .append(',').append(quote(r.target())).append(',').append(quote(r.achieved())).append(',')
                .append(r.ok() ? "OK" : "FAIL").append(',').append(f.seedLine()).append(',').append(quote(f.text()))
                .append('\n');
        }
        return sb.toString();
    }

    /** The figures as printed after the flows' table, with the figures the run cannot check; "" without any. */
    public static String table(final StudyRun.Result result)
    {
        final List<Figure.Unchecked> unchecked = result.plan().scenario().notChecked();
        if (result.figures().isEmpty() && unchecked.isEmpty())
        {
            return "";
        }
        final List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"figure", "countries", "period", "target", "achieved", "check"});
        for (final FigureTally.Result r : result.figures())
        {
            final Figure f = r.figure();
            rows.add(new String[] {f.id(), String.join(",", f.countries()),
                f.from().toString().substring(2, 7) + ".." + f.to().toString().substring(2, 7), r.target(),
                r.achieved(), r.ok() ? "OK" : "FAIL"});
        }
        final StringBuilder sb = new StringBuilder();
        if (rows.size() > 1)
        {
            sb.append(Columns.format(rows, 3));
        }
        if (!unchecked.isEmpty())
        {
            sb.append(sb.length() == 0 ? "" : "\n").append("not checked (the flows cannot carry them; ")
                .append("why: report.html):");
            for (final Figure.Unchecked u : unchecked)
            {
                sb.append(' ').append(u.id());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** "rejects: 3 (PRICE_OUT_OF_BAND 2, INSUFFICIENT_DEPOSIT 1)", or "rejects: 0". */
    public static String rejectsLine(final StudyRun.Result result)
    {
        return rejectsLine(result.rejects(), result.stats().rejectsByCode);
    }

    /** The rejects' total and their count per result code (indexed by {@link ResultCode#ordinal()}), as one line. */
    public static String rejectsLine(final long total, final long[] byCode)
    {
        final StringBuilder sb = new StringBuilder("rejects: ").append(total);
        String sep = " (";
        for (final ResultCode code : ResultCode.values())
        {
            if (byCode[code.ordinal()] > 0)
            {
                sb.append(sep).append(code.name()).append(' ').append(byCode[code.ordinal()]);
                sep = ", ";
            }
        }
        return sb.append(sep.equals(", ") ? ")" : "").toString();
    }

    private static String quote(final String text)
    {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
