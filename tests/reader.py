"""A reader at the keyboard, for the browser tests of quick exit, history and layout: typing the
way a person does (Shift held for capitals, Korean typed through an input method), the neutral
quick-exit destinations answered locally, and a page outside the guide to start the tab on."""
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
    return not page.url.startswith(server.origin)


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
