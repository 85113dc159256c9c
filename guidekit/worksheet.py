"""The evidence log: a worksheet to print and fill in by hand, per language.

The same columns and notes (gettext strings) make the printable section of the evidence-log page
and a PDF written at build time next to the emergency card, with the card's renderer and fonts.
Nothing is ever filled in on screen or stored: the sheet is blank by design.
"""
from __future__ import annotations

import html
from pathlib import Path

from guidekit import emergency_card as card, fonts
from guidekit.channels import Registry
from guidekit.i18n import long_date

PAGE = "evidence-log.md"
PDF_FILE = "evidence-log.pdf"
ROWS = 8
# The numbers at the foot of the sheet, in this order (ids in data/channels.yml).
HELP_CHANNELS = ("d4u", "police")

STYLE = """
@page { size: A4 landscape; margin: 12mm; }
body { font-size: 9pt; color: #111; line-height: 1.35; }
h1 { font-size: 15pt; margin: 0 0 2mm; color: #4a148c; }
ul { margin: 0 0 3mm; padding-left: 5mm; }
li { margin-bottom: 0.8mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th { font-size: 8.5pt; text-align: left; vertical-align: bottom; padding: 1.5mm; border: 0.3mm solid #333; background: #f1e9f7; }
td { height: 13mm; border: 0.3mm solid #333; }
.foot { margin-top: 3mm; font-size: 8pt; color: #333; }
"""


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
    def esc(text: str) -> str:
        return html.escape(text)
    head = "".join(f"<th>{esc(c)}</th>" for c in columns(_))
    row = "<tr>" + "<td></td>" * len(columns(_)) + "</tr>"
    made = _("Made on %(date)s.") % {"date": long_date(date, locale)}
    online = (" " + _("This guide online: %(url)s") % {"url": site_url}) if site_url else ""
    title = _("Evidence log")
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{esc(title)}</title>'
            f"<style>{fonts.font_css(lang)}{STYLE}</style></head><body>"
            f"<h1>{esc(title)}</h1>"
            f"<ul>{''.join(f'<li>{esc(n)}</li>' for n in notes(_))}</ul>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{row * ROWS}</tbody></table>"
            f'<p class="foot">{esc(help_line(lang, _, registry))}<br>{esc(made + online)}</p></body></html>')


def write_pdf(path: Path, document: str, cache: Path | None = None) -> Path:
    return card.write_card(path, document, cache=cache)
