"""A one-page emergency card per language, as PDF (WeasyPrint), made at build time: the first
steps and the 24-hour numbers, with the date and the site address. Printed and handed out where
the internet is poor or watched. Its fonts come with the installation (guidekit.fonts); its
markup is overrides/pdf/emergency-card.html (the PDFs' frame and foot are pdf/layout.html and
pdf/foot.html, shared with the evidence log)."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

from guidekit import fonts
from guidekit.channels import Registry
from guidekit.errors import GuidekitError
from guidekit.i18n import long_date
from guidekit.templates import Templates

CARD_FILE = "emergency-card.pdf"
# The 24-hour numbers on the card, in this order (ids in data/channels.yml).
CARD_CHANNELS = ("police", "women-1366", "d4u")

TEMPLATE = "pdf/emergency-card.html"  # in overrides/, with the frame pdf/layout.html
COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def render_document(template: str, lang: str, _, **context) -> str:
    """A PDF's HTML document from its template in overrides/pdf/, in `lang`, with the bundled fonts."""
    return Templates(_).render(template, lang=lang, font_css=fonts.font_css(lang), **context)


def card_html(lang: str, locale, _, registry: Registry, date: str, site_url: str | None,
              source_lang: str = "en", *, extra: tuple[str, ...] = (), organisation: str | None = None,
              colour: str | None = None) -> str:
    """extra, organisation and colour come from a hosting profile: its own channels (after the
    24-hour numbers), its name (in the foot) and its primary colour (heading and rule)."""
    numbers = []
    for ident in CARD_CHANNELS + tuple(i for i in extra if i not in CARD_CHANNELS):
        entry = registry.get(ident)
        if entry is None or not entry.phones:
            continue
        phone = entry.phone("emergency") or entry.phones[0]
        numbers.append({"name": entry.name.get_text(lang), "display": phone.display})
    steps = [_("If you are in danger now, call the police."),
             _("Keep evidence: web addresses, account names, dates and screenshots of messages. Do not "
               "download or forward the images."),
             _("Ask for deletion and support, day or night:")]
    return render_document(TEMPLATE, lang, _, steps=steps, numbers=numbers, date=long_date(date, locale),
                           site_url=site_url, organisation=organisation,
                           colour=colour if colour and COLOUR.fullmatch(colour) else None)


def write_card(path: Path, document: str, cache: Path | None = None) -> Path:
    """Render a document (the card, or any other one-page PDF) with the bundled fonts. A rendering
    is kept in `cache` under the hash of everything it depends on (the document, the fonts, the
    renderer's version) and reused."""
    path.parent.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha256(document.encode("utf-8") + fonts.fingerprint().encode()).hexdigest()[:20]
    cached = cache / f"{key}.pdf" if cache else None
    if cached and cached.exists():
        shutil.copyfile(cached, path)
        return path
    lang, text = _lang_and_text(document)
    fonts.check_coverage(text, lang)
    try:
        import weasyprint  # imported here: it takes a moment to load and is needed only on a miss
        from weasyprint.text.fonts import FontConfiguration
    except OSError as e:  # WeasyPrint's system libraries are missing
        raise GuidekitError(f"the PDFs need Pango, which could not be loaded ({e})",
                            hint="install it (Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0; "
                                 "`make build` does this where it may)") from None
    weasyprint.HTML(string=document).write_pdf(path, font_config=FontConfiguration())
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        shutil.copyfile(path, tmp)
        os.replace(tmp, cached)
    return path


class _TextOf(HTMLParser):
    """The language and the visible text of a document (what its fonts must be able to draw)."""

    def __init__(self):
        super().__init__()
        self.lang, self.text, self._skip = "", [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.lang = dict(attrs).get("lang") or ""
        self._skip += tag in ("style", "script", "title")

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "script", "title")

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def _lang_and_text(document: str) -> tuple[str, str]:
    parser = _TextOf()
    parser.feed(document)
    return parser.lang, "".join(parser.text)
