"""guidekit check --sources (needs the network): each data entry's source pages still show the
numbers the guide displays.

For every phone number of every entry (data/ and, with --profile, the profile's own) the check
reads the entry's `source` and `sources` pages and looks for the number as displayed (1577-0199,
also written 1577 0199 or 15770199), or in its international form (+82 2-735-8994). A number
that none of the pages it could read contains is reported: it may have changed, or the source may
no longer back it; check it and update data/. Pages that could not be read are listed apart
(they do not fail the check; run it again later).

The fetch function is injectable and BASE_URL redirects every request (tests serve fixtures from
127.0.0.1 that way); nothing else in guidekit fetches from the network.
"""
from __future__ import annotations

import re
import unicodedata
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Callable
from urllib.parse import urlsplit

import phonenumbers

from guidekit.channels import Phone, Registry

BASE_URL: str | None = None  # e.g. "http://127.0.0.1:8123": https://host/path → BASE_URL/host/path
TIMEOUT = 20
USER_AGENT = "guidekit-source-check (checks that a public page still shows a help line's number)"
SEPARATORS = r"[\s\-.\u2010-\u2015\u2212/()]*"


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "noscript"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "noscript") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def page_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return unicodedata.normalize("NFKC", " ".join(parser.parts))


def _decode(data: bytes, charset: str | None) -> str:
    if not charset:
        m = re.search(rb"""<meta[^>]+charset=["']?([\w-]+)""", data[:4096], re.I)
        charset = m.group(1).decode("ascii") if m else None
    for encoding in [c for c in (charset, "utf-8", "cp949") if c]:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", errors="replace")


def http_fetch(url: str, base_url: str | None = None, timeout: float = TIMEOUT) -> str:
    """The text of a page. With base_url, https://host/path?q is fetched as base_url/host/path?q."""
    base_url = base_url if base_url is not None else BASE_URL
    if base_url:
        parts = urlsplit(url)
        url = base_url.rstrip("/") + "/" + parts.netloc + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return _decode(response.read(), response.headers.get_content_charset())


def _groups_pattern(groups: list[str], plus: bool = False) -> str:
    body = SEPARATORS.join(re.escape(g) for g in groups)
    return (r"\+?" if plus else "") + rf"(?<![\d+]){body}(?![\d])"


def number_patterns(phone: Phone) -> list[re.Pattern]:
    """The ways a page may write the number as displayed (and, for a full number, as dialled
    from abroad)."""
    patterns = []
    if re.fullmatch(r"\d{3,4}", phone.tel):
        return [re.compile(rf"(?<![\d\-.]){phone.tel}(?![\d\-])")]
    number = phonenumbers.parse(phone.tel, None)
    region = phonenumbers.region_code_for_number(number) or phone.country
    for match in phonenumbers.PhoneNumberMatcher(phone.display, region):
        patterns.append(re.compile(_groups_pattern(re.findall(r"\d+", match.raw_string))))
    international = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    patterns.append(re.compile(_groups_pattern(re.findall(r"\d+", international), plus=True)))
    vanity = re.sub(r"\s*\(.*\)\s*", "", phone.display).strip()
    if re.search(r"[A-Za-z]", vanity):  # 1-800-THE-LOST
        patterns.append(re.compile(SEPARATORS.join(re.escape(p) for p in re.split(r"[\s\-.]+", vanity)), re.I))
    return patterns


@dataclass
class SourceReport:
    confirmed: list[str] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.not_found


def check_entries(registry: Registry, fetch: Callable[[str], str] | None = None) -> SourceReport:
    fetch = fetch or http_fetch
    report, pages, failures = SourceReport(), {}, {}

    def text_of(url: str) -> str | None:
        if url not in pages and url not in failures:
            try:
                pages[url] = page_text(fetch(url))
            except (urllib.error.URLError, OSError, ValueError) as e:
                failures[url] = getattr(e, "reason", None) or str(e) or type(e).__name__
        return pages.get(url)

    for entry in registry.entries.values():
        urls = [entry.source, *entry.sources]
        origin = registry.origin[entry.id]
        for phone in entry.phones:
            what = f"{origin.name}: {entry.id}: {phone.display}"
            patterns = number_patterns(phone)
            read = [u for u in urls if text_of(u) is not None]
            found = next((u for u in read if any(p.search(pages[u]) for p in patterns)), None)
            if found:
                report.confirmed.append(f"{what} on {found}")
            elif read:
                report.not_found.append(f"{what} (tel {phone.tel}, verified {entry.verified}) is on none of its "
                                        f"sources: {', '.join(read)}")
            if not found:
                report.unreadable += [f"{what}: could not read {u} ({failures[u]})" for u in urls if u in failures]
    return report


def check_sources(registry: Registry, fetch: Callable[[str], str] | None = None, out=print) -> bool:
    report = check_entries(registry, fetch)
    for line in report.not_found:
        out(f"NOT FOUND  {line}")
    for line in report.unreadable:
        out(f"UNREADABLE  {line}")
    out(f"sources: {len(report.confirmed)} numbers found on their sources, {len(report.not_found)} not found"
        + (f", {len(report.unreadable)} source page(s) could not be read" if report.unreadable else "")
        + ("; check each number not found against its source and update data/ (and `verified`)"
           if report.not_found else ""))
    return report.ok

