"""guidekit add-language CODE: everything a new language needs, in one command.

It checks the code against Babel's locale data, then creates locales/CODE/mkdocs.yml,
locales/CODE/LC_MESSAGES/messages.po (from the template) and docs/CODE/index.md (a copy of the
source home page to translate, with no translation record: until its text is translated it counts
as missing and is built as the source page with a notice). The next build builds the language,
every other page falling back to the source language with a notice.
The files are made in a scratch folder and renamed into place: the command completes or leaves
nothing behind. Regional variants (pt-BR, zh-Hant) are refused before anything is written.
Any language Babel knows works: where Material for MkDocs has no interface strings for it, the
theme's strings come from the same catalog (guidekit/theme_strings.py).
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from babel import Locale, UnknownLocaleError

from guidekit import catalogs, theme_strings
from guidekit.errors import GuidekitError
from guidekit.i18n import language_name
from guidekit.project import Project, read_yaml


def check_code(project: Project, code: str) -> Locale:
    """Refuse, before anything is written, a code the rest of guidekit cannot carry through:
    a language is one plain lower-case code (its folder, catalog, Babel locale and search language)."""
    unknown = GuidekitError(f"'{code}' is not a language code Babel knows",
                            hint="use an ISO 639 code such as th, ar or tl")
    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        raise unknown from None
    if re.fullmatch(r"[a-z]{2,3}", code):
        return locale
    base = locale.language
    if code.lower() == base:
        raise GuidekitError(f"write the language code in lower case: '{base}', not '{code}'",
                            hint=f"run `guidekit add-language {base}`")
    hint = (f"'{base}' is already a language of this project; a second variant of it is not supported"
            if base in project.all_languages else
            f"add `{base}` and write it in the variant your readers use")
    raise GuidekitError(f"'{code}' ({locale.get_display_name('en')}) is a regional or script variant; "
                        "a guidekit language is one plain language code (its folder, catalog and "
                        "search language), so nothing was written", hint=hint)


def add_language(project: Project, code: str, *, quick_exit: str | None = None,
                 site_name: str | None = None) -> list[str]:
    """Everything is made in a scratch folder and moved into place at the end, so the command
    either completes or leaves the project as it was."""
    locale = check_code(project, code)
    locale_dir = project.root / "locales" / code
    index = project.docs_dir(code) / "index.md"
    if code in project.all_languages or locale_dir.exists():
        raise GuidekitError(f"'{code}' already exists", file=locale_dir)
    if index.exists():
        raise GuidekitError(f"docs/{code}/index.md already exists and would be overwritten", file=index,
                            hint="move it away first; the command makes the home page to translate")
    rtl = locale.character_order == "right-to-left"
    source_conf: dict = read_yaml(project.config_file(project.source_language)) or {}  # type: ignore[assignment]
    exit_url = quick_exit or source_conf.get("extra", {}).get("quick_exit", {}).get("url")
    if not exit_url or not exit_url.startswith("https://"):
        raise GuidekitError("a quick-exit destination is needed", hint="pass --quick-exit https://…")
    name = site_name or source_conf.get("site_name", "Guide")

    from guidekit.build import SignalGuard
    # The scratch folder lives in the project's cache (same file system, so the renames are atomic).
    made = [folder for folder in (project.cache_dir, *project.cache_dir.parents) if not folder.exists()]
    try:
        project.cache_dir.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=f"add-language-{code}-", dir=project.cache_dir))
    except OSError as e:
        raise GuidekitError(f"cannot write in the project: {e.strerror}", file=e.filename or project.root,
                            hint="run the command where you can write to the checkout") from None
    with SignalGuard() as guard:
        done = False
        try:
            staged = Project(root=scratch, _settings=project._settings)
            _make(project, staged, code, name, exit_url, rtl)
            with guard.critical():
                _move_into_place(staged, project, code)
            done = True
        finally:
            with guard.critical():
                shutil.rmtree(scratch, ignore_errors=True)
                for folder in [] if done else made:  # innermost first: leave no trace of a failure
                    with contextlib.suppress(OSError):
                        folder.rmdir()
    config, po = project.config_file(code), project.catalog(code)
    return [
        f"Added {language_name(code)} ({code}){' — right to left' if rtl else ''}:",
        f"  {config.relative_to(project.root)}   settings (site name, quick-exit destination)",
        f"  {po.relative_to(project.root)}   interface strings to translate"
        + ("" if code in theme_strings.material_languages() else
           " (including the theme's own: Material for MkDocs has none for this language)"),
        f"  {index.relative_to(project.root)}   the home page, still in {project.source_language}: translate it, "
        f"then `guidekit status --mark-current {index.relative_to(project.root)}`",
        "Until a page is translated it counts as missing and is shown in "
        f"{project.source_language} with a notice; `guidekit status --lang {code}` shows what is left.",
    ]


def _make(project: Project, staged: Project, code: str, name: str, exit_url: str, rtl: bool) -> None:
    """Write the new language's files into the scratch project `staged`."""
    config = staged.config_file(code)
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
    po = staged.catalog(code)
    po.parent.mkdir(parents=True)
    catalogs.new_catalog(project.template, po, code)
    # The home page to translate: a copy of the source page, with no translation record (it is
    # not a translation yet). Until its text changes it counts as missing and is built as the
    # source page with the fallback notice; the translator runs --mark-current after translating.
    staged.docs_dir(code).mkdir(parents=True)
    shutil.copy2(project.docs_dir(project.source_language) / "index.md", staged.docs_dir(code) / "index.md")


def _move_into_place(staged: Project, project: Project, code: str) -> None:
    """Two renames: locales/CODE/ (whole folder), then docs/CODE/index.md; undo the first if the
    second fails."""
    locale_dir = project.root / "locales" / code
    os.rename(staged.root / "locales" / code, locale_dir)
    docs = project.docs_dir(code)
    made_docs = not docs.exists()
    try:
        docs.mkdir(parents=True, exist_ok=True)
        os.rename(staged.docs_dir(code) / "index.md", docs / "index.md")
    except BaseException:
        shutil.rmtree(locale_dir, ignore_errors=True)
        if made_docs:
            shutil.rmtree(docs, ignore_errors=True)
        raise
