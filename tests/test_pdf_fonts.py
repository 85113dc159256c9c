"""The PDFs are drawn with the fonts that come with the installation, in every language, and a
script that no bundled font can draw fails the build instead of printing empty boxes."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_guidekit
from guidekit import emergency_card as card, fonts
from guidekit.errors import GuidekitError
from guidekit.project import Project

ROOT = Path(__file__).resolve().parents[1]
PROJECT = Project.load(ROOT)
BUNDLED = {font.family.replace(" ", "-") for font in fonts.FONTS}
# A word of each script the planned languages need, and the font that must draw it.
SAMPLES = {"ko": ("경찰", fonts.CJK), "ja": ("警察に", fonts.CJK), "zh": ("警察", fonts.CJK),
           "vi": ("Cảnh sát", fonts.SANS), "ru": ("Полиция", fonts.SANS), "mn": ("Цагдаа", fonts.SANS),
           "th": ("ตำรวจ", fonts.THAI), "km": ("ប៉ូលិស", fonts.KHMER), "ne": ("प्रहरी", fonts.SANS),
           "ar": ("الشرطة", fonts.ARABIC)}


def pdf_fonts(path: Path) -> set[str]:
    from pypdf import PdfReader
    names = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            name = str(font.get_object()["/BaseFont"]).split("+", 1)[-1]
            names.add(name.removesuffix("-Bold"))  # bold is drawn from the same file
    return names


def test_every_bundled_font_is_installed():
    for font in fonts.FONTS:
        assert font.path.is_file() and font.path.stat().st_size > 100_000, font


@pytest.mark.parametrize("lang", PROJECT.all_languages)
def test_each_card_uses_only_bundled_fonts(site, lang):
    pdf = (site if lang == PROJECT.default_language else site / lang) / card.CARD_FILE
    used = pdf_fonts(pdf)
    assert used and used <= BUNDLED, f"{lang}: {used} (a font from the machine was used)"
    if lang in fonts.CJK_LANGUAGES:
        assert "Guidekit-CJK" in used, f"{lang}: its card is not drawn with the CJK font"


def script_of(char: str) -> str:
    """The script of a letter, from its Unicode name (LATIN, HANGUL, CJK, THAI, KHMER …)."""
    import unicodedata
    name = unicodedata.name(char, "")
    return "CJK" if name.startswith(("CJK", "HIRAGANA", "KATAKANA")) else name.split(" ")[0]


@pytest.mark.parametrize("lang", PROJECT.all_languages)
def test_each_card_has_its_numbers_and_its_language(site, lang):
    """Every built language's card shows the three 24-hour numbers and its text in the script of
    its language (the one its own name is written in: ไทย, ខ្មែរ, Монгол, O‘zbek). A language
    whose catalog does not yet translate the card prints it in English: then its text must be
    Latin, and this says so, so the check tightens by itself once the catalog is translated."""
    from pypdf import PdfReader
    from guidekit.channels import Registry
    from guidekit.i18n import language_name, translations
    pdf = (site if lang == PROJECT.default_language else site / lang) / card.CARD_FILE
    text = PdfReader(pdf).pages[0].extract_text()
    compact = "".join(text.split())
    registry = Registry.load(ROOT / "data")
    for ident in card.CARD_CHANNELS:
        entry = registry.get(ident)
        number = (entry.phone("emergency") or entry.phone()).display
        assert number in compact, f"{lang}: {ident} {number} is not on the card"
    heading = "It is a crime, and it is not your fault."
    translated = translations(PROJECT, lang).gettext(heading) != heading
    own = next(script_of(c) for c in language_name(lang) if c.isalpha())
    expected = own if translated or lang == PROJECT.source_language else "LATIN"
    letters = [c for c in text if c.isalpha()]
    in_script = sum(script_of(c) == expected for c in letters)
    assert in_script >= 20 and in_script >= len(letters) // 3, (
        f"{lang}: the card should be in {expected} script"
        + ("" if expected == own else f" (its catalog does not translate the card yet, so it is in "
                                      f"English; translated, it must be {own})")
        + f"; {in_script} of {len(letters)} letters are: {text[:200]!r}")


def test_the_korean_card_has_korean_text(site):
    from pypdf import PdfReader
    text = PdfReader(site / card.CARD_FILE).pages[0].extract_text()
    assert "범죄" in text and "경찰" in text, text[:200]


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_each_script_is_drawn_by_its_font(lang, tmp_path):
    word, font = SAMPLES[lang]
    document = (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><style>{fonts.font_css(lang)}'
                f'</style></head><body><p>{word} 112</p></body></html>')
    pdf = card.write_card(tmp_path / "sample.pdf", document)
    assert font.family.replace(" ", "-") in pdf_fonts(pdf), lang


def test_a_script_no_font_draws_fails_with_language_and_script(tmp_path):
    document = '<!doctype html><html lang="am"><head><meta charset="utf-8"></head><body><p>ሰላም 112</p></body></html>'
    with pytest.raises(GuidekitError, match=r"\[am\].*Ethiopic"):
        card.write_card(tmp_path / "card.pdf", document)
    assert not (tmp_path / "card.pdf").exists()


def test_an_unreadable_card_fails_the_build(project_copy):
    """A catalog string in a script no bundled font draws stops the build, naming language and script."""
    po = project_copy / "locales" / "vi" / "LC_MESSAGES" / "messages.po"
    text = po.read_text("utf-8")
    start = text.index('msgid "It is a crime, and it is not your fault."')
    end = text.index("\n\n", start)
    po.write_text(text[:start] + 'msgid "It is a crime, and it is not your fault."\nmsgstr "ሰላም"' + text[end:], "utf-8")
    result = run_guidekit(["build", "--lang", "vi"], cwd=project_copy)
    assert result.returncode != 0
    assert "[vi]" in result.stderr and "Ethiopic" in result.stderr, result.stderr[-2000:]
    assert not (project_copy / "site").exists(), "no half-built site"


def test_the_card_cache_depends_on_the_fonts(tmp_path, monkeypatch):
    document = '<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body><p>112</p></body></html>'
    cache = tmp_path / "cache"
    card.write_card(tmp_path / "a.pdf", document, cache=cache)
    monkeypatch.setattr(fonts, "fingerprint", lambda: "another-font-set")
    card.write_card(tmp_path / "b.pdf", document, cache=cache)
    assert len(list(cache.glob("*.pdf"))) == 2, "a change of fonts is a cache miss"
