"""The language switcher: the same page in every language of the build.

Search engines get the hreflang alternates from sitemap.xml (overrides/sitemap.xml, absolute URLs,
when the site's address is known), not from <link rel="alternate"> in the page heads: Material's
script treats every such link as the root of a language version, fetches <href>/sitemap.xml for
each (a 404 for a page URL) and rewrites clicks on links under it."""
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
    selector (partials/alternate.html) is ours, per page."""

    def __bool__(self):
        return True


@dataclass(frozen=True)
class Alternate:
    lang: str
    name: str          # the language's name in its own script
    link: str          # where the switcher goes (relative, or absolute for an offline copy)
    href: str = ""     # absolute when the site's address is known
    current: bool = False


def alternates(build: "LanguageBuild", url: str) -> list[Alternate]:
    """The page at `url` in every language; none in an offline copy whose site is unknown."""
    if build.offline and not build.site_root_url:
        return []
    project, found = build.project, []
    for other in project.languages:
        rel_url = urls.cross_language(url, build.lang, other, project)
        href = urls.absolute(build.site_root_url, other, url, project) if build.site_root_url else rel_url
        found.append(Alternate(lang=other, name=language_name(other), href=href,
                               link=href if build.offline else rel_url,  # other languages are online only
                               current=other == build.lang))
    return found


def not_found_alternates(build: "LanguageBuild", root: str) -> list[Alternate]:
    """On the 404 page (served for any missing URL): every language's home, from the site root."""
    return [Alternate(lang=other, name=language_name(other), link=root + build.project.url_prefix(other),
                      current=other == build.lang) for other in build.project.languages]
