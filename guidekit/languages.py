"""guidekit add-language CODE: everything a new language needs, in one command.

It checks the code against Babel's locale data and the languages Material for MkDocs supports,
then creates locales/CODE/mkdocs.yml, locales/CODE/LC_MESSAGES/messages.po (from the template) and
docs/CODE/index.md (the source home page to translate, with its translation record). The next
build builds the language, every other page falling back to the source language with a notice.
"""
from __future__ import annotations

import json
from pathlib import Path

from babel import Locale, UnknownLocaleError

from guidekit import catalogs, pages
from guidekit.errors import GuidekitError
from guidekit.i18n import language_name
from guidekit.project import Project, read_yaml


def material_languages() -> set[str]:
    import material
    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    return {p.stem for p in folder.glob("*.html")}


def add_language(project: Project, code: str, *, quick_exit: str | None = None,
                 site_name: str | None = None) -> list[str]:
    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        raise GuidekitError(f"'{code}' is not a language code Babel knows",
                            hint="use an ISO 639 code such as th, ar or tl") from None
    if code not in material_languages():
        raise GuidekitError(f"Material for MkDocs has no interface translation for '{code}'",
                            hint="choose one of: " + ", ".join(sorted(material_languages())))
    if code in project.all_languages or (project.root / "locales" / code).exists():
        raise GuidekitError(f"'{code}' already exists", file=project.root / "locales" / code)
    rtl = locale.character_order == "right-to-left"
    source_conf = read_yaml(project.config_file(project.source_language)) or {}
    exit_url = quick_exit or source_conf.get("extra", {}).get("quick_exit", {}).get("url")
    if not exit_url or not exit_url.startswith("https://"):
        raise GuidekitError("a quick-exit destination is needed", hint="pass --quick-exit https://…")
    name = site_name or source_conf.get("site_name", "Guide")

    config = project.config_file(code)
    config.parent.mkdir(parents=True)
    theme = [f"  language: {code}", f"  locale: {code}"] + (["  direction: rtl"] if rtl else [])
    config.write_text("\n".join([
        "INHERIT: ../../mkdocs.yml",
        f"site_name: {json.dumps(name, ensure_ascii=False)}",
        f"docs_dir: ../../docs/{code}",
        f"site_dir: ../../site/{code}",
        "theme:", *theme,
        "extra:",
        "  quick_exit:",
        "    # a neutral site in this language (weather, news), opened by the quick-exit control",
        f"    url: {exit_url}",
    ]) + "\n", "utf-8")
    po = catalogs.init(project, code)

    source = project.docs_dir(project.source_language) / "index.md"
    index = project.docs_dir(code) / "index.md"
    index.parent.mkdir(parents=True, exist_ok=True)
    index.write_text(source.read_text("utf-8"), "utf-8")
    pages.read(index)
    from guidekit.status import mark_current
    mark_current(project, index)
    return [
        f"Added {language_name(code)} ({code}){' — right to left' if rtl else ''}:",
        f"  {config.relative_to(project.root)}   settings (site name, quick-exit destination)",
        f"  {po.relative_to(project.root)}   interface strings to translate",
        f"  {index.relative_to(project.root)}   the home page, still in {project.source_language}: translate it",
        "Next: translate those two files, then `guidekit build` (other pages fall back with a notice)",
        f"and `guidekit status --lang {code}` to see what is left.",
    ]
