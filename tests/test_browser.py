"""Reader safety in a real browser, on every built page of every language: nothing requested from
another host, no console errors, no WCAG 2.1 A/AA violation (axe-core); quick exit by button and
by shortcut, on a small screen and without JavaScript; keyboard access; search in each language."""
from __future__ import annotations

import functools
import time
from pathlib import Path
from urllib.parse import urlsplit

import axe_playwright_python
import pytest
import yaml

from conftest import built_pages
from layout_checks import covered_controls, overflow_problems, settle
from text_colours import text_colours
from guidekit.i18n import translations
from guidekit.project import Project
from reader import LEFT, RECORD_ON_LEAVING, REPRESENTATIVES, SEARCH_FIELD, after_exit, neutral_destinations, search_for, seed_storage

ROOT = Path(__file__).resolve().parents[1]
PROJECT = Project.load(ROOT)
LANGS = PROJECT.all_languages
DEFAULT = PROJECT.default_language
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 720}
AXE_SCRIPT = Path(axe_playwright_python.__file__).with_name("axe.min.js")
# axe's rules that judge text colours: about 70 % of axe's time. They run on every page that shows
# a text style (colour, background, size, weight, link marking: tests/text_colours.py) that no
# page before it in this process has shown with these rules passing; on the other pages every
# style was already judged by them, and tests/text_colours.py checks every element's contrast.
COLOUR_RULES = ("color-contrast", "link-in-text-block")
# The build ran before collection (conftest.pytest_configure): every page of every language.
PAGES = built_pages()


def prefix(lang: str) -> str:
    return "/" if lang == DEFAULT else f"/{lang}/"


def lang_of(path: str) -> str:
    first = path.strip("/").split("/")[0]
    return first if first in LANGS and first != DEFAULT else DEFAULT


@functools.cache
def quick_exit_url(lang: str) -> str:
    conf = yaml.safe_load((ROOT / "locales" / lang / "mkdocs.yml").read_text("utf-8"))
    url = conf["extra"]["quick_exit"]["url"]
    assert url.startswith("https://") and urlsplit(url).netloc, f"{lang}: quick exit needs an https address"
    return url


def landed_on(url: str):
    """The exact exit address (not merely any address that starts with it, such as the guide)."""
    return lambda current: current == url


class Sweep:
    """One tab per test process that visits page after page. axe is injected once, by the
    context, into every document; a page is done at `load` once nothing is still in flight. It
    remembers the text styles axe's colour rules have passed."""

    def __init__(self, browser, server):
        self.server = server
        self.context = browser.new_context()
        self.context.add_init_script(path=str(AXE_SCRIPT))
        self.page = self.context.new_page()
        self.elsewhere, self.errors, self.pending = [], [], set()
        local = ("", f"127.0.0.1:{server.port}")
        self.page.on("request", self._started)
        self.page.on("requestfinished", lambda r: self.pending.discard(r))
        self.page.on("requestfailed", lambda r: self.pending.discard(r))
        self.page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}")
                     if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self._local = local
        self.judged_styles: set[str] = set()  # styles axe's colour rules passed on an earlier page
        self.styles: set[str] = set()         # the styles of the page being checked
        self.colour_rules_ran = 0

    def _started(self, request):
        self.pending.add(request)
        if urlsplit(request.url).netloc not in self._local and not request.url.startswith("data:"):
            self.elsewhere.append(request.url)

    def visit(self, path: str):
        self.elsewhere.clear()
        self.errors.clear()
        self.page.set_viewport_size(DESKTOP)  # the layout checks leave it at a phone's width
        self.page.goto(self.server.origin + path, wait_until="load")
        deadline = time.monotonic() + 5
        while self.pending and time.monotonic() < deadline:  # e.g. the favicon, asked for at load
            self.page.wait_for_timeout(20)
        assert not self.pending, f"still loading after load: {[r.url for r in self.pending]}"
        self.styles = set()
        return self.page

    def contrast_problems(self) -> list[str]:
        """Text below WCAG 2.1 AA contrast on this page (tests/text_colours.py); remembers the
        page's text styles for axe_violations."""
        self.styles, problems = text_colours(self.page)
        return problems

    def axe_violations(self) -> list[str]:
        """axe-core's WCAG 2.1 A and AA rules; its colour rules only when the page shows a text
        style they have not yet passed (contrast_problems must have run on the page first)."""
        assert self.styles, "contrast_problems() reads the page's text styles first"
        options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
        colours = not self.styles <= self.judged_styles
        if not colours:
            options["rules"] = {rule: {"enabled": False} for rule in COLOUR_RULES}
        violations = self.page.evaluate("options => axe.run(document, options).then(r => r.violations)", options)
        if colours:
            self.colour_rules_ran += 1
            if not violations:
                self.judged_styles |= self.styles
        return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
                for v in violations]

    def close(self):
        self.context.close()


