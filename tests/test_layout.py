"""Nothing covers anything, and nothing scrolls sideways, in a real browser: the quick-exit control
stays on screen at every scroll position but never lies on top of another control, with the
search, the navigation drawer or the language menu open, with a hosting profile's logo, at 320,
360, 390, 768 and 1280 px and at 200 % text size (no page scrolls sideways at 320 or 390 px: the
every-page sweep checks that, with tests/layout_checks.py; the check itself is tested here);
a channel that answers text messages shows its text button next to its call button."""
from __future__ import annotations

import pytest

from browser import SiteServer
from layout_checks import INTERACTIVE, covered_controls, overflow_problems, settle
from reader import neutral_destinations, prefix, search_for

WIDTHS = (320, 360, 390, 768, 1280)
STATES = ("plain", "search", "drawer", "language")
HEIGHT = 740
# A help-finder page with the 1388 card (call and text buttons), in the drawer's second level.
STATE_PAGE = "help/under-19/"
QUERY = {"ko": "경찰", "en": "police"}
EXIT = ".gk-exit a"


@pytest.fixture(scope="module")
def profile_server(profile_project):
    """The example hosting profile (its own logo, colours and channels), built once per run."""
    with SiteServer(profile_project / "site") as server:
        yield server


def open_page(browser, server, path, width, text_size=1.0):
    context = browser.new_context(viewport={"width": width, "height": HEIGHT})
    neutral_destinations(context)
    page = context.new_page()
    if text_size != 1.0:  # the browser's own text size setting, as a reader would set it
        cdp = context.new_cdp_session(page)
        cdp.send("Page.enable")
        cdp.send("Page.setFontSizes", {"fontSizes": {"standard": round(16 * text_size),
                                                     "fixed": round(13 * text_size)}})
    page.goto(server.origin + path, wait_until="load")
    settle(page)
    return context, page


def visible(page, selector):
    loc = page.locator(selector)
    return loc.count() > 0 and loc.first.is_visible()


def exit_problems(page) -> list[str]:
    """The exit control is on screen, and a tap at its centre reaches it."""
    box = page.locator("#quick-exit").bounding_box()
    if not box or box["y"] < 0 or box["y"] + box["height"] > HEIGHT or box["x"] < 0:
        return [f"quick exit is not on screen: {box}"]
    hit = page.evaluate("""() => { const e = document.getElementById('quick-exit'), r = e.getBoundingClientRect();
        const h = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return h === e || e.contains(h) ? null : (h ? h.outerHTML.slice(0, 80) : 'nothing'); }""")
    return [f"quick exit is covered by {hit}"] if hit else []


def open_state(page, state, lang) -> str | None:
    """Opens the search, the drawer or the language menu; returns the selector of the controls
    that state shows (None: the state does not exist at this width)."""
    if state == "plain":
        return INTERACTIVE
    if state == "search":
        if visible(page, 'label.md-header__button[for="__search"]'):
            page.click('label.md-header__button[for="__search"]')
        else:
            page.click("input.md-search__input")
        search_for(page, QUERY[lang])
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        settle(page)  # the panel's opening transition
        return ".md-search a[href], .md-search button, .md-search input, .md-search label"
    if state == "drawer":
        if not visible(page, 'label.md-header__button[for="__drawer"]'):
            return None  # wide screens show the navigation as a sidebar (checked in "plain")
        page.click('label.md-header__button[for="__drawer"]')
        settle(page)
        # Material's drawer shows one level at a time, sliding the open section over its parent:
        # the controls are those of the level on top.
        page.evaluate("""() => {
            const drawer = document.querySelector('.md-sidebar--primary');
            const shown = [...drawer.querySelectorAll('nav.md-nav')].filter(n => {
                const r = n.getBoundingClientRect();
                return r.width > 0 && Math.abs(r.left - drawer.getBoundingClientRect().left) < 2 &&
                       n.checkVisibility({checkVisibilityCSS: true});
            });
            const level = n => Number(n.dataset.mdLevel || 0);
            const top = shown.sort((a, b) => level(b) - level(a))[0];
            for (const e of drawer.querySelectorAll('a[href], label[for], button, input'))
                if (e.closest('nav.md-nav') === top || (e.closest('.md-nav__title') && e.closest('nav.md-nav') === top))
                    e.setAttribute('data-test-top', '');
        }""")
        return "[data-test-top]"
    if state == "language":
        page.focus(".md-select .md-header__button")  # opens as on a tap
        settle(page)
        assert page.locator(".md-select__link").first.is_visible(), "the language menu opened"
        return ".md-select a, .md-select button"
    raise ValueError(state)


def close_state(page, state) -> None:
    """Closes what open_state opened, as a reader would leave it, so that the next state starts
    from the plain page."""
    if state == "language":
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        settle(page)
        assert page.evaluate("() => getComputedStyle(document.querySelector('.md-select__inner')).opacity") == "0", \
            "the language menu closed"
    elif state == "drawer":
        page.evaluate("""() => { const t = document.getElementById('__drawer');
            t.checked = false; t.dispatchEvent(new Event('change'));
            for (const e of document.querySelectorAll('[data-test-top]')) e.removeAttribute('data-test-top'); }""")
        settle(page)
        assert not page.evaluate("() => document.getElementById('__drawer').checked"), "the drawer closed"


