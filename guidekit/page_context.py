"""What the templates get about a page, as `gk` (overrides/main.html and its partials)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from guidekit import notices, page_tools, switcher
from guidekit.notices import Notice
from guidekit.switcher import Alternate

if TYPE_CHECKING:
    from guidekit.language_build import LanguageBuild


@dataclass
class PageContext:
    lang: str
    notices: list[Notice] = field(default_factory=list)
    alternates: list[Alternate] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)  # the page foot's list, from front matter
    reviewed: str | None = None          # "Last reviewed …": the page foot is shown when set
    translation_note: str | None = None  # "not yet checked by a fluent speaker"
    tool: str | None = None              # request-builder | worksheet: partials/<tool>.html
    request: dict | None = None
    worksheet: dict | None = None
    request_link: str | None = None      # on remove/ pages: the way to the request builder


def for_page(build: "LanguageBuild", files, page) -> PageContext:
    meta = page.meta
    context = PageContext(
        lang=build.lang,
        notices=notices.notices(build, meta, page.url),
        alternates=switcher.alternates(build, page.url),
        reviewed=notices.reviewed(build, meta),
        translation_note=notices.translation_note(build, meta))
    if context.reviewed:
        context.sources = meta.get("sources") or []
    page_tools.add_tools(context, build, files, page)
    return context


def for_not_found(build: "LanguageBuild", context: dict, config) -> PageContext:
    """The 404 page is served for any missing URL under this language, so its links are absolute;
    without a site_url, assume the site is served from the host's root."""
    prefix = build.project.url_prefix(build.lang)
    if not config.site_url:
        context["base_url"] = "/" + prefix
    base = context["base_url"].rstrip("/") + "/"
    root = base[: len(base) - len(prefix)] if prefix else base
    return PageContext(lang=build.lang, alternates=switcher.not_found_alternates(build, root))
