"""The evidence log: a blank worksheet per language, as a print-styled section of its page and as
a PDF made at build time (rendered like the emergency card), in the script of its language."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from guidekit import worksheet
from guidekit.i18n import translations
from guidekit.project import Project

ROOT = Path(__file__).resolve().parents[1]
PROJECT = Project.load(ROOT)
# A character only the language's own script has (Vietnamese: a letter with a diacritic).
SCRIPT = {"ko": "[가-힣]", "ja": "[\u3040-\u30ff]", "zh": "[\u4e00-\u9fff]", "vi": "[ạ-ỹđĐ]", "en": "[A-Za-z]"}


def lang_root(site: Path, lang: str) -> Path:
    return site if lang == PROJECT.default_language else site / lang


# How close the extracted text must be, where extraction is lossy (see shown()).
CLOSE_MATCH = {"vi": 0.9, "ne": 0.85, "km": 0.85}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def shown(expected: str, text: str, lang: str) -> bool:
    """`expected` is in the PDF's text. Where pypdf's extraction drops marks that HarfBuzz drew
    (Vietnamese decomposed vowels; Devanagari and Khmer vowel signs and conjuncts: the page renders
    them, checked as images), a close match of the letters, in order, stands in for an exact one."""
    expected, text = squash(expected), squash(text)
    if expected in text:
        return True
    if lang not in CLOSE_MATCH:
        return False
    from difflib import SequenceMatcher
    width = len(expected)
    return any(SequenceMatcher(None, expected, text[i:i + width]).ratio() >= CLOSE_MATCH[lang]
               for i in range(0, max(1, len(text) - width + 1)))


@pytest.mark.parametrize("lang", PROJECT.all_languages)
def test_the_pdf_is_in_its_language_and_script(site, lang):
    from pypdf import PdfReader
    reader = PdfReader(lang_root(site, lang) / worksheet.PDF_FILE)
    assert len(reader.pages) == 1, "one sheet"
    text = reader.pages[0].extract_text()
    _ = translations(PROJECT, lang).gettext
    assert shown(_("Evidence log"), text, lang), "its title, in its language"
    assert re.search(SCRIPT.get(lang, "."), text), f"{lang} text, not empty boxes"
    for heading in worksheet.columns(_)[:3]:
        assert shown(heading, text, lang), heading
    for number in ("02-735-8994", "112"):
        assert number in text, number


@pytest.mark.parametrize("lang", PROJECT.all_languages)
def test_the_page_links_the_pdf_and_prints_the_same_sheet(site, lang):
    page = lang_root(site, lang) / "evidence-log" / "index.html"
    text = page.read_text("utf-8")
    link = re.search(r'<p class="gk-worksheet__download"><a href="([^"]+)" download>', text)
    assert link and (page.parent / link.group(1)).resolve() == (lang_root(site, lang) / worksheet.PDF_FILE).resolve()
    _ = translations(PROJECT, lang).gettext
    headings = re.findall(r'<th scope="col">([^<]+)</th>', text)
    import html
    assert [html.unescape(h) for h in headings] == worksheet.columns(_)
    assert text.count("<td></td>") == worksheet.ROWS * len(headings), "blank rows to fill in by hand"
    assert "<input" not in text.split('class="gk-worksheet"', 1)[1].split("</section>", 1)[0], "nothing typed in"
