"""A one-page emergency card per language, as PDF (WeasyPrint), made at build time: the first
steps and the 24-hour numbers, with the date and the site address. Printed and handed out where
the internet is poor or watched. Fonts come from the system (Noto CJK covers Hangul and CJK)."""
from __future__ import annotations

import hashlib
import html
import os
import shutil
from pathlib import Path

from guidekit.channels import Registry
from guidekit.errors import GuidekitError
from guidekit.i18n import long_date

CARD_FILE = "emergency-card.pdf"
# The 24-hour numbers on the card, in this order (ids in data/channels.yml).
CARD_CHANNELS = ("police", "women-1366", "d4u")
FONTS = {"ko": "Noto Sans CJK KR", "ja": "Noto Sans CJK JP", "zh": "Noto Sans CJK SC"}

STYLE = """
@page { size: A6; margin: 7mm; }
body { font-family: %(font)s, "Noto Sans", "DejaVu Sans", sans-serif; font-size: 8.5pt; color: #111; line-height: 1.35; }
h1 { font-size: 12pt; margin: 0 0 2mm; color: #4a148c; }
p { margin: 0 0 1.6mm; }
ol { margin: 0 0 2mm; padding-left: 4.5mm; }
li { margin-bottom: 1mm; }
.numbers { border-top: 0.4mm solid #4a148c; padding-top: 1.6mm; }
.number { display: flex; justify-content: space-between; align-items: baseline; margin-bottom: 1.2mm; }
.number b { font-size: 17pt; letter-spacing: 0.02em; }
.name { font-size: 8pt; max-width: 48%%; }
.foot { margin-top: 2mm; font-size: 6.5pt; color: #444; }
"""


def font_family(lang: str) -> str:
    """The CSS font-family list for a PDF in `lang` (the card's; the evidence log uses it too)."""
    font = f'"{FONTS[lang]}"' if lang in FONTS else '"Noto Sans"'
    return f'{font}, "Noto Sans", "DejaVu Sans", sans-serif'


def card_html(lang: str, locale, _, registry: Registry, date: str, site_url: str | None,
              source_lang: str = "en") -> str:
    def esc(text: str) -> str:
        return html.escape(text)
    numbers = []
    for ident in CARD_CHANNELS:
        entry = registry.get(ident)
        if entry is None or not entry.phones:
            continue
        phone = entry.phone("emergency") or entry.phone()
        name = entry.name.get_text(lang)
        numbers.append(f'<div class="number"><span class="name">{esc(name)}</span><b>{esc(phone.display)}</b></div>')
    steps = [_("If you are in danger now, call the police."),
             _("Keep evidence: web addresses, account names, dates and screenshots of messages. Do not "
               "download or forward the images."),
             _("Ask for deletion and support, day or night:")]
    made = _("Made on %(date)s.") % {"date": long_date(date, locale)}
    online = (" " + _("This guide online: %(url)s") % {"url": site_url}) if site_url else ""
    font = f'"{FONTS[lang]}"' if lang in FONTS else '"Noto Sans"'
    title, heading = _("Emergency card"), _("It is a crime, and it is not your fault.")
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{esc(title)}</title>'
            f"<style>{STYLE % {'font': font}}</style></head><body>"
            f"<h1>{esc(heading)}</h1>"
            f"<ol>{''.join(f'<li>{esc(s)}</li>' for s in steps)}</ol>"
            f'<div class="numbers">{"".join(numbers)}</div>'
            f'<p class="foot">{esc(made + online)}</p></body></html>')


def write_card(path: Path, document: str, cache: Path | None = None) -> Path:
    """Render the card to PDF. The PDF depends only on the document (strings, numbers, date,
    address), so a rendering is kept in `cache` under its hash and reused the same day."""
    path.parent.mkdir(parents=True, exist_ok=True)
    cached = cache / (hashlib.sha256(document.encode("utf-8")).hexdigest()[:20] + ".pdf") if cache else None
    if cached and cached.exists():
        shutil.copyfile(cached, path)
        return path
    try:
        import weasyprint  # imported here: it takes a moment to load and is needed only on a miss
    except OSError as e:  # WeasyPrint's system libraries are missing
        raise GuidekitError(f"the emergency card needs Pango, which could not be loaded ({e})",
                            hint="install it (Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0) "
                                 "and fonts-noto-cjk for Hangul and CJK") from None
    weasyprint.HTML(string=document).write_pdf(path)
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        shutil.copyfile(path, tmp)
        os.replace(tmp, cached)
    return path
