"""What a language build writes besides its pages, once they are written: the search index split
into words for unspaced scripts, the emergency card and the evidence worksheet (PDFs)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from guidekit import emergency_card as card, search_segments, worksheet

if TYPE_CHECKING:
    from guidekit.language_build import LanguageBuild


def write(build: "LanguageBuild", site_dir: Path) -> None:
    # After Material's search plugin wrote the index (it comes first), before the offline plugin
    # inlines it: words of Thai, Khmer … split for the index (guidekit/search_segments.py).
    search_segments.segment_index(site_dir / "search" / "search_index.json", str(build.locale))
    date = (build.offline or {}).get("date") or dt.date.today().isoformat()
    organisation = colour = None
    if build.profile:
        organisation = build.profile.model.organisation.name.get_text(build.lang)
        colour = build.profile.model.colours.primary if build.profile.model.colours else None
    document = card.card_html(build.lang, build.locale, build.gettext, build.registry, date,
                              build.site_root_url or None, build.source_lang,
                              extra=tuple(build.profile.placed("card")) if build.profile else (),
                              organisation=organisation, colour=colour)
    cache = build.project.cache_dir / "cards"
    card.write_card(site_dir / card.CARD_FILE, document, cache=cache)
    sheet = worksheet.worksheet_html(build.lang, build.locale, build.gettext, build.registry, date,
                                     build.site_root_url or None)
    worksheet.write_pdf(site_dir / worksheet.PDF_FILE, sheet, cache=cache)
