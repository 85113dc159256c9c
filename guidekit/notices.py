"""What a page says about itself: the notices above it (shown in the source language, out of
date, an offline copy) and its foot (last reviewed, not yet checked by a fluent speaker)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from guidekit import urls
from guidekit.i18n import language_name, long_date

if TYPE_CHECKING:
    from guidekit.language_build import LanguageBuild


@dataclass(frozen=True)
class Link:
    href: str
    text: str


@dataclass(frozen=True)
class Notice:
    kind: str                # fallback | outdated | offline (partials and styles key on it)
    text: str
    link: Link | None = None


def notices(build: "LanguageBuild", meta: dict, url: str) -> list[Notice]:
    _, found = build.gettext, []
    source = language_name(build.source_lang)
    if meta.get("guidekit_fallback"):
        found.append(Notice("fallback", _("This page is not yet translated into %(language)s, so it is shown "
                                          "in %(source)s.") % {"language": language_name(build.lang),
                                                              "source": source}))
    if meta.get("guidekit_outdated"):
        found.append(Notice("outdated", _("The %(source)s original of this page has changed since it was "
                                          "translated, so this translation may be out of date.") % {"source": source},
                            Link(urls.cross_language(url, build.lang, build.source_lang, build.project),
                                 _("Read the current %(source)s page") % {"source": source})))
    if build.offline:
        date = long_date(build.offline["date"], build.locale)
        text = (_("This is an offline copy of the guide, made on %(date)s. Numbers and addresses may have "
                  "changed since; the current version is at %(url)s.") % {"date": date, "url": build.site_root_url}
                if build.site_root_url else
                _("This is an offline copy of the guide, made on %(date)s. Numbers and addresses may have "
                  "changed since; ask whoever gave you this copy where the current version is.") % {"date": date})
        found.append(Notice("offline", text))
    return found


def translation_note(build: "LanguageBuild", meta: dict) -> str | None:
    """Quietly, in the page foot: the notices at the top are for what the reader must know before
    reading (shown in English, out of date)."""
    if not meta.get("guidekit_unreviewed"):
        return None
    _ = build.gettext
    note = _("This translation has not yet been checked by a fluent speaker.")
    if meta.get("guidekit_translated_on"):
        note = _("Translated on %(date)s.") % {"date": long_date(meta["guidekit_translated_on"], build.locale)} \
            + " " + note
    return note


def reviewed(build: "LanguageBuild", meta: dict) -> str | None:
    if not meta.get("last_reviewed") or meta.get("guidekit_generated"):
        return None
    return build.gettext("Last reviewed %(date)s") % {"date": long_date(meta["last_reviewed"], build.locale)}
