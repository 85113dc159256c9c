"""guidekit catalogs extract | update | compile: pybabel, with the project's paths and safeguards.

update never drops a translation: entries no longer in the template are kept as obsolete (#~)
and a translation that would disappear anyway makes the command fail before anything is written.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

from guidekit.errors import GuidekitError
from guidekit.i18n import check_catalog, compile_catalog, read_catalog
from guidekit.project import Project

KEYWORDS = ["-k", "_", "-k", "gettext", "-k", "ngettext:1,2"]


def pybabel(*args: str) -> None:
    try:
        CommandLineInterface().run(["pybabel", "--quiet", *args])
    except SystemExit as e:
        if e.code:
            raise GuidekitError(f"pybabel {args[0]} failed (exit {e.code})") from None


def extract(project: Project) -> Path:
    pybabel("extract", "-F", str(project.root / "babel.cfg"), *KEYWORDS, "--no-default-keywords",
            "--sort-by-file", "--project", "guidekit", "--copyright-holder", "guidekit contributors",
            "--msgid-bugs-address", "", "-o", str(project.template), str(project.root))
    # pybabel writes absolute-looking paths when given an absolute root; keep them relative.
    text = project.template.read_text(encoding="utf-8").replace(f"#: {project.root}/", "#: ")
    project.template.write_text(text, encoding="utf-8")
    return project.template


def _translated(po: Path) -> dict[str, object]:
    return {m.id: m.string for m in read_catalog(po) if m.id and m.string}


def update(project: Project, langs: list[str] | None = None) -> None:
    langs = project.check_languages(langs) if langs else project.all_languages
    for lang in langs:
        po = project.catalog(lang)
        if not po.exists():
            init(project, lang)
            continue
        before = _translated(po)
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp) / lang / "LC_MESSAGES" / "messages.po"
            work.parent.mkdir(parents=True)
            shutil.copy2(po, work)
            pybabel("update", "-i", str(project.template), "-d", tmp, "-l", lang, "--previous")
            after_catalog = read_catalog(work)
            kept = {m.id: m.string for m in after_catalog if m.id and m.string}
            kept.update({m.id: m.string for m in after_catalog.obsolete.values() if m.string})
            lost = [msgid for msgid, text in before.items() if kept.get(msgid) != text]
            if lost:
                raise GuidekitError(f"updating would lose {len(lost)} translation(s), e.g. {lost[0]!r}; "
                                    "nothing was changed", file=po)
            check_catalog(po, after_catalog)
            shutil.copy2(work, po)


def init(project: Project, lang: str) -> Path:
    po = project.catalog(lang)
    if po.exists():
        raise GuidekitError("catalog already exists; use `guidekit catalogs update`", file=po)
    po.parent.mkdir(parents=True, exist_ok=True)
    pybabel("init", "-i", str(project.template), "-d", str(project.root / "locales"), "-l", lang)
    return po


def compile_all(project: Project, langs: list[str] | None = None) -> None:
    for lang in (project.check_languages(langs) if langs else project.all_languages):
        mo = compile_catalog(project, lang)
        print(f"{project.catalog(lang).relative_to(project.root)} → {mo.relative_to(project.root)}")
