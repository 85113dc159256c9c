"""Pages generated at build time, in the language being built: the directory of every channel
and tool, the sources and review dates of every page, the translation status table and the
downloads. Each page is a Markdown template in overrides/generated/; this module gathers its data."""
from __future__ import annotations

from markupsafe import Markup

from guidekit import pages, status
from guidekit.channels import NEEDS, Registry
from guidekit.i18n import language_name, long_date
from guidekit.placeholders import Renderer
from guidekit.project import Project
from guidekit.templates import Templates

DIRECTORY = "directory.md"
SOURCES = "about/sources.md"
TRANSLATION_STATUS = "about/translation-status.md"
DOWNLOADS = "about/downloads.md"
DOWNLOADS_URL = "about/downloads/"


def _page(templates: Templates, name: str, title: str, description: str, **context) -> str:
    """A generated page's Markdown from its template in overrides/generated/."""
    return templates.render(f"generated/{name}", title=title, description=description, **context)


def directory(registry: Registry, renderer: Renderer, _) -> str:
    groups = []
    for need in NEEDS:
        entries = [e for e in registry.by_need()[need] if e.id not in registry.hidden]
        if entries:
            groups.append({"need": need,
                           "cards": [Markup(renderer.card(entry, anchor=True)) for entry in entries]})
    return _page(renderer.templates, "directory.html", _("All contacts and tools"),
                 _("Every reporting channel, support service and removal tool in this guide, "
                   "with the date each was last checked."), groups=groups)


def sources_page(project: Project, nav_pages: list[str], renderer: Renderer, _) -> str:
    """Every page's sources and review date, read from the source-language front matter."""
    docs = project.docs_dir(project.source_language)
    listed = []
    for rel in nav_pages:
        path = docs / rel
        if not path.exists():
            continue
        meta = pages.read(path).meta
        if not meta.get("sources"):
            continue
        listed.append({"title": meta.get("title", rel), "sources": meta["sources"],
                       "reviewed": long_date(meta["last_reviewed"], renderer.locale)})
    return _page(renderer.templates, "sources.html", _("Sources and review dates"),
                 _("The sources behind every page of this guide and when each page was last reviewed."),
                 pages=listed)


def translation_status_page(rows: list[dict], templates: Templates, _) -> str:
    """rows: status.report of every translated language."""
    languages = [{"code": row["language"], "name": language_name(row["language"]), "counts": row["counts"],
                  "catalog": row["catalog"], "pages": row["pages"]} for row in rows]
    return _page(templates, "translation-status.html", _("Translation status"),
                 _("Which pages are translated, current and reviewed in each language."), languages=languages)


def downloads_page(bundles: dict[str, str], to_root: str, templates: Templates, _, card_href: str) -> str:
    """The printable emergency card, and offline copies (ZIP per language) when built with them."""
    return _page(templates, "downloads.html", _("Downloads"),
                 _("A printable emergency card, and this guide to read without an internet connection."),
                 card_href=card_href, downloads=f"{to_root}downloads/",
                 bundles=[{"code": lang, "name": language_name(lang), "file": name}
                          for lang, name in sorted(bundles.items())])


def add_pages(files, build, config) -> None:
    """The generated pages of one language build, and a hosting profile's stylesheet and logo.
    A Markdown file at a generated page's path is an error (it would be replaced silently)."""
    from pathlib import Path

    from mkdocs.structure.files import File

    from guidekit import emergency_card as card, urls
    from guidekit.errors import GuidekitError
    from guidekit.language_build import PROFILE_CSS
    profile, _ = build.profile, build.gettext
    if profile and profile.css():
        files.append(File.generated(config, PROFILE_CSS, content=profile.css()))
    if profile and profile.logo_path():
        files.append(File.generated(config, config.theme["logo"], abs_src_path=str(profile.logo_path())))
    nav_pages = [f.src_uri for f in files.documentation_pages()]
    generated_pages = {
        DIRECTORY: directory(build.registry, build.renderer, _),
        SOURCES: sources_page(build.project, nav_pages, build.renderer, _),
        TRANSLATION_STATUS: translation_status_page(build.translation_status(), build.renderer.templates, _),
        DOWNLOADS: downloads_page(
            build.bundles, urls.to_site_root(DOWNLOADS_URL, build.lang, build.project), build.renderer.templates, _,
            card_href=("../" if config.use_directory_urls else "") + "../" + card.CARD_FILE),
    }
    for rel, content in generated_pages.items():
        if files.get_file_from_path(rel) is not None:
            raise GuidekitError("this page is generated at build time; remove the file",
                                file=Path(config.docs_dir) / rel)
        files.append(File.generated(config, rel, content=content))
