package by.butb.sim.classroom;

/**
 * Layout checks run in the page: what sticks out sideways. Each returns "" when the page fits, else one line per
 * offending element (its tag, id or class, text and box), so that a failure says what to fix.
 */
final class PageLayout
{
    /**
     * The page scrolls sideways ({@code scrollWidth > innerWidth}), or a visible table, cell, button, field or
     * form row reaches outside the panel (or header, tab bar) that holds it, by more than half a pixel.
     */
    static final String OVERFLOW = """
        (() => {
          const out = [];
          const root = document.documentElement;
          if (root.scrollWidth > window.innerWidth) {
            out.push('the page scrolls sideways: scrollWidth ' + root.scrollWidth + ' > innerWidth ' +
              window.innerWidth);
          }
          const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
            (e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/ +/g, '.') : '') +
            ' "' + (e.textContent || e.value || '').trim().substring(0, 30) + '"';
          for (const box of document.querySelectorAll('.panel, header, nav')) {
            if (box.getClientRects().length === 0) {
              continue;
            }
            const b = box.getBoundingClientRect();
            for (const e of box.querySelectorAll('table, th, td, button, input, select, .row, .lot')) {
              if (e.getClientRects().length === 0) {
                continue;
              }
              const r = e.getBoundingClientRect();
              if (r.width > 0 && (r.right > b.right + 0.5 || r.left < b.left - 0.5)) {
                out.push(name(e) + ' spans x ' + Math.round(r.left) + '..' + Math.round(r.right) + ' outside ' +
                  name(box).substring(0, 40) + ' x ' + Math.round(b.left) + '..' + Math.round(b.right));
              }
            }
          }
          return out.slice(0, 12).join('\\n');
        })()""";

    private PageLayout()
    {
    }
}
