"""Pages generated at build time, in the language being built: the directory of every channel
and tool, the sources and review dates of every page, and the translation status table."""
from __future__ import annotations

import html

from guidekit import pages, status
from guidekit.channels import NEEDS, Registry
from guidekit.i18n import language_name, long_date
from guidekit.placeholders import Renderer
from guidekit.project import Project

DIRECTORY = "directory.md"
SOURCES = "about/sources.md"
TRANSLATION_STATUS = "about/translation-status.md"
DOWNLOADS = "about/downloads.md"
DOWNLOADS_URL = "about/downloads/"


def _front(title: str, description: str) -> str:
    # json-style quoting keeps any colon or quote in a translation from breaking the YAML
    import json
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n" \
           f"description: {json.dumps(description, ensure_ascii=False)}\ngenerated: true\n---\n\n"


def need_titles(_) -> dict[str, str]:
    return {"emergency": _("Emergency"), "reporting": _("Reporting a crime"),
            "deletion": _("Getting material deleted"), "legal": _("Legal help"),
            "support": _("Emotional support"), "platforms": _("Platforms and removal tools")}


def directory(registry: Registry, renderer: Renderer, _) -> str:
    out = [_front(_("All contacts and tools"),
                  _("Every reporting channel, support service and removal tool in this guide, "
                    "with the date each was last checked.")),
           html.escape(_("Every phone number and website in this guide, grouped by what you need. "
                         "Each entry shows the date we last checked it against its source.")), "\n"]
    titles = need_titles(_)
    for need in NEEDS:
        entries = [e for e in registry.by_need()[need] if e.id not in registry.hidden]
        if not entries:
            continue
        out.append(f"\n## {titles[need]} {{#{need}}}\n")
        for entry in entries:
            out.append("\n" + renderer.card(entry, anchor=True) + "\n")
    return "".join(out)


def sources_page(project: Project, nav_pages: list[str], renderer: Renderer, _) -> str:
    """Every page's sources and review date, read from the source-language front matter."""
    docs = project.docs_dir(project.source_language)
    out = [_front(_("Sources and review dates"),
                  _("The sources behind every page of this guide and when each page was last reviewed.")),
           html.escape(_("Every fact in this guide comes from a source listed here. Phone numbers and "
                         "websites come from the directory, where each entry has its own source and "
                         "check date.")), "\n"]
    for rel in nav_pages:
        path = docs / rel
        if not path.exists():
            continue
        meta = pages.read(path).meta
        if not meta.get("sources"):
            continue
        reviewed = _("Last reviewed %(date)s") % {"date": long_date(meta["last_reviewed"], renderer.locale)}
        out.append(f"\n## {html.escape(meta.get('title', rel))}\n\n{html.escape(reviewed)}\n\n")
        for source in meta["sources"]:
            out.append(f"- [{_md_escape(source['title'])}]({source['url']})\n")
    return "".join(out)


def _md_escape(text: str) -> str:
    return text.replace("[", "\\[").replace("]", "\\]")


def translation_status_page(project: Project, _) -> str:
    out = [_front(_("Translation status"),
                  _("Which pages are translated, current and reviewed in each language.")),
           html.escape(_("A translation is current when its source page has not changed since it was "
                         "translated, outdated when it has, and missing when it does not exist yet: "
                         "then the page is shown in the source language.")), "\n"]
    labels = {"current": _("current"), "outdated": _("outdated"), "missing": _("missing")}
    for lang_status in status.report(project, [l for l in project.all_languages
                                               if l != project.source_language]):
        lang, counts, cat = lang_status["language"], lang_status["counts"], lang_status["catalog"]
        out.append(f"\n## {html.escape(language_name(lang))} ({lang}) {{#lang-{lang}}}\n\n")
        out.append(html.escape(_("%(current)s current, %(outdated)s outdated, %(missing)s missing; "
                                 "%(reviewed)s reviewed by a fluent speaker. Interface: %(done)s of "
                                 "%(total)s strings translated.") % {
            **counts, "done": cat["translated"], "total": cat["total"]}) + "\n\n")
        headings = (_("Page"), _("Status"), _("Reviewed"))
        out.append("| " + " | ".join(headings) + " |\n|---|---|---|\n")
        for row in lang_status["pages"]:
            reviewed = "" if row["reviewed"] is None else (_("yes") if row["reviewed"] else _("no"))
            out.append(f"| `{row['page']}` | {labels[row['state']]} | {reviewed} |\n")
    return "".join(out)


def downloads_page(bundles: dict[str, str], to_root: str, _, card_href: str) -> str:
    """The printable emergency card, and offline copies (ZIP per language) when built with them."""
    card_title, card_link, offline_title = _("Emergency card"), _("Emergency card (PDF)"), _("Offline copies")
    out = [_front(_("Downloads"), _("A printable emergency card, and this guide to read without an internet connection.")),
           f"## {card_title} {{#card}}\n\n",
           html.escape(_("One page with the first steps and the 24-hour numbers, to print or keep on a phone.")),
           f'\n\n<p><a href="{card_href}" download>{html.escape(card_link)}</a></p>\n\n',
           f"## {offline_title} {{#offline}}\n\n"]
    if not bundles:
        out.append(html.escape(_("This copy of the guide was published without offline downloads.")) + "\n")
        return "".join(out)
    out.append(html.escape(_("Each file holds the whole guide in one language. Unzip it and open "
                             "index.html in any browser: it works without an internet connection and "
                             "loads nothing from other websites.")) + "\n\n")
    # Raw HTML: the files live outside the docs, where MkDocs' link validation cannot see them;
    # the link check over the built site does.
    items = "".join(f'<li><a href="{to_root}downloads/{name}" download>{html.escape(language_name(lang))} '
                    f'({lang}): {name}</a></li>' for lang, name in sorted(bundles.items()))
    out.append(f"<ul>{items}</ul>\n")
    return "".join(out)


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
        TRANSLATION_STATUS: translation_status_page(build.project, _),
        DOWNLOADS: downloads_page(
            build.bundles, urls.to_site_root(DOWNLOADS_URL, build.lang, build.project), _,
            card_href=("../" if config.use_directory_urls else "") + "../" + card.CARD_FILE),
    }
    for rel, content in generated_pages.items():
        if files.get_file_from_path(rel) is not None:
            raise GuidekitError("this page is generated at build time; remove the file",
                                file=Path(config.docs_dir) / rel)
        files.append(File.generated(config, rel, content=content))
