"""The fonts the PDFs are drawn with. They come with the project's installation (Noto fonts from
Python packages pinned in requirements.lock), never from the machine, so a card looks the same on
every machine; and a character none of them can draw fails the build instead of printing a box."""
from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import importlib.resources
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from guidekit.errors import GuidekitError


@dataclass(frozen=True)
class Font:
    family: str      # the name the PDFs' CSS uses
    package: str     # the Python package that ships it
    file: str        # its path inside the package

    @functools.cached_property
    def path(self) -> Path:
        found = Path(str(importlib.resources.files(self.package) / self.file))
        if not found.is_file():
            raise GuidekitError(f"the font {self.file} is missing from the package {self.package}",
                                hint="reinstall the project's environment: rm -rf .venv && make build")
        return found


# Noto Sans (Latin, Cyrillic, Greek, Vietnamese), Noto Sans CJK (Hangul, kana, Han; the language
# tag selects Korean, Japanese or Chinese glyph forms), and one Noto family per other script.
SANS = Font("Guidekit Sans", "fontpkg_noto_sans", "files/NotoSans[wdth,wght].ttf")
CJK = Font("Guidekit CJK", "cvttf_NotoSansCJK_Regular", "NotoSansCJKtc-Regular.otf")
THAI = Font("Guidekit Thai", "fontpkg_noto_sans_thai", "files/NotoSansThai[wdth,wght].ttf")
KHMER = Font("Guidekit Khmer", "fontpkg_noto_sans_khmer", "files/NotoSansKhmer[wdth,wght].ttf")
DEVANAGARI = Font("Guidekit Devanagari", "fontpkg_noto_sans_devanagari",
                  "files/NotoSansDevanagari[wdth,wght].ttf")
ARABIC = Font("Guidekit Arabic", "fontpkg_noto_sans_arabic", "files/NotoSansArabic[wdth,wght].ttf")
FONTS = (SANS, CJK, THAI, KHMER, DEVANAGARI, ARABIC)
CJK_LANGUAGES = {"ko", "ja", "zh"}


def families(lang: str) -> list[Font]:
    """The fonts in the order a page in `lang` asks for them: its own script's font first."""
    first = CJK if lang.split("-")[0] in CJK_LANGUAGES else SANS
    return [first, *(font for font in FONTS if font is not first)]


def font_css(lang: str) -> str:
    """@font-face rules for every bundled font, and the font-family list for `lang`."""
    faces = "".join(f'@font-face {{ font-family: "{font.family}"; src: url("{font.path.as_uri()}"); }}\n'
                    for font in FONTS)
    stack = ", ".join(f'"{font.family}"' for font in families(lang))
    return faces + f"body {{ font-family: {stack}; }}\n"


@functools.lru_cache(maxsize=None)
def _coverage(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # a WeasyPrint dependency; loaded only when a PDF is made
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def check_coverage(text: str, lang: str) -> None:
    """Fail, naming the language and the script, when a character of `text` is in no bundled font."""
    covered = set().union(*(_coverage(font.path) for font in FONTS))
    missing = sorted({ch for ch in text if ord(ch) not in covered and not ch.isspace()
                      and unicodedata.category(ch) not in ("Cc", "Cf")})
    if missing:
        from fontTools import unicodedata as ucd
        scripts = sorted({ucd.script_name(ucd.script(ch)) for ch in missing})
        sample = "".join(missing[:8])
        raise GuidekitError(
            f"[{lang}] the PDF would print empty boxes: no bundled font draws {', '.join(scripts)} "
            f"(for example {sample!r})",
            hint="add a Noto font package for that script to pyproject.toml and requirements.lock, "
                 "and list it in guidekit/fonts.py")


def fingerprint() -> str:
    """What the rendering depends on besides the document: the fonts and the renderer's version."""
    digest = hashlib.sha256("weasyprint=".encode() + importlib.metadata.version("weasyprint").encode())
    for font in FONTS:
        digest.update(_file_digest(font.path))
    return digest.hexdigest()[:16]


@functools.lru_cache(maxsize=None)
def _file_digest(path: Path) -> bytes:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").digest()
