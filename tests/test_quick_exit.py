"""Quick exit's Shift ×3 in a real browser: only Shift pressed and released on its own counts.
Typing capitals or Korean double consonants (Shift + key, through an input method) never exits,
in the search field or on the page; three lone presses within 5 seconds do, in every language;
any other key starts the count again; screen readers hear the count and the exit (the status
region holds the catalog string in the page's language before the browser leaves)."""
from __future__ import annotations

import pytest

from guidekit.i18n import translations
from reader import (LANGS, PROJECT, exited, neutral_destinations, prefix, quick_exit_url, type_korean,
                    type_like_a_person)

SEARCH = "input.md-search__input"
PHRASES = ("Seoul Police Korea", "Take It Down")
# Words with ㅆ ㄲ ㄸ ㅃ ㅉ, each typed with Shift held around its key.
KOREAN = "쌍꺼풀 사진 빨리 지워 주세요 짜증 나 떨려 있었어"


@pytest.fixture
def context(browser):
    context = browser.new_context()
    neutral_destinations(context)
    yield context
    context.close()


def open_page(context, server, path, focus_search=False):
    page = context.new_page()
    page.goto(server.origin + path, wait_until="networkidle")
    if focus_search:
        page.locator(SEARCH).focus()
    return page


def settle(page):
    page.wait_for_timeout(300)


@pytest.mark.parametrize("where", ["search", "page"])
@pytest.mark.parametrize("phrase", PHRASES)
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_typing_capitals_never_exits(context, server, lang, phrase, where):
    page = open_page(context, server, prefix(lang), focus_search=where == "search")
    type_like_a_person(page, phrase)
    settle(page)
    assert not exited(page, server), f"typing {phrase!r} into the {where} left the guide: {page.url}"
    if where == "search":
        assert page.input_value(SEARCH) == phrase


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_typing_korean_double_consonants_never_exits(context, server, lang):
    page = open_page(context, server, prefix(lang), focus_search=True)
    cdp = context.new_cdp_session(page)
    shifts = type_korean(page, cdp, KOREAN)
    settle(page)
    assert shifts >= 6, "the test types at least six Shift + key double consonants"
    assert not exited(page, server), page.url
    assert page.input_value(SEARCH) == KOREAN


def test_shift_during_composition_never_counts(context, server):
    """Three lone Shift presses while an input method is composing a syllable."""
    page = open_page(context, server, "/", focus_search=True)
    cdp = context.new_cdp_session(page)
    cdp.send("Input.imeSetComposition", {"text": "ㅆ", "selectionStart": 1, "selectionEnd": 1})
    for _ in range(3):
        page.keyboard.press("Shift")
    settle(page)
    assert not exited(page, server)


def test_shift_key_events_carry_is_composing(context, server):
    """The composition test above is meaningful: Chromium marks those Shift presses as composing."""
    page = open_page(context, server, "/", focus_search=True)
    page.evaluate("() => { window.seen = []; document.addEventListener('keyup', e => seen.push(e.isComposing)); }")
    cdp = context.new_cdp_session(page)
    cdp.send("Input.imeSetComposition", {"text": "ㅆ", "selectionStart": 1, "selectionEnd": 1})
    page.keyboard.press("Shift")
    assert page.evaluate("() => window.seen") == [True]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("where", ["search", "page"])
def test_three_lone_shift_presses_exit(context, server, lang, where):
    page = open_page(context, server, prefix(lang), focus_search=where == "search")
    if where == "search":
        type_like_a_person(page, "Police")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(quick_exit_url(lang) + "**")


def test_another_key_starts_the_count_again(context, server):
    page = open_page(context, server, "/en/", focus_search=True)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("KeyA")
    settle(page)
    assert not exited(page, server), "two lone presses and a letter: no exit"
    page.keyboard.press("Shift")
    settle(page)
    assert not exited(page, server), "the letter started the count again"
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_url(quick_exit_url("en") + "**")


def test_shift_with_a_click_does_not_count(context, server):
    page = open_page(context, server, "/en/")
    for _ in range(3):
        page.keyboard.down("Shift")
        page.mouse.click(5, 400)
        page.keyboard.up("Shift")
    settle(page)
    assert not exited(page, server)


def test_presses_count_only_within_five_seconds(context, server):
    page = context.new_page()
    page.clock.install()
    page.goto(server.origin + "/en/")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.clock.run_for(6000)
    page.keyboard.press("Shift")
    settle(page)
    assert not exited(page, server), "two presses, a pause, then one more: no exit"
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_url(quick_exit_url("en") + "**")


# -- what screen readers hear -----------------------------------------------------------------------

def status_text(page):
    return page.evaluate("() => document.querySelector('.gk-exit [role=status]').textContent")


@pytest.mark.parametrize("lang", LANGS)
def test_status_counts_the_presses_in_the_page_language(context, server, lang):
    tr = translations(PROJECT, lang)
    page = open_page(context, server, prefix(lang))
    assert status_text(page) == ""
    page.keyboard.press("Shift")
    assert status_text(page) == tr.ngettext("Shift: press %(count)s more time to leave this site.",
                                            "Shift: press %(count)s more times to leave this site.", 2) % {"count": 2}
    page.keyboard.press("Shift")
    assert status_text(page) == tr.ngettext("Shift: press %(count)s more time to leave this site.",
                                            "Shift: press %(count)s more times to leave this site.", 1) % {"count": 1}


# Written by the page when the browser sets off for the neutral site (beforeunload comes before
# the request is sent), and read back afterwards from the guide's origin.
RECORD_ON_LEAVING = """
addEventListener('beforeunload', () => {
  const s = document.querySelector('.gk-exit [role=status]');
  if (!s) return;
  sessionStorage.setItem('test-leaving', JSON.stringify([
    s.textContent, document.documentElement.classList.contains('gk-exiting'),
    getComputedStyle(s).visibility, getComputedStyle(document.querySelector('.md-content')).visibility,
    document.title]));
});
"""


@pytest.mark.parametrize("how", ["button", "shortcut"])
@pytest.mark.parametrize("lang", LANGS)
def test_exit_is_announced_before_the_browser_leaves(context, server, lang, how):
    """When the browser sets off for the neutral site, the page is already hidden and its status
    region (still in the accessibility tree) says, in the page's language, that the site is being
    left."""
    expected = translations(PROJECT, lang).gettext("Leaving this site.")
    assert expected and (lang == "en" or expected != "Leaving this site."), f"{lang}: not translated"
    context.add_init_script(RECORD_ON_LEAVING)
    page = context.new_page()
    page.goto(server.origin + prefix(lang), wait_until="networkidle")
    if how == "button":
        page.click("#quick-exit")
    else:
        for _ in range(3):
            page.keyboard.press("Shift")
    page.wait_for_url(quick_exit_url(lang) + "**")
    page.goto(server.origin + "/404.html")
    state = page.evaluate("() => JSON.parse(sessionStorage.getItem('test-leaving'))")
    assert state == [expected, True, "visible", "hidden", ""], state


def test_status_region_is_polite_and_hidden_from_view(context, server):
    page = open_page(context, server, "/")
    region = page.locator(".gk-exit [role=status]")
    assert region.count() == 1
    box = region.bounding_box()
    assert box is None or (box["width"] <= 1 and box["height"] <= 1), "for screen readers only"
