"""Search in every language, including those written without spaces between words.

Material's search (lunr, in the browser) splits text into words at its separator. Thai, Khmer,
Lao and Burmese put no space between words (a space ends a phrase), so a whole phrase became one
"word" and a single word was found only at the start of a phrase. Here:

- at build time, ICU's word segmentation (icu4py, ICU's own dictionaries for these scripts)
  splits every run of those scripts in the search index into words, joined by a zero-width
  space (U+200B), which the separator of every language includes: nothing visible changes in
  the results, and each word is indexed on its own (the way Material itself does Chinese with
  jieba and U+200B);
- at query time, overrides/assets/javascripts/search-segment.js splits the same scripts in the
  query with the browser's Intl.Segmenter, which is ICU too, so a query is cut into the same
  words as the pages (หลักฐาน is หลัก + ฐาน in both).

Languages lunr has no support file for (Nepali, Khmer, Mongolian, Tagalog …) search with the
language Material's strings name for them, else English rules, instead of asking the browser for
a lunr.<code>.js that does not exist.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

ZWSP = "\u200b"
# Scripts written without spaces between words: Thai, Lao, Myanmar (Burmese), Khmer (and Khmer
# symbols). Chinese and Japanese have their own segmenters (jieba, the ja separator).
UNSPACED = re.compile("[\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff]+")
DEFAULT_SEPARATOR = r"[\s\-]+"


@lru_cache(maxsize=None)
def lunr_languages() -> frozenset[str]:
    """Languages lunr has rules for in Material (lunr.<code>.min.js), and English."""
    import material
    folder = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "lunr" / "min"
    names = {p.name.removeprefix("lunr.").removesuffix(".min.js") for p in folder.glob("lunr.*.min.js")}
    return frozenset(names - {"stemmer.support", "multi"} | {"en"})


def material_setting(language: str, key: str) -> str | None:
    """A search setting (lang, separator, pipeline) in Material's partial for `language`."""
    from guidekit.theme_strings import material_languages
    if language not in material_languages():
        return None
    import material
    text = (Path(material.__file__).parent / "templates" / "partials" / "languages" / f"{language}.html").read_text("utf-8")
    found = re.search(rf'"search\.config\.{key}":\s*"((?:[^"\\]|\\.)*)"', text)
    return json.loads(f'"{found.group(1)}"') if found else None


def configure(search_config, settings: dict, language: str) -> None:
    """The search plugin's lang and separator for one language (before the plugin reads its
    defaults): the language's own settings (extra.search) first, then Material's, then English;
    the separator always splits at U+200B, where the index was segmented."""
    lang = settings.get("lang") or (language if language in lunr_languages() else None) \
        or material_setting(language, "lang") or "en"
    search_config.lang = [lang if lang in lunr_languages() else "en"]
    separator = settings.get("separator") or material_setting(language, "separator") or DEFAULT_SEPARATOR
    search_config.separator = separator if ZWSP in separator else f"{ZWSP}+|{separator}"


def segment(text: str, locale: str) -> str:
    """Every run of an unspaced script split into its words with U+200B (other text as it is)."""
    if not UNSPACED.search(text):
        return text
    from icu4py.breakers import WordBreaker

    def split(match: re.Match) -> str:
        return ZWSP + ZWSP.join(WordBreaker(match.group(0), locale)) + ZWSP
    return UNSPACED.sub(split, text).strip(ZWSP)


def segment_index(path: Path, locale: str) -> None:
    """Segment the titles and texts of a built search index (search/search_index.json), in place."""
    if not path.is_file():
        return
    index = json.loads(path.read_text("utf-8"))
    changed = False
    for doc in index.get("docs", []):
        for field in ("title", "text"):
            value = doc.get(field)
            if isinstance(value, str) and UNSPACED.search(value):
                doc[field] = segment(value, locale)
                changed = True
    if changed:
        path.write_text(json.dumps(index, separators=(",", ":"), default=str), "utf-8")  # as Material writes it
