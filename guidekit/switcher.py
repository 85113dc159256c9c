"""The language switcher and the hreflang links: the same page in every language of the build."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from guidekit import urls
from guidekit.i18n import language_name

if TYPE_CHECKING:
    from guidekit.language_build import LanguageBuild


class Switcher:
    """Material shows its language selector when extra.alternate is truthy and prints its own
    <link rel=alternate> tags only when it is iterable. This is truthy but not iterable: the
    selector (partials/alternate.html) and the hreflang links (main.html) are ours, per page."""

    def __bool__(self):
        return True


@dataclass(frozen=True)
class Alternate:
    lang: str
    name: str          # the language's name in its own script
    link: str          # where the switcher goes (relative, or absolute for an offline copy)
    href: str = ""     # for hreflang: absolute when the site's address is known
    current: bool = False
    written: bool = True  # the page is written in this language (not a fallback)


def alternates(build: "LanguageBuild", url: str, src_uri: str, generated: bool) -> list[Alternate]:
    """The page at `url` in every language; none in an offline copy whose site is unknown."""
    if build.offline and not build.site_root_url:
        return []
    project, found = build.project, []
    for other in project.languages:
        rel_url = urls.cross_language(url, build.lang, other, project)
        href = urls.absolute(build.site_root_url, other, url, project) if build.site_root_url else rel_url
        written = (other == build.source_lang or generated or (project.docs_dir(other) / src_uri).exists())
        found.append(Alternate(lang=other, name=language_name(other), href=href,
                               link=href if build.offline else rel_url,  # other languages are online only
                               current=other == build.lang, written=written))
    return found


def not_found_alternates(build: "LanguageBuild", root: str) -> list[Alternate]:
    """On the 404 page (served for any missing URL): every language's home, from the site root."""
    return [Alternate(lang=other, name=language_name(other), link=root + build.project.url_prefix(other),
                      current=other == build.lang) for other in build.project.languages]
