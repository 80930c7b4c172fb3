package by.butb.sim.report;

import by.butb.sim.study.StudyRun;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * report.html: the templates of src/main/jte/report (compiled with the build by the jte Maven plugin) filled with a
 * run's {@link ReportView}. One self-contained page: styles, data and scripts inline, no network.
 */
final class ReportPage
{
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    private ReportPage()
    {
    }

    /** The page for the result: the same text for the same scenario, seed and scale. */
    static String html(final StudyRun.Result result)
    {
        final StringOutput out = new StringOutput(1 << 20);
        ENGINE.render("report/page.jte", ReportView.of(result), out);
        return out.toString();
    }
}
