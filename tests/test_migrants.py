"""Help for people who are not Korean citizens (issue 14): cards name languages in the reader's
language, mark services that answer in it and list those first, and the page exists in every
language."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel import Locale

from conftest import html_files, language_of
from guidekit import pages
from guidekit.channels import Registry
from guidekit.i18n import translations
from guidekit.placeholders import Renderer
from guidekit.project import Project

ROOT = Path(__file__).resolve().parents[1]
PROJECT = Project.load(ROOT)
LANGS = PROJECT.all_languages
DEFAULT = PROJECT.default_language
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
PAGE = "help/not-korean.md"


class Cards(HTMLParser):
    """Every channel card of a page: its id, whether it has the "speaks" mark, its facts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.cards: list[dict] = []
        self._depth = 0          # <div> nesting inside the current card
        self._field = None       # "dt" or "dd" while inside one
        self._dt = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "div" and "gk-card" in classes and not self._depth:
            self.cards.append({"id": attrs.get("data-channel"), "speaks": False, "facts": []})
            self._depth = 1
            return
        if not self._depth:
            return
        if tag == "div":
            self._depth += 1
        elif tag == "p" and "gk-card__speaks" in classes:
            self.cards[-1]["speaks"] = True
        elif tag in ("dt", "dd"):
            self._field = tag
            if tag == "dd":
                self.cards[-1]["facts"].append([self._dt, ""])

    def handle_endtag(self, tag):
        if not self._depth:
            return
        if tag == "div":
            self._depth -= 1
        elif tag in ("dt", "dd"):
            self._field = None

    def handle_data(self, data):
        if self._field == "dt":
            self._dt = data.strip()
        elif self._field == "dd":
            self.cards[-1]["facts"][-1][1] += data


def cards_of(path: Path) -> list[dict]:
    parser = Cards()
    parser.feed(path.read_text("utf-8"))
    return parser.cards


def built_page(site: Path, lang: str, rel: str) -> Path:
    prefix = site if lang == DEFAULT else site / lang
    return prefix / rel.removesuffix(".md") / "index.html"


# The label of the language line in each language's catalog; a page built from the source
# language (a missing translation) uses the source language's label.
LABELS = {lang: translations(PROJECT, lang).gettext("Languages") for lang in LANGS}


def test_no_hangul_in_a_cards_language_line_outside_korean(site):
    non_korean = [lang for lang in LANGS if not Locale.parse(lang).language == "ko"]
    labels = {LABELS[lang] for lang in non_korean} | {"Languages"}
    seen = {lang: 0 for lang in non_korean}
    for path in html_files(site):
        lang = language_of(site, path, LANGS, DEFAULT)
        if lang not in seen:
            continue
        for card in cards_of(path):
            for label, value in card["facts"]:
                if label in labels:
                    seen[lang] += 1
                    assert not HANGUL.search(value), f"{path}: card {card['id']}: {value!r}"
    assert all(seen.values()), f"no language line found in some languages: {seen}"


@pytest.mark.parametrize("lang", ["vi", "zh"])
def test_danuri_card_says_it_speaks_the_readers_language(site, lang):
    cards = {c["id"]: c for c in cards_of(built_page(site, lang, PAGE))}
    assert cards["danuri"]["speaks"], f"/{lang}/: no 'speaks your language' mark on the Danuri card"


def test_no_mark_where_every_service_speaks_the_language(site):
    cards = cards_of(built_page(site, DEFAULT, PAGE))
    assert cards and not any(c["speaks"] for c in cards)


@pytest.mark.parametrize("lang", [lang for lang in LANGS if lang != DEFAULT])
def test_the_migrant_page_lists_services_in_the_readers_language_first(site, lang):
    cards = cards_of(built_page(site, lang, PAGE))
    marks = [c["speaks"] for c in cards]
    reader = Locale.parse(lang).language
    registry = Registry.load(ROOT / "data")
    speakers = [c["id"] for c in cards if any(Locale.parse(code.replace("-", "_")).language == reader
                                              for code in (registry.get(c["id"]).languages or []))]
    # every card whose service speaks the language (data/) says so; none is marked otherwise
    assert [c["id"] for c in cards if c["speaks"]] == speakers, f"/{lang}/{PAGE}: marks {marks}, speakers {speakers}"
    first_unmarked = marks.index(False) if False in marks else len(marks)
    late = [c["id"] for c in cards[first_unmarked:] if c["speaks"]]
    assert not late, f"/{lang}/{PAGE}: list {late} before the cards that do not speak {lang}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_migrant_page_exists_in_every_language(lang):
    path = PROJECT.docs_dir(lang) / PAGE
    assert path.exists(), path
    if lang != PROJECT.source_language:
        assert pages.read(path).meta["translation"]["reviewed"] is False


@pytest.mark.parametrize("locale, korean", [("en", "Korean"), ("ja", "韓国語"), ("zh_Hans", "韩语"),
                                            ("vi", "Tiếng Hàn"), ("ko", "한국어")])
def test_language_line_is_in_the_page_locale(locale, korean):
    registry = Registry.load(ROOT / "data")
    lang = Locale.parse(locale).language
    html = Renderer(registry, lang, Locale.parse(locale), lambda s: s).card(registry.get("police"))
    assert f"<dt>Languages</dt><dd>{korean}</dd>" in html
    assert 'lang="ko"' not in html.split("<dt>Languages</dt>")[1].split("</dd>")[0]
