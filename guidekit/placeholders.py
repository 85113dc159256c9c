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

import html
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from babel import Locale
from babel.lists import format_list

from guidekit.channels import Entry, Registry, Text
from guidekit.errors import GuidekitError
from guidekit.i18n import long_date
from guidekit.positions import YamlDoc

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


class Renderer:
    """Turns placeholders into HTML in one language; labels come from the gettext catalog."""

    def __init__(self, registry: Registry, lang: str, locale, gettext, source_language: str = "en"):
        self.registry, self.lang, self.locale, self._ = registry, lang, locale, gettext
        self.source_language = source_language
        self._init_languages()

    # -- helpers ---------------------------------------------------------------------------------
    def text(self, value: Text | None, tag: str = "span", cls: str | None = None) -> str:
        """Localised text; a fallback to the source language is marked with its lang."""
        if value is None:
            return ""
        attrs = f' class="{cls}"' if cls else ""
        if not value.has(self.lang):
            attrs += f' lang="{self.source_language}"'
        return f"<{tag}{attrs}>{html.escape(value.get_text(self.lang))}</{tag}>"

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
        shown = self._("Call %(number)s") % {"number": phone.display} if call_label else phone.display
        return f'<a class="gk-tel" href="{phone.href}">{html.escape(shown)}</a>'

    # -- text routes (issue 12) ---------------------------------------------------------------------
    def text_routes(self, entry: Entry) -> str:
        """Buttons to write instead of call: "Text 1388" (sms:) or the KakaoTalk channel."""
        items = []
        for route in entry.texts:
            if route.sms:
                shown = self._("Text %(number)s") % {"number": route.shown}
                cls = "gk-tel gk-text gk-text--sms"
            else:
                shown = self._("Write on KakaoTalk")
                cls = "gk-tel gk-text gk-text--kakaotalk"
            label = f" {self.text(route.label, 'span', 'gk-card__label')}" if route.label else ""
            items.append(f'<li><a class="{cls}" href="{html.escape(route.href)}">{html.escape(shown)}</a>{label}</li>')
        return f'<ul class="gk-card__texts">{"".join(items)}</ul>'
    # -- end of text routes ------------------------------------------------------------------------

    def site_link(self, entry: Entry, key: str | None = None, text: str | None = None) -> str:
        link = entry.link(key)
        label = text or (self.text(link.label) if link.label else self.text(entry.name))
        return f'<a class="gk-link" href="{html.escape(link.url)}">{label}</a>'

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

    def speaks_mark(self, entry: Entry) -> str:
        """A small line on the card of a service that answers in the reader's language."""
        if not (self.mark_speakers and self.speaks_reader_language(entry)):
            return ""
        text = self._("Speaks %(language)s") % {"language": self.language_label(self.lang)}
        return f'<p class="gk-card__speaks">{html.escape(text)}</p>'

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
        _ = self._
        ident = f' id="{entry.id}"' if anchor else ""
        parts = [f'<div class="gk-card" data-channel="{entry.id}"{ident}>',
                 self.text(entry.name, "p", "gk-card__name"),
                 self.speaks_mark(entry),
                 self.text(entry.what, "p", "gk-card__what")]
        if entry.phones:
            items = []
            for phone in entry.phones:
                label = f" {self.text(phone.label, 'span', 'gk-card__label')}" if phone.label else ""
                items.append(f"<li>{self.tel(phone, call_label=True)}{label}</li>")
            parts.append(f'<ul class="gk-card__phones">{"".join(items)}</ul>')
        if entry.texts:  # text routes (issue 12): text buttons right after the call buttons
            parts.append(self.text_routes(entry))
        facts = []
        if entry.hours:
            hours = {"always": _("Open 24 hours, every day"), "online": _("Online, at any time"),
                     "office": _("Office hours"), "varies": _("Hours vary")}[entry.hours]
            extra = f" {self.text(entry.hours_note)}" if entry.hours_note else ""
            facts.append((_("Hours"), html.escape(hours) + extra))
        if entry.cost:
            cost = {"free": _("Free"), "free-service": _("Free service (call charges may apply)"),
                    "varies": _("Cost varies")}[entry.cost]
            facts.append((_("Cost"), html.escape(cost)))
        if entry.who:
            facts.append((_("Who it is for"), self.text(entry.who)))
        if entry.languages:
            names = format_list([self.language_label(c) for c in entry.languages], locale=self.page_locale)
            facts.append((_("Languages"), html.escape(names)))
        if facts:
            parts.append('<dl class="gk-card__facts">' +
                         "".join(f"<dt>{html.escape(k)}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>")
        if entry.note:
            note_label = html.escape(_("Please note:"))
            parts.append(f'<p class="gk-card__note"><strong>{note_label}</strong> {self.text(entry.note)}</p>')
        if entry.links:
            links = []
            for link in entry.links:
                label = self.text(link.label) if link.label else html.escape(urlsplit(link.url).hostname or link.url)
                links.append(f'<li><a class="gk-link" href="{html.escape(link.url)}">{label}</a></li>')
            parts.append(f'<ul class="gk-card__links">{"".join(links)}</ul>')
        verified = _("Verified on %(date)s") % {"date": long_date(entry.verified, self.locale)}
        parts.append(f'<p class="gk-card__verified">{html.escape(verified)}</p></div>')
        return "".join(parts)

    def replace_all(self, markdown: str, page: str, line_offset: int = 0) -> str:
        found = find(markdown, page, line_offset)
        if not found:
            return markdown
        lines = markdown.splitlines(keepends=True)
        for ph in found:
            rendered = self.render(ph, page)
            if ph.kind == "channel":  # a block of raw HTML needs blank lines around it
                rendered = f"\n{rendered}\n"
            lines[ph.index] = lines[ph.index].replace(ph.text, rendered, 1)
        return "".join(lines)
