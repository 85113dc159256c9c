"""The tools some pages carry: the request builder on its page, the worksheet on the evidence-log
page, and a link to the builder on every other remove/ page."""
from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.utils import get_relative_url

from guidekit import request_builder, worksheet

if TYPE_CHECKING:
    from guidekit.language_build import LanguageBuild
    from guidekit.page_context import PageContext


def url_from(files, page, rel: str) -> str | None:
    """Relative URL from `page` to the page built from `rel` (None when there is none)."""
    target = files.get_file_from_path(rel)
    return get_relative_url(target.url, page.url) if target is not None else None


def add_tools(context: "PageContext", build: "LanguageBuild", files, page) -> None:
    rel = page.file.src_uri
    if rel == request_builder.PAGE:
        remove_pages = {e.id: url_from(files, page, f"remove/{e.id}.md") for e in build.registry.entries.values()}
        context.tool = "request-builder"
        context.request = request_builder.page_context(
            build.requests, build.registry, build.lang, build.gettext,
            remove_pages={k: v for k, v in remove_pages.items() if v})
        context.request["worksheet"] = url_from(files, page, worksheet.PAGE)
    elif rel == worksheet.PAGE:
        context.tool = "worksheet"
        context.worksheet = worksheet.page_context(build.lang, build.gettext, build.registry,
                                                   get_relative_url(worksheet.PDF_FILE, page.url))
    elif rel.startswith("remove/"):
        builder = url_from(files, page, request_builder.PAGE)
        ident = rel.removeprefix("remove/").removesuffix(".md")
        conf = build.requests.platforms.get(ident)
        if builder:  # straight to that platform's template (the script also preselects it)
            context.request_link = builder + (f"#template-{ident}" if conf and conf.route != "tool" else "")