@pytest.fixture(scope="session")
def sweep(browser, server):
    sweep = Sweep(browser, server)
    yield sweep
    sweep.close()


def test_every_page_is_checked():
    assert len(PAGES) >= 5 * len(LANGS), "the sweep lists the built site"


@pytest.mark.parametrize("path", PAGES)
def test_page_is_private_quiet_and_accessible(sweep, path):
    page = sweep.visit(path)
    assert not sweep.elsewhere, f"requests to other hosts: {sweep.elsewhere}"
    assert not sweep.errors, sweep.errors
    contrast = sweep.contrast_problems()
    assert not contrast, "\n".join(contrast)
    violations = sweep.axe_violations()
    assert not violations, "\n".join(violations)
    exits, referrer = page.evaluate("""() => [
        Array.from(document.querySelectorAll('#quick-exit'), e => e.getAttribute('href')),
        Array.from(document.querySelectorAll('meta[name="referrer"]'), e => e.content)]""")
    assert exits == [quick_exit_url(lang_of(path))], f"one quick exit, to the language's address: {exits}"
    assert referrer == ["no-referrer"], referrer
    wide = overflow_problems(page)  # at 320 and 390 px; leaves the tab at 390
    assert not wide, f"scrolls sideways: {wide}"
    covered = covered_controls(page)  # on a phone, where the exit bar could sit on top of things
    assert not covered, f"controls under something else: {covered}"


# -- quick exit ------------------------------------------------------------------------------------
# The shortcut, its count and its announcement run in every language (tests/test_quick_exit.py):
# those differ by language (the catalog's words, the exit address). The button, the small screen,
# no JavaScript and the keyboard behave the same in every language of one script and direction:
# one language of each (reader.REPRESENTATIVES, which says why); the sweep checks every page's
# exit address.


@pytest.mark.parametrize("lang", REPRESENTATIVES)
def test_quick_exit_button(context, server, lang):
    context.add_init_script(RECORD_ON_LEAVING)
    page = context.new_page()
    page.goto(server.origin + prefix(lang))
    seed_storage(page)
    messages = []
    page.on("console", lambda m: messages.append(m.text) if "quick-exit" in (m.location or {}).get("url", "") else None)
    page.click("#quick-exit")
    page.wait_for_url(landed_on(quick_exit_url(lang)))
    assert page.title() == "neutral"
    assert not messages, "quick exit logs nothing"
    # opened directly: Back does not return to the guide
    page.go_back()
    assert not page.url.startswith(server.origin), page.url
    local, session, record = after_exit(page, server)
    assert local == ["another-app"], "theme keys cleared, other keys kept"
    assert session == []
    assert record == LEFT(translations(PROJECT, lang).gettext("Leaving this site.")), \
        f"announced and hidden before the browser left: {record}"


@pytest.mark.parametrize("lang", REPRESENTATIVES)
def test_quick_exit_on_a_small_screen(browser, server, lang):
    context = browser.new_context(viewport={"width": 360, "height": 640}, has_touch=True, is_mobile=True)
    neutral_destinations(context)
    page = context.new_page()
    page.goto(server.origin + prefix(lang) + "directory/")
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    settle(page)
    box = page.locator("#quick-exit").bounding_box()
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= 640, f"sticky and in view: {box}"
    assert box["height"] >= 40, "a touch target of at least 40 px"
    page.locator("#quick-exit").tap()
    page.wait_for_url(landed_on(quick_exit_url(lang)))
    context.close()


@pytest.mark.parametrize("lang", REPRESENTATIVES)
def test_quick_exit_without_javascript(browser, server, lang):
    context = browser.new_context(java_script_enabled=False)
    neutral_destinations(context)
    page = context.new_page()
    page.goto(server.origin + prefix(lang))
    assert page.get_attribute("#quick-exit", "href") == quick_exit_url(lang)
    page.click("#quick-exit")
    page.wait_for_url(landed_on(quick_exit_url(lang)))
    context.close()


