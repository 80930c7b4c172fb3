package by.butb.sim.report;

import by.butb.sim.Butb;
import by.butb.sim.classroom.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The study's report.html opened from file:// in a headless Chromium (no server, no network): every chart draws,
 * nothing is fetched, no script fails; the price charts' axes and zoom behave. Fails when Chromium is missing.
 */
@Timeout(120)
class ReportBrowserTest
{
    @TempDir
    static Path dir;
    private static Chromium browser;

    @BeforeAll
    static void openTheReport() throws Exception
    {
        final Butb.Run run = Butb.run("study", "--quiet", "--out", dir.resolve("study").toString());
        assertEquals(0, run.exitCode(), run.err());
        browser = Chromium.launch();
        browser.navigate(dir.resolve("study").resolve(StudyReport.REPORT_FILE).toUri().toString());
        final long end = System.nanoTime() + 15_000_000_000L;
        final String loaded = "location.protocol === 'file:' && document.readyState === 'complete'";
        while (!Boolean.TRUE.equals(browser.eval(loaded)) && System.nanoTime() < end)
        {
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void stopBrowser() throws Exception
    {
        if (browser != null)
        {
            browser.close();
        }
    }

    @Test
    void everyChartDrawsOnACanvasOfNonZeroSizeWithoutErrors() throws Exception
    {
        final Object ids = browser.eval("Object.keys(JSON.parse(document.getElementById('charts').textContent))");
        assertTrue(((List<?>)ids).size() > 10, "charts: " + ids);
        final Object undrawn = browser.eval("Object.keys(JSON.parse(document.getElementById('charts').textContent))" +
            ".filter(id => { const c = document.getElementById(id); const chart = c && Chart.getChart(c);" +
            " if (!chart || c.width === 0 || c.height === 0) return true;" +
            " const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;" +
            " for (let i = 3; i < px.length; i += 4) { if (px[i] !== 0) return false; } return true; })");
        assertEquals(List.of(), undrawn, "charts missing, empty or of zero size");
        assertEquals(List.of(), browser.takeConsoleErrors());
    }

    @Test
    void thePageFetchesNothing() throws Exception
    {
        assertEquals(0L, ((Number)browser.eval("performance.getEntriesByType('resource').length")).longValue());
    }

    @Test
    void priceTicksAreMonthStartsAndRoundPrices() throws Exception
    {
        final Object bad = browser.eval("Object.keys(JSON.parse(document.getElementById('charts').textContent))" +
            ".filter(id => id.startsWith('price-')).flatMap(id => { const s = Chart.getChart(id).scales;" +
            " const out = s.x.ticks.filter(t => { const d = new Date(t.value); return d.getUTCDate() !== 1 ||" +
            " d.getUTCHours() !== 0; }).map(t => id + ' x ' + t.value);" +
            " const y = s.y.ticks.map(t => t.value); const step = y[1] - y[0];" +
            " const unit = Math.pow(10, Math.floor(Math.log10(step) + 1e-9)); const f = Math.round(step / unit);" +
            " if (y.length < 3 || ![1, 2, 5].includes(f) || Math.abs(step - f * unit) > 1e-9 * unit) out.push(id +" +
            " ' y step ' + step); for (const v of y) { if (Math.abs(v / step - Math.round(v / step)) > 1e-6)" +
            " out.push(id + ' y ' + v); } if (s.x.ticks.length === 0) out.push(id + ' no x tick'); return out; })");
        assertEquals(List.of(), bad);
    }

    @Test
    void theWheelZoomsThePriceDatesAndTheButtonResetsThem() throws Exception
    {
        final String chart = "Chart.getChart('price-TIMBER_SW')";
        final Map<?, ?> before = (Map<?, ?>)browser.eval("({min: " + chart + ".scales.x.min, max: " + chart +
            ".scales.x.max})");
        browser.eval("(() => { const c = document.getElementById('price-TIMBER_SW'); const r =" +
            " c.getBoundingClientRect(); c.dispatchEvent(new WheelEvent('wheel', {deltaY: -500, clientX: r.left +" +
            " r.width / 2, clientY: r.top + r.height / 2, bubbles: true, cancelable: true})); return true; })()");
        final double zoomed = ((Number)browser.eval(chart + ".scales.x.max - " + chart + ".scales.x.min"))
            .doubleValue();
        final double full = ((Number)before.get("max")).doubleValue() - ((Number)before.get("min")).doubleValue();
        assertTrue(zoomed < full, "wheel zoom: " + zoomed + " of " + full);
        browser.click("button[data-reset='price-TIMBER_SW']");
        assertEquals(before, browser.eval("({min: " + chart + ".scales.x.min, max: " + chart + ".scales.x.max})"));
    }

    @Test
    void tooltipsNameTheCountryMonthAndInstrument() throws Exception
    {
        final Object label = browser.eval("(() => { const c = Chart.getChart('monthly-AE');" +
            " const i = c.data.datasets.findIndex(d => d.label === 'AMINO');" +
            " const j = c.data.datasets[i].data.findIndex(p => p.x === '2024-07');" +
            " c.tooltip.setActiveElements([{datasetIndex: i, index: j}], {x: 0, y: 0}); c.update();" +
            " return c.tooltip.body.map(b => b.lines.join(' ')).join(' | '); })()");
        assertTrue(String.valueOf(label).startsWith("AE 2024-07 AMINO: USD "), String.valueOf(label));
    }
}
