"""The colours of a page's text, for a page already loaded in Playwright, shared by the every-page
sweep (tests/test_browser.py):

    text_colours(page)   -> (styles, problems)

`styles` is the set of text styles the page shows: for every visible element with text of its
own (or a form field), its colour, the background colours behind it (itself and its ancestors, up to the first
opaque one), its font size and weight, opacity, text shadow and, for a link, how it is told
apart from the text around it. Two elements with the same style have the same contrast, so axe's
colour rules (color-contrast, link-in-text-block), which cost about 70 % of axe's time, need only
run on a page that shows a style no earlier page has shown (tests/test_browser.py Sweep).

`problems` is this module's own contrast check on every element: WCAG 2.1 1.4.3 (4.5:1, or 3:1
for text of at least 24 px, or 18.66 px bold) against the background worked out from those
colours. Where a background image or gradient lies behind the text, the ratio cannot be worked
out here: the style is marked so (and left to axe, which runs on every page with a new style).
"""
from __future__ import annotations

_TEXT_COLOURS_JS = """
async () => {
  // Nothing is moving first: the table of contents' scroll spy marks links at load, and their
  // colour fades for 125 ms; the colours read are the ones it ends with.
  await Promise.all(document.getAnimations()
      .filter(a => a.effect && a.effect.getComputedTiming().iterations !== Infinity)
      .map(a => a.finished.catch(() => null)));
  const parse = (c) => {
    const m = /^rgba?\\(([^)]*)\\)$/.exec(c);
    if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, below) => {  // top composited over an opaque colour
    const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + below[i] * (1 - a)).concat([1]);
  };
  const lum = (c) => {
    const v = c.slice(0, 3).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  };
  const describe = (e) => {
    let s = e.tagName.toLowerCase();
    if (e.id) s += '#' + e.id;
    const cls = (typeof e.className === 'string' ? e.className : '').trim().split(/\\s+/).filter(Boolean);
    if (cls.length) s += '.' + cls.slice(0, 2).join('.');
    return s + ' "' + (e.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 40) + '"';
  };
  // The background behind an element: its own and its ancestors' colours up to the first opaque
  // one (memoised per element), or null where an image or gradient is part of it.
  const behind = new Map();
  const background = (e) => {
    if (!e || e.nodeType !== 1) return {key: 'canvas', colour: [255, 255, 255, 1]};
    if (behind.has(e)) return behind.get(e);
    const st = getComputedStyle(e);
    const own = parse(st.backgroundColor);
    let result;
    if (st.backgroundImage !== 'none') {
      result = {key: 'image:' + st.backgroundImage + '|' + st.backgroundColor, colour: null};
    } else if (own && own[3] >= 1) {
      result = {key: st.backgroundColor, colour: own};
    } else {
      const below = background(e.parentElement);
      if (!own) result = {key: st.backgroundColor + ' on ' + below.key, colour: null};
      else if (own[3] > 0) result = {key: st.backgroundColor + ' on ' + below.key,
                                     colour: below.colour ? over(own, below.colour) : null};
      else result = below;
    }
    behind.set(e, result);
    return result;
  };
  const opacities = new Map();
  const opacity = (e) => {  // the product of the element's and its ancestors' opacity
    if (!e || e.nodeType !== 1) return 1;
    if (!opacities.has(e)) opacities.set(e, parseFloat(getComputedStyle(e).opacity) * opacity(e.parentElement));
    return opacities.get(e);
  };
  const styles = new Set(), problems = [];
  for (const e of document.body.querySelectorAll('*')) {
    // Text of its own, or a form field (the text typed into it).
    let text = /^(INPUT|SELECT|TEXTAREA)$/.test(e.tagName) && e.type !== 'hidden';
    for (const n of e.childNodes) if (!text && n.nodeType === 3 && n.data.trim()) { text = true; break; }
    if (!text || !e.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    const st = getComputedStyle(e);
    const seen = opacity(e);
    const bg = background(e);
    const size = parseFloat(st.fontSize), weight = parseInt(st.fontWeight, 10);
    const link = e.closest('a');
    const around = link && link.parentElement ? getComputedStyle(link.parentElement) : null;
    const parts = [st.color, bg.key, st.fontSize, st.fontWeight, seen.toFixed(3), st.textShadow,
                   st.textDecorationLine, st.webkitTextStrokeWidth];
    if (link) parts.push('link', around.color, getComputedStyle(link).textDecorationLine,
                         getComputedStyle(link).borderBottomStyle, getComputedStyle(link).borderBottomWidth,
                         link.parentElement.tagName, getComputedStyle(link).display);
    styles.add(parts.join('|'));
    const fg = parse(st.color);
    if (!fg || !bg.colour) continue;   // not worked out here: axe decides
    const shown = over([fg[0], fg[1], fg[2], fg[3] * seen], bg.colour);
    const l1 = lum(shown), l2 = lum(bg.colour);
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    const large = size >= 24 || (size >= 18.66 && weight >= 700);
    const needed = large ? 3 : 4.5;
    if (Math.round(ratio * 100) / 100 < needed)
      problems.push(describe(e) + ': contrast ' + ratio.toFixed(2) + ':1, needs ' + needed + ':1 ('
                    + st.color + ' on ' + bg.key + ', ' + st.fontSize + ' ' + st.fontWeight + ')');
  }
  return [Array.from(styles), problems];
}
"""


def text_colours(page) -> tuple[set[str], list[str]]:
    """The text styles the page shows, and its text whose contrast is below WCAG 2.1 AA, once
    every (finite) transition and animation has ended."""
    styles, problems = page.evaluate(_TEXT_COLOURS_JS)
    return set(styles), problems