# -- keyboard ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", REPRESENTATIVES)
def test_keyboard_skip_link_focus_and_quick_exit(context, server, lang):
    page = context.new_page()
    page.goto(server.origin + prefix(lang))
    page.keyboard.press("Tab")
    first = page.evaluate("() => document.activeElement.className")
    assert "md-skip" in first, "the first Tab reaches the skip link"
    for presses in range(2, 6):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "quick-exit":
            break
    else:
        pytest.fail("quick exit not reached within 5 Tab presses")
    outline = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
                                       return [s.outlineStyle, parseFloat(s.outlineWidth)]; }""")
    assert outline[0] != "none" and outline[1] >= 2, f"visible focus: {outline}"


# -- search -----------------------------------------------------------------------------------------

# Realistic queries: a Korean word with its particle, Japanese and Chinese without spaces,
# Vietnamese with its diacritics, English.
SEARCHES = {
    "en": ("report to the police", "/en/report/police/"),
    "ko": ("경찰에 신고", "/report/police/"),
    "ja": ("警察に通報", "/ja/report/police/"),
    "zh": ("向警察报案", "/zh/report/police/"),
    "vi": ("trình báo với cảnh sát", "/vi/report/police/"),
}


def search(page, query: str, top: int = 5) -> list[str]:
    search_for(page, query)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    pages = list(dict.fromkeys(urlsplit(h).path for h in hrefs))  # sections of one page count once
    return pages[:top]


@pytest.mark.parametrize("lang", sorted(SEARCHES))
def test_search_finds_a_page(context, server, lang):
    query, expected = SEARCHES[lang]
    page = context.new_page()
    page.goto(server.origin + prefix(lang))
    top = search(page, query)
    assert expected in top, f"{query!r}: {top}"


def test_korean_search_finds_a_word_with_a_particle(context, server, site):
    """A word with a particle that is written nowhere in the guide (the stem is everywhere): only
    an index that splits particles off finds the police page."""
    import json
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    text = " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"])
    candidates = ["경찰과", "경찰이랑", "경찰하고", "경찰만"]
    unused = [q for q in candidates if q not in text]
    assert unused and "경찰" in text, "the query must test the particle split"
    page = context.new_page()
    page.goto(server.origin + "/")
    top = search(page, unused[0], top=10)
    assert "/report/police/" in top, (unused[0], top)


def test_a_query_typed_once_the_index_is_ready_finds_pages(context, server):
    """The search tests type as a reader does (reader.search_for): a query entered after the
    index is ready is searched for too (with fill() alone it was not, and tests that typed only
    after the index loaded found nothing)."""
    page = context.new_page()
    page.goto(server.origin + "/en/")
    page.click(SEARCH_FIELD)
    page.wait_for_function("""() => { const m = document.querySelector('.md-search-result__meta');
        return m && m.textContent.trim() && !/initiali/i.test(m.textContent); }""", timeout=15000)
    assert "/en/report/police/" in search(page, "police", top=10)


def test_search_index_loads_only_when_searching(context, server):
    """The largest file of a first view waits until the reader turns to search."""
    page = context.new_page()
    requested = []
    page.on("request", lambda r: requested.append(urlsplit(r.url).path))
    page.goto(server.origin + "/en/", wait_until="networkidle")
    assert not [p for p in requested if "search_index" in p or "/workers/" in p], requested
    with page.expect_request(lambda r: r.url.endswith("/en/search/search_index.json")):
        page.locator("input.md-search__input").focus()
    assert any(p.endswith("/en/search/search_index.json") for p in requested)


def test_colour_checks_find_low_contrast_text(sweep):
    """The sweep's two colour checks can fail: light grey text on white is reported by the
    page's own contrast check, and is a new style, so axe's colour rules run and report it too."""
    sweep.visit("/en/")
    assert not sweep.contrast_problems()
    assert not sweep.axe_violations()  # with its colour rules where a style is new: all judged now
    assert sweep.styles <= sweep.judged_styles
    sweep.page.evaluate("""() => document.querySelectorAll('.md-typeset p')
        .forEach(p => p.style.setProperty('color', '#b0b0b0', 'important'))""")  # the CSP forbids a <style>
    problems = sweep.contrast_problems()
    assert problems and all("needs 4.5:1" in p for p in problems), problems
    ran = sweep.colour_rules_ran
    violations = sweep.axe_violations()
    assert sweep.colour_rules_ran == ran + 1, "a new style brings axe's colour rules back"
    assert any(v.startswith("color-contrast") for v in violations), violations
