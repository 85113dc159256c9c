"""Pages a language has not translated are built from the source language, with its notice:
the missing ones, and those still the untranslated copy `add-language` made."""
from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup
from mkdocs.structure.files import File, Files

from guidekit import status

if TYPE_CHECKING:
    from guidekit.language_build import LanguageBuild

TEMPLATE = "partials/fallback-language.html"  # in overrides/


def add_source_pages(files: Files, build: "LanguageBuild", config) -> set[str]:
    """Put the source language's file in place of each missing one; return their paths."""
    if build.lang == build.source_lang:
        return set()
    source_docs, fallback = build.project.docs_dir(build.source_lang), set()
    for path in sorted(source_docs.rglob("*")):
        if path.is_dir():
            continue
        rel = path.relative_to(source_docs).as_posix()
        own = files.get_file_from_path(rel)
        if own is not None and rel.endswith(".md") and status.is_untranslated_copy(build.project, build.lang, rel):
            files.remove(own)  # still the source's text: built as the source page, with the notice
            own = None
        if own is None:
            files.append(File(rel, str(source_docs), config.site_dir, config.use_directory_urls))
            fallback.add(rel)
    return fallback


def mark_language(content: str, page, build: "LanguageBuild") -> str:
    """A fallback page's text is in the source language: say so, for screen readers and fonts."""
    if page.meta.get("guidekit_fallback"):
        return build.renderer.templates.render(TEMPLATE, lang=build.source_lang, content=Markup(content))
    return content