def check_states(page, lang, states=STATES) -> list[str]:
    """Every state on one loaded page, in turn: the plain page, the language menu, the drawer,
    each closed again before the next, and the search last (it stays open). Each problem is
    named by its state."""
    order = [s for s in ("plain", "language", "drawer", "search") if s in states]
    problems = []
    for state in order:
        selector = open_state(page, state, lang)
        if selector is not None:
            problems += [f"{state}: {p}" for p in covered_controls(page, f"{selector}, {EXIT}") + exit_problems(page)]
        if state != order[-1]:
            close_state(page, state)
    return problems


# -- nothing covers anything -------------------------------------------------------------------------
# One page load per language and width: the four states are opened one after the other on it.

@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_nothing_covers_a_control(browser, server, lang, width):
    context, page = open_page(browser, server, prefix(lang) + STATE_PAGE, width)
    problems = check_states(page, lang)
    context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_covers_a_control_at_200_percent_text(browser, server, width):
    context, page = open_page(browser, server, prefix("ko") + STATE_PAGE, width, text_size=2.0)
    assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") >= 39, \
        "the text size setting took effect (Material's 125 % of 32 px)"
    problems = check_states(page, "ko")
    context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", (360, 390, 1280))
def test_nothing_covers_a_control_with_a_profile_logo(browser, profile_server, width):
    context, page = open_page(browser, profile_server, "/" + STATE_PAGE, width)
    assert "organisation-logo" in page.inner_html(".md-header"), "the profile's logo is in use"
    problems = []
    if width >= 1220:
        problems += [f"plain: {p}" for p in covered_controls(page, ".md-header .md-logo")]
    problems += check_states(page, "ko")
    context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", (320, 360, 390, 768))
def test_the_drawer_logo_is_below_the_exit_bar(browser, profile_server, width):
    """The issue's report: with the drawer open, the organisation's logo sat under the bar. (On
    the home page the drawer shows its top level, with the logo.)"""
    context, page = open_page(browser, profile_server, "/", width)
    page.click('label.md-header__button[for="__drawer"]')
    settle(page)
    logo = page.locator(".md-sidebar--primary .md-nav__title .md-logo").first
    assert logo.is_visible()
    bar = page.locator(".gk-exit").bounding_box()
    box = logo.bounding_box()
    problems = covered_controls(page, ".md-sidebar--primary .md-nav__title .md-logo")
    context.close()
    assert box["y"] >= bar["y"] + bar["height"] - 0.5, (bar, box)
    assert not problems, problems


@pytest.mark.parametrize("width", (360, 1280))
def test_exit_stays_on_screen_and_uncovered_while_scrolling(browser, server, width):
    context, page = open_page(browser, server, prefix("ko") + "report/police/", width)
    height = page.evaluate("document.documentElement.scrollHeight")
    problems = []
    for fraction in (0, 0.25, 0.5, 0.75, 1):
        page.evaluate(f"window.scrollTo(0, {int(height * fraction)})")
        settle(page)
        problems += [f"at {fraction:.0%}: {p}" for p in exit_problems(page)]
        # the header's controls stay reachable under the bar, too
        problems += covered_controls(page, ".md-header a[href], .md-header label[for], .md-header button")
    context.close()
    assert not problems, "\n".join(problems)


def test_check_finds_a_covered_control(browser, server):
    """The check can fail: a box laid over the exit button is reported."""
    context, page = open_page(browser, server, "/en/", 360)
    page.evaluate("""() => { const d = document.createElement('div'); d.id = 'lid';
        d.style.cssText = 'position:fixed;top:0;left:0;right:0;height:80px;z-index:99;background:#fff';
        document.body.append(d); }""")
    problems = covered_controls(page, EXIT) + exit_problems(page)
    context.close()
    assert problems and "covered by" in problems[0]


# -- no page scrolls sideways ------------------------------------------------------------------------

# Every page of every language is checked at 320 and 390 px by the sweep (tests/test_browser.py,
# with these same checks from tests/layout_checks.py); this check of the check stays here.

def test_overflow_check_names_the_widest_element(browser, server):
    """The check can fail: a planted wide element is found and named."""
    context, page = open_page(browser, server, "/en/", 390)
    page.evaluate("""() => { const b = document.createElement('a'); b.id = 'wide'; b.href = '#';
        b.textContent = 'x'; b.style.cssText = 'display:inline-block;width:520px';
        document.querySelector('.md-content__inner').prepend(b); }""")
    problems = overflow_problems(page)
    context.close()
    assert len(problems) == 2 and all("a#wide" in p for p in problems), problems


# -- text routes -------------------------------------------------------------------------------------

@pytest.mark.parametrize("width", (320, 390))
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_text_button_sits_next_to_the_call_button(browser, server, lang, width):
    context, page = open_page(browser, server, prefix(lang) + "help/under-19/", width)
    card = page.locator('.gk-card[data-channel="youth-1388"]').first
    call = card.locator('a[href="tel:1388"]')
    text = card.locator('a[href="sms:1388"]')
    assert call.is_visible() and text.is_visible()
    text.scroll_into_view_if_needed()
    a, b = call.bounding_box(), text.bounding_box()
    problems = covered_controls(page, '.gk-card[data-channel="youth-1388"] a')
    context.close()
    beside = abs(a["y"] - b["y"]) < 2 and 0 < b["x"] - (a["x"] + a["width"]) < 40
    below = abs(a["x"] - b["x"]) < 2 and 0 <= b["y"] - (a["y"] + a["height"]) < 24  # when the row is too narrow
    assert beside or below, f"next to each other: call {a}, text {b}"
    if width >= 390:
        assert beside, f"side by side at {width} px: call {a}, text {b}"
    assert b["height"] >= 40, "a touch target as large as the call button"
    assert not problems, problems
