"""Layout checks for a page already loaded in Playwright, shared by the layout tests and the
every-page sweep:

    overflow_problems(page)   the page scrolls sideways at 320 or 390 px (and what sticks out)
    covered_controls(page)    interactive elements whose centre is covered by something else

Both return a list of readable problems; an empty list means the page passes."""
from __future__ import annotations

OVERFLOW_WIDTHS = (320, 390)
WIDEST = 5  # offending elements named per width

# Everything a reader can tap or focus.
INTERACTIVE = ("a[href], button, input:not([type=hidden]), select, textarea, summary, "
               "label[for], [tabindex]:not([tabindex='-1']), [role=button], [role=link]")

_DESCRIBE = """
const describe = (e) => {
  let s = e.tagName.toLowerCase();
  if (e.id) s += '#' + e.id;
  const cls = (typeof e.className === 'string' ? e.className : '').trim().split(/\\s+/).filter(Boolean);
  if (cls.length) s += '.' + cls.slice(0, 2).join('.');
  const text = (e.getAttribute('aria-label') || e.textContent || '').replace(/\\s+/g, ' ').trim();
  if (text) s += ' "' + text.slice(0, 40) + '"';
  return s;
};
// Is the point inside every box that clips this element (overflow other than visible)?
const unclipped = (e, x, y) => {
  for (let p = e.parentElement; p && p !== document.documentElement; p = p.parentElement) {
    const st = getComputedStyle(p);
    if (st.overflowX === 'visible' && st.overflowY === 'visible' && st.clipPath === 'none') continue;
    const r = p.getBoundingClientRect();
    if (x < r.left || x > r.right || y < r.top || y > r.bottom) return false;
  }
  return true;
};
"""

_OVERFLOW_JS = _DESCRIBE + """
() => {
  const width = document.documentElement.clientWidth;
  const scroll = document.documentElement.scrollWidth;
  if (scroll <= width) return {width, scroll, offenders: []};
  // Elements whose right edge passes the viewport and are not inside a box that clips them
  // (a table that scrolls inside its own box is fine).
  const offenders = [];
  for (const e of document.body.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= width + 0.5) continue;
    // a point of the element just past the viewport's edge: is it clipped by an ancestor?
    if (!unclipped(e, Math.max(r.left, width) + 0.5, r.top + r.height / 2)) continue;
    offenders.push([Math.round(r.right), r.width, e]);
  }
  // The outermost of each chain of offenders names the cause best when it is the widest;
  // keep an element only when no ancestor offends by as much.
  const named = offenders.filter(([right, , e]) => !offenders.some(
      ([r2, , p]) => p !== e && p.contains(e) && r2 >= right));
  named.sort((a, b) => b[0] - a[0]);
  return {width, scroll, offenders: named.slice(0, %d).map(([right, , e]) => describe(e) + ' reaches ' + right + ' px')};
}
""" % WIDEST

_COVERED_JS = _DESCRIBE + """
(selector) => {
  const vw = document.documentElement.clientWidth, vh = window.innerHeight;
  const problems = [];
  for (const e of document.querySelectorAll(selector)) {
    if (!e.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    if (getComputedStyle(e).pointerEvents === 'none') continue;
    // The box used for the test: the first client rect of an inline element (a link that wraps
    // over two lines has no ink at the centre of its bounding box).
    const rects = e.getClientRects();
    if (!rects.length) continue;
    const r = rects[0];
    if (r.width < 1 || r.height < 1) continue;
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    if (x < 0 || y < 0 || x >= vw || y >= vh) continue;     // not on screen now
    if (!unclipped(e, x, y)) continue;                        // scrolled away inside its box
    const hit = document.elementFromPoint(x, y);
    if (!hit || hit === e || e.contains(hit)) continue;
    // A label that activates the element it covers is the same control.
    if (hit.control === e || (hit.closest && hit.closest('label') && hit.closest('label').control === e)) continue;
    problems.push(describe(e) + ' at (' + Math.round(x) + ', ' + Math.round(y) + ') is covered by ' + describe(hit));
  }
  return problems;
}
"""


# The next frame has been drawn: after it (a task queued from its animation-frame callback)
# layout, resize observers (the exit bar's height) and media-query listeners have run.
_FRAMES_JS = "() => new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)))"
# Nothing is moving: every CSS transition and finite animation has finished (getAnimations
# flushes pending style changes, so one started by the last click is already listed).
_STILL_JS = """() => document.getAnimations().every(a => a.playState !== 'running'
    || (a.effect && a.effect.getComputedTiming().iterations === Infinity))"""


def settle(page) -> None:
    """Waits for the page to be drawn after a change and for its transitions to end (instead of
    a fixed sleep): the drawer sliding in, the search panel opening, a resize."""
    page.evaluate(_FRAMES_JS)
    page.wait_for_function(_STILL_JS, polling="raf")


def overflow_problems(page, widths=OVERFLOW_WIDTHS) -> list[str]:
    """Sets the viewport to each width (320, then 390 px) and reports any horizontal scrolling:
    document.documentElement.scrollWidth against the viewport, with the widest offenders. The
    viewport is left at the last width."""
    height = (page.viewport_size or {}).get("height") or 800
    problems = []
    for width in widths:
        page.set_viewport_size({"width": width, "height": height})
        page.evaluate(_FRAMES_JS)  # let resize observers run
        result = page.evaluate(_OVERFLOW_JS)
        if result["scroll"] > result["width"]:
            problems.append(f"{page.url} at {width} px is {result['scroll']} px wide: "
                            + ("; ".join(result["offenders"]) or "no single element found"))
    return problems


def covered_controls(page, selector: str = INTERACTIVE) -> list[str]:
    """Every visible interactive element whose centre is on screen: elementFromPoint there must
    be the element or inside it. Returns those covered by something else, and by what."""
    return page.evaluate(_COVERED_JS, selector)
