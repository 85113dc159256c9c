"""The evidence log: a worksheet to print and fill in by hand, per language.

The same columns and notes (gettext strings) make the printable section of the evidence-log page
and a PDF written at build time next to the emergency card, with the card's renderer and fonts
(the page's markup is overrides/partials/worksheet.html, the PDF's overrides/pdf/evidence-log.html).
Nothing is ever filled in on screen or stored: the sheet is blank by design.
"""
from __future__ import annotations

from pathlib import Path

from guidekit import emergency_card as card
from guidekit.channels import Registry
from guidekit.i18n import long_date

PAGE = "evidence-log.md"
PDF_FILE = "evidence-log.pdf"
ROWS = 8
# The numbers at the foot of the sheet, in this order (ids in data/channels.yml).
HELP_CHANNELS = ("d4u", "police")

TEMPLATE = "pdf/evidence-log.html"  # in overrides/, with the frame pdf/layout.html


def columns(_) -> list[str]:
    return [_("Date and time"), _("Link (web address)"), _("Account or channel"),
            _("What it shows, in a few words"), _("Where you reported it, and the reference number you got"),
            _("Whom you spoke to")]


def notes(_) -> list[str]:
    return [_("Fill it in on paper, or copy the columns into a notes app that is locked. Keep it where "
              "others will not find it."),
            _("Never save the images or videos themselves, and never attach them: write down where "
              "they are."),
            _("Bring it when you report to the police or talk to the support centre.")]


def help_line(lang: str, _, registry: Registry) -> str:
    numbers = []
    for ident in HELP_CHANNELS:
        entry = registry.get(ident)
        if entry is not None and entry.phones:
            phone = entry.phone("emergency") or entry.phones[0]
            numbers.append(f"{entry.name.get_text(lang)} {phone.display}")
    return _("Help, day or night: %(numbers)s") % {"numbers": " · ".join(numbers)}


def page_context(lang: str, _, registry: Registry, pdf_href: str) -> dict:
    return {"title": _("Evidence log"), "heading": _("Print or download the sheet"), "columns": columns(_), "rows": ROWS, "notes": notes(_),
            "help": help_line(lang, _, registry), "pdf": pdf_href,
            "pdf_label": _("Evidence log (PDF, to print)")}


def worksheet_html(lang: str, locale, _, registry: Registry, date: str, site_url: str | None) -> str:
    return card.render_document(TEMPLATE, lang, _, notes=notes(_), columns=columns(_), rows=ROWS,
                                help=help_line(lang, _, registry), date=long_date(date, locale),
                                site_url=site_url)


def write_pdf(path: Path, document: str, cache: Path | None = None) -> Path:
    return card.write_card(path, document, cache=cache)
