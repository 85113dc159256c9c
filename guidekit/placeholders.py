"""Channel placeholders in pages, rendered from data/.

    [[channel:d4u]]          a card (on a line of its own): name, tap-to-call, hours, cost, …
    [[phone:police]]         an inline tap-to-call link to the entry's first number
    [[phone:police#182]]     … to the number with that key
    [[link:kakao]]           an inline link to the entry's first site, named after the entry
    [[link:google#real]]     … to the link with that key

Anything else between [[ and ]] is an error naming the page and line, so a mistyped placeholder
can never reach a reader as raw text. Placeholders work in the body only: in the front matter
(title, description, sources …), which goes into <title>, the navigation and the search index as
plain text, a placeholder is an error naming the file and line of its key.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import markupsafe
from babel import Locale
from babel.lists import format_list

from guidekit.channels import Entry, Registry, Text
from guidekit.errors import GuidekitError
from guidekit.i18n import long_date
from guidekit.positions import YamlDoc
from guidekit.templates import FOLDER, Templates

PLACEHOLDER = re.compile(r"\[\[(?P<body>[^\[\]\n]*)\]\]")
VALID = re.compile(r"(?P<kind>channel|phone|link):(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)(?:#(?P<key>[a-z0-9-]+))?")
FENCE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")  # `[[channel:x]]` in inline code is shown as written


@dataclass(frozen=True)
class Placeholder:
    kind: str
    id: str
    key: str | None
    index: int  # 0-based line in the Markdown body
    line: int   # 1-based line in the file, for error messages
    text: str

    @property
    def ref(self) -> str:
        return f"{self.kind}:{self.id}" + (f"#{self.key}" if self.key else "")


def find(markdown: str, page: str, line_offset: int = 0) -> list[Placeholder]:
    """Every placeholder with its line; malformed ones raise an error naming page and line.

    line_offset is the number of file lines before the Markdown body (the front matter)."""
    found, in_fence = [], False
    for index, line in enumerate(markdown.splitlines()):
        number = index + 1 + line_offset
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        masked = CODE_SPAN.sub(lambda c: " " * len(c.group(0)), line)
        for m in PLACEHOLDER.finditer(masked):
            v = VALID.fullmatch(m.group("body").strip())
            if not v or v.group(0) != m.group("body"):
                raise GuidekitError(f"malformed placeholder '{m.group(0)}'", file=page, line=number,
                                    hint="write [[channel:ID]], [[phone:ID]] or [[link:ID]] with an id "
                                         "from data/ (lower case, no spaces)")
            if v.group("kind") == "channel" and masked.strip() != m.group(0):
                raise GuidekitError(f"'{m.group(0)}' must stand on a line of its own (it becomes a card)",
                                    file=page, line=number, hint="put a blank line before and after it")
            found.append(Placeholder(v.group("kind"), v.group("id"), v.group("key"), index, number, m.group(0)))
    return found


PLAIN_TEXT_KEYS = ("title", "description")  # shown as text in <title>, <h1>, the nav and search


def _strings(value, loc=()):
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, loc + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, loc + (i,))


def check_front_matter(page) -> None:
    """No placeholder in front matter, and no markup in the title or description."""
    for loc, value in _strings(page.meta):
        m = PLACEHOLDER.search(value)
        if m:
            raise GuidekitError(
                f"placeholder {m.group(0)} in the front matter ('{'.'.join(map(str, loc))}'): placeholders "
                "are replaced in the page text only, so it would reach the title, the navigation and the "
                "search as it is", file=page.path, line=_front_matter_line(page, loc),
                hint="name the service in words here (the number appears on the page from data/), "
                     "and use the placeholder in the text below the front matter")
        if loc and loc[0] in PLAIN_TEXT_KEYS and re.search(r"[<>]", value):
            raise GuidekitError(f"'{loc[0]}' is plain text and may not contain < or >: {value[:60]!r}",
                                file=page.path, line=_front_matter_line(page, loc),
                                hint="write it without HTML")


def _front_matter_line(page, loc) -> int | None:
    from guidekit.pages import FRONT
    text = Path(page.path).read_text(encoding="utf-8-sig")
    m = FRONT.match(text)
    if not m:
        return None
    try:
        return YamlDoc.parse(m.group(1) or "", page.path, first_line=2).line(loc)
    except GuidekitError:
        return None


# The markup is in this template of the theme (overrides/partials/channels.html).
CHANNELS_TEMPLATE = "partials/channels.html"


@dataclass(frozen=True)
class Shown:
    """A text from data/ as a page shows it; `lang` is set when it falls back to another language."""
    text: str
    lang: str | None = None


class Renderer:
    """Turns placeholders into HTML in one language, through the macros of CHANNELS_TEMPLATE;
    labels come from the gettext catalog. `templates` renders this language's other markup too."""

    def __init__(self, registry: Registry, lang: str, locale, gettext, source_language: str = "en",
                 templates: Path = FOLDER):
        self.registry, self.lang, self.locale, self._ = registry, lang, locale, gettext
        self.source_language = source_language
        self.templates = Templates(gettext, templates)
        self.macros: Any = self.templates.macros(CHANNELS_TEMPLATE)  # its macros, by name
        self._init_languages()

    # -- helpers ---------------------------------------------------------------------------------
    def shown(self, value: Text | None) -> Shown | None:
        """Localised text; a fallback to the source language is marked with its lang."""
        if value is None:
            return None
        return Shown(value.get_text(self.lang), None if value.has(self.lang) else self.source_language)

    def text(self, value: Text | None, tag: str = "span", cls: str | None = None) -> str:
        if value is None:
            return ""
        return str(self.macros.text(self.shown(value), tag, cls))

    def resolve(self, ph: Placeholder, page: str) -> Entry:
        entry = self.registry.get(ph.id)
        if entry is None:
            raise GuidekitError(f"unknown channel id '{ph.id}' in {ph.text}", file=page, line=ph.line,
                                hint="use an id from data/channels.yml or data/platforms.yml "
                                     "(the directory page lists them all)")
        if ph.kind == "phone" and entry.phone(ph.key) is None:
            what = f"no phone number with key '{ph.key}'" if ph.key else "no phone number"
            raise GuidekitError(f"'{ph.id}' has {what}", file=page, line=ph.line,
                                hint="use [[link:…]] for an entry without a phone, or a key it has")
        if ph.kind == "link" and entry.link(ph.key) is None:
            what = f"no link with key '{ph.key}'" if ph.key else "no link"
            raise GuidekitError(f"'{ph.id}' has {what}", file=page, line=ph.line,
                                hint="use a key the entry has in data/")
        return entry

    def tel(self, phone, call_label: bool = False) -> str:
        """A tap-to-call link: the number as written locally, or "Call <number>" on a card."""
        return str(self.macros.tel(phone, call_label))

    def site_link(self, entry: Entry, key: str | None = None, text: str | None = None) -> str:
        link = entry.link(key)
        assert link is not None  # resolve() has checked
        label = markupsafe.Markup(text) if text else self.macros.text(self.shown(link.label or entry.name))
        return str(self.macros.link(link.url, label))

    # -- languages a service works in, named in the reader's language (Babel's locale data) -------
    def _init_languages(self) -> None:
        self.page_locale = self.locale if isinstance(self.locale, Locale) else Locale.parse(str(self.locale), sep="_")
        # Mark services that speak the reader's language only where that tells services apart: on
        # a page whose language every service speaks (Korean, in the flagship data), it would be noise.
        with_languages = [e for e in self.registry.entries.values() if e.languages]
        self.mark_speakers = not all(self.speaks_reader_language(e) for e in with_languages)

    def language_label(self, code: str) -> str:
        """A language code named in the page's language: ko → "Korean" / "韓国語" / "Tiếng Hàn"."""
        code = code.replace("-", "_")
        names = self.page_locale.languages
        return names.get(code) or names.get(Locale.parse(code).language) or code

    def speaks_reader_language(self, entry: Entry) -> bool:
        reader = Locale.parse(self.lang.replace("-", "_")).language
        return any(Locale.parse(c.replace("-", "_")).language == reader for c in entry.languages)

    # -- placeholders ----------------------------------------------------------------------------
    def render(self, ph: Placeholder, page: str, anchor: bool = False) -> str:
        entry = self.resolve(ph, page)
        if ph.kind == "phone":
            return self.tel(entry.phone(ph.key))
        if ph.kind == "link":
            return self.site_link(entry, ph.key)
        if entry.id in self.registry.hidden:
            return ""
        return self.card(entry, anchor=anchor)

    def card(self, entry: Entry, anchor: bool = False) -> str:
        speaks = self.mark_speakers and self.speaks_reader_language(entry)
        view = {
            "id": entry.id, "anchor": anchor,
            "name": self.shown(entry.name), "what": self.shown(entry.what),
            "speaks": self.language_label(self.lang) if speaks else None,
            "phones": [{"href": p.href, "display": p.display, "label": self.shown(p.label)} for p in entry.phones],
            # text routes (issue 12): text buttons right after the call buttons
            "texts": [{"sms": bool(r.sms), "href": r.href, "shown": r.shown, "label": self.shown(r.label)}
                      for r in entry.texts],
            "hours": entry.hours, "hours_note": self.shown(entry.hours_note),
            "cost": entry.cost, "who": self.shown(entry.who),
            "languages": format_list([self.language_label(c) for c in entry.languages], locale=self.page_locale)
                         if entry.languages else None,
            "note": self.shown(entry.note),
            "links": [{"url": link.url, "label": self.shown(link.label),
                       "host": urlsplit(link.url).hostname or link.url} for link in entry.links],
            "verified": long_date(entry.verified, self.locale),
        }
        return str(self.macros.card(view))

    def replace_all(self, markdown: str, page: str, line_offset: int = 0) -> str:
        found = find(markdown, page, line_offset)
        if not found:
            return markdown
        lines = markdown.splitlines(keepends=True)
        rendered = {id(ph): self.render(ph, page) for ph in found}
        for group in self._card_runs(found, lines):
            # In a run of cards, those that speak the reader's language come first (stable).
            order = sorted(group, key=lambda ph: not self._speaks(ph))
            texts = [rendered[id(ph)] for ph in order]
            for ph, text in zip(group, texts):
                rendered[id(ph)] = text
        for ph in found:
            text = rendered[id(ph)]
            if ph.kind == "channel":  # a block of raw HTML needs blank lines around it
                text = f"\n{text}\n"
            lines[ph.index] = lines[ph.index].replace(ph.text, text, 1)
        return "".join(lines)

    def _speaks(self, ph: Placeholder) -> bool:
        entry = self.registry.get(ph.id)
        return bool(self.mark_speakers and entry is not None and self.speaks_reader_language(entry))

    @staticmethod
    def _card_runs(found: list[Placeholder], lines: list[str]) -> list[list[Placeholder]]:
        """Cards one after another, with nothing but blank lines between them."""
        runs: list[list[Placeholder]] = []
        for ph in (p for p in found if p.kind == "channel"):
            last = runs[-1][-1] if runs else None
            if last is not None and all(not line.strip() for line in lines[last.index + 1:ph.index]):
                runs[-1].append(ph)
            else:
                runs.append([ph])
        return [run for run in runs if len(run) > 1]
