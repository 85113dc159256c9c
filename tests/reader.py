"""A reader at the keyboard, for the browser tests of quick exit, history, layout and search:
typing the way a person does (Shift held for capitals, Korean typed through an input method, a
search query that ends with a key released), the neutral quick-exit destinations answered
locally, and a page outside the guide to start the tab on."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import yaml

from guidekit.project import Project

ROOT = Path(__file__).resolve().parents[1]
PROJECT = Project.load(ROOT)
LANGS = PROJECT.all_languages
DEFAULT = PROJECT.default_language
START = "https://start.test/"  # a page that is not the guide, where the tab starts


def _script_and_direction(lang: str) -> tuple[str, str]:
    """The script a language is written in (Babel's likely subtags: ru → ru_Cyrl_RU) and its
    direction."""
    from babel import Locale
    from babel.core import get_global
    tag = get_global("likely_subtags").get(lang, lang).split("_")
    script = next((part for part in tag[1:] if len(part) == 4), "")
    return script, Locale.parse(lang).character_order


def representatives(langs: list[str]) -> list[str]:
    """One language per script and direction (the root and source languages first). Quick exit,
    the keyboard, the small screen and the history work the same in every language: the same
    script and the same page structure, with only the translated words and the destination
    changing, and those are checked in every language elsewhere (the sweep reads each page's exit
    address; the shortcut test runs per language). What a script or a direction can change (line
    height, the bar's height, mirrored layout) is covered by one language of each."""
    seen, chosen = set(), []
    for lang in sorted(langs, key=lambda code: (code != DEFAULT, code != PROJECT.source_language, code)):
        key = _script_and_direction(lang)
        if key not in seen:
            seen.add(key)
            chosen.append(lang)
    return chosen


REPRESENTATIVES = representatives(LANGS)


def prefix(lang: str) -> str:
    return "/" if lang == DEFAULT else f"/{lang}/"


def quick_exit_url(lang: str) -> str:
    conf = yaml.safe_load((ROOT / "locales" / lang / "mkdocs.yml").read_text("utf-8"))
    return conf["extra"]["quick_exit"]["url"]


NEUTRAL_BODY = "<!doctype html><title>neutral</title><p>neutral"


def neutral_destinations(context, extra_hosts=()):
    """Quick-exit destinations answered locally, so the tests never reach a real site."""
    hosts = {urlsplit(quick_exit_url(lang)).netloc for lang in LANGS} | set(extra_hosts)
    for host in hosts:
        context.route(f"https://{host}/**", lambda route: route.fulfill(
            status=200, content_type="text/html", body=NEUTRAL_BODY))


def start_page(context, guide_url: str):
    """https://start.test/ is a page of another site with one link (#go) into the guide."""
    context.route(START + "**", lambda route: route.fulfill(
        status=200, content_type="text/html",
        body=f'<!doctype html><title>start</title><a id="go" href="{guide_url}">guide</a>'))


def exited(page, server) -> bool:
    """Quick exit has set off: the tab has left the guide, or the page has begun to leave
    (quick-exit.js marks <html> with gk-exiting in the same key or click event that calls
    location.replace, so this needs no waiting: the key press has been handled when
    Playwright's press returns)."""
    if not page.url.startswith(server.origin):
        return True
    try:
        return page.evaluate("() => document.documentElement.classList.contains('gk-exiting')")
    except Exception:  # the document is being replaced
        return True


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
# What the record must hold: the catalog's "Leaving this site.", the page hidden, the status
# region still in the accessibility tree, and an empty title.
LEFT = lambda leaving: [leaving, True, "visible", "hidden", ""]  # noqa: E731

THEME_KEYS = "['/.__palette', '/en/.__search', '/ja/.__tabs']"


def seed_storage(page):
    """The theme's own keys in both stores, and one key of another app on the same origin."""
    page.evaluate(f"""() => {{
        for (const k of {THEME_KEYS}) {{ localStorage.setItem(k, '1'); sessionStorage.setItem(k, '1'); }}
        localStorage.setItem('another-app', 'keep');
    }}""")


def after_exit(page, server):
    """Back on the guide's origin in the same tab: the keys left in localStorage and
    sessionStorage (without the test's own record) and the record written on leaving."""
    page.goto(server.origin + "/404.html")
    local, session, record = page.evaluate("""() => [Object.keys(localStorage).sort(),
        Object.keys(sessionStorage).sort(), JSON.parse(sessionStorage.getItem('test-leaving'))]""")
    return local, [k for k in session if k != "test-leaving"], record


# -- typing -----------------------------------------------------------------------------------------

def type_like_a_person(page, text: str):
    """Each capital letter is typed with Shift held down, as on a real keyboard."""
    for ch in text:
        if ch == " ":
            page.keyboard.press("Space")
        elif "A" <= ch <= "Z":
            page.keyboard.down("Shift")
            page.keyboard.press(f"Key{ch}")
            page.keyboard.up("Shift")
        elif "a" <= ch <= "z":
            page.keyboard.press(f"Key{ch.upper()}")
        else:
            page.keyboard.type(ch)


# Two-set Korean keyboard: the double consonants are Shift + the key of the plain one.
_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_FINALS = ["", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ", "ㅀ", "ㅁ",
           "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ"]
_SHIFTED = {"ㄲ": "KeyR", "ㄸ": "KeyE", "ㅃ": "KeyQ", "ㅆ": "KeyT", "ㅉ": "KeyW"}


def _jamo(syllable: str) -> list[str]:
    index = ord(syllable) - 0xAC00
    initial, rest = divmod(index, 588)
    medial, final = divmod(rest, 28)
    keys = [_INITIALS[initial], "vowel"]
    if _FINALS[final]:
        keys.append(_FINALS[final])
    return keys


def type_korean(page, cdp, text: str) -> int:
    """Types Hangul the way a Korean input method delivers it: every jamo key arrives as key code
    229 ("Process") while the syllable is composed, a double consonant with Shift held around its
    key, and each syllable is committed at the end. Returns how many Shift presses were made."""
    shifts = 0
    for ch in text:
        if ch == " ":
            page.keyboard.press("Space")
            continue
        if not "가" <= ch <= "힣":
            page.keyboard.type(ch)
            continue
        for jamo in _jamo(ch):
            code = _SHIFTED.get(jamo, "KeyA")
            if jamo in _SHIFTED:
                page.keyboard.down("Shift")
                shifts += 1
            cdp.send("Input.dispatchKeyEvent", {"type": "rawKeyDown", "windowsVirtualKeyCode": 229,
                                                "key": "Process", "code": code})
            cdp.send("Input.imeSetComposition", {"text": ch, "selectionStart": 1, "selectionEnd": 1})
            cdp.send("Input.dispatchKeyEvent", {"type": "keyUp", "windowsVirtualKeyCode": 229,
                                                "key": "Process", "code": code})
            if jamo in _SHIFTED:
                page.keyboard.up("Shift")
        cdp.send("Input.insertText", {"text": ch})
    return shifts


SEARCH_FIELD = "input.md-search__input"


def search_for(page, query: str) -> None:
    """Types `query` into the theme's search field, ending with a key released as a reader's typing
    does. The theme reads the field on keyup, on focus and when its index becomes ready, not on
    input: a value put there by fill() alone once the index is ready is never searched for (the
    tests passed only while the index was still loading)."""
    field = page.locator(SEARCH_FIELD)
    field.fill(query)
    field.press("End")
