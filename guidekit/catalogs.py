"""guidekit catalogs extract | update | compile: pybabel, with the project's paths and safeguards.

update never drops a translation: entries no longer in the template are kept as obsolete (#~),
a translation whose msgid was edited is kept as fuzzy (and reported, with what to do), and a
translation that would disappear anyway makes the command fail before anything is written.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

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
    # (A line can name several places, so every occurrence, not only the first of a line.)
    text = project.template.read_text(encoding="utf-8").replace(f" {project.root}/", " ")
    project.template.write_text(text, encoding="utf-8")
    return project.template


def _translated(po: Path) -> dict[Any, Any]:
    """Translations by msgid (a plural entry by its singular form, which is how catalogs match)."""
    return {singular(m.id): m.string for m in read_catalog(po) if m.id and m.string}


def previous_ids(po: Path) -> dict[int, str]:
    """The `#| msgid "…"` that pybabel --previous writes above a fuzzy entry, by the line of the
    entry's msgid (Babel's reader does not keep it)."""
    from babel.messages.pofile import denormalize
    found: dict[int, str] = {}
    pending: list[str] = []
    for number, line in enumerate(po.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("#| msgid ") or (pending and line.startswith('#| "')):
            pending.append(line[len("#| msgid "):] if line.startswith("#| msgid ") else line[3:])
        elif line.startswith("msgid ") and pending:
            found[number] = denormalize("\n".join(pending))
            pending = []
        elif not line.startswith("#"):
            pending = []
    return found


def update(project: Project, langs: list[str] | None = None) -> list[str]:
    """Bring every catalog up to date with the template. A translation whose msgid changed is
    kept as a fuzzy entry (pybabel's match, with the old msgid as `#| msgid`); the report names
    each one and what the translator does next. Returns the report lines."""
    langs = project.check_languages(langs) if langs else project.all_languages
    report: list[str] = []
    for lang in langs:
        po = project.catalog(lang)
        if not po.exists():
            init(project, lang)
            report.append(f"{po.relative_to(project.root)}: created from the template")
            continue
        before = _translated(po)
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp) / lang / "LC_MESSAGES" / "messages.po"
            work.parent.mkdir(parents=True)
            shutil.copy2(po, work)
            pybabel("update", "-i", str(project.template), "-d", tmp, "-l", lang, "--previous")
            _drop_guesses(work, {singular(m.id) for m in read_catalog(project.template) if m.id})
            after_catalog = read_catalog(work)
            previous = previous_ids(work)
            _previous = lambda m: previous.get(m.lineno)  # noqa: E731
            kept = {singular(m.id): m.string for m in after_catalog if m.id and m.string}
            kept.update({singular(m.id): m.string for m in after_catalog.obsolete.values() if m.string})
            # msgid → the fuzzy entry that now carries its translation (the msgid was edited)
            moved = {_previous(m): m for m in after_catalog if m.id and m.fuzzy and _previous(m)}
            fuzzy = [m for m in after_catalog if m.id and m.fuzzy and m.string]
            lost = [msgid for msgid, text in before.items()
                    if kept.get(msgid) != text and not (msgid in moved and moved[msgid].string == text)]
            if lost:
                raise GuidekitError(f"updating would lose {len(lost)} translation(s), e.g. {lost[0]!r}; "
                                    "nothing was changed", file=po,
                                    hint="report this: pybabel dropped a translation it should have kept")
            check_catalog(po, after_catalog)
            shutil.copy2(work, po)
        rel = po.relative_to(project.root)
        for m in fuzzy:
            was = f" (it was {_previous(m)!r})" if _previous(m) and _previous(m) != m.id else ""
            report.append(f"{rel}:{m.lineno}: fuzzy: msgid {m.id!r}{was}")
        if fuzzy:
            report.append(f"{rel}: {len(fuzzy)} translation(s) are fuzzy (kept, because the English changed). "
                          "Readers see the English for these until you check them: compare each with its "
                          "new msgid, correct the msgstr, then delete its '#, fuzzy' line and the '#|' "
                          "lines above it.")
    return report


def singular(msgid) -> str:
    """A msgid's singular form (a plural entry's id is the pair singular, plural)."""
    return msgid[0] if isinstance(msgid, tuple) else msgid


def _drop_guesses(po: Path, current: set) -> None:
    """pybabel fills a new msgid with the translation of a similar one ("Tabs" from "Status"). That
    is an edit only when the similar msgid is gone; when it is still in the template (`current`:
    singular forms), the new entry is a guess: it starts untranslated instead of as a fuzzy copy
    of another text."""
    previous = previous_ids(po)
    guesses = {m.lineno for m in read_catalog(po)
               if m.fuzzy and m.lineno in previous and previous[m.lineno] in current
               and previous[m.lineno] != singular(m.id)}
    if not guesses:
        return
    out: list[str] = []
    number = 0
    for entry in po.read_text(encoding="utf-8").split("\n\n"):  # entries are separated by a blank line
        lines = entry.split("\n")
        msgid_line = next((number + 1 + i for i, line in enumerate(lines) if line.startswith("msgid ")), None)
        number += len(lines) + 1
        if msgid_line in guesses:
            lines = _untranslated(lines)
        out.append("\n".join(lines))
    po.write_text("\n\n".join(out), encoding="utf-8")


def _untranslated(entry: list[str]) -> list[str]:
    """A catalog entry without its fuzzy flag, its `#|` lines and its msgstr text."""
    first_msgstr = next(i for i, line in enumerate(entry) if line.startswith("msgstr"))
    kept = []
    for line in entry[:first_msgstr]:
        if line.startswith("#,"):
            flags = [f.strip() for f in line[2:].split(",") if f.strip() != "fuzzy"]
            kept += ["#, " + ", ".join(flags)] if flags else []
        elif not line.startswith("#|"):
            kept.append(line)
    return kept + [line.split(" ", 1)[0] + ' ""' for line in entry[first_msgstr:] if line.startswith("msgstr")]


def init(project: Project, lang: str) -> Path:
    po = project.catalog(lang)
    if po.exists():
        raise GuidekitError("catalog already exists; use `guidekit catalogs update`", file=po)
    po.parent.mkdir(parents=True, exist_ok=True)
    return new_catalog(project.template, po, lang)


def new_catalog(template: Path, po: Path, lang: str) -> Path:
    """A new language's catalog from the template, with the plural forms of its language.

    What `pybabel init` does, without its warnings: pybabel reads the template with the new
    language's plural rules, so the template's two empty plural msgstrs (an English-style .pot)
    are "more translations than num_plurals" for a language with one form (th, ja, km …). Here the
    template is read as the template it is and the language set afterwards, so each plural
    message gets as many empty msgstr[n] as the language has forms."""
    import datetime as dt

    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po
    if not template.is_file():
        raise GuidekitError("the catalog template is missing (No such file)", file=template,
                            hint="make it with `guidekit catalogs extract`")
    template_catalog = read_catalog(template)
    catalog = Catalog(locale=lang, project=template_catalog.project, version=template_catalog.version,
                      copyright_holder=template_catalog.copyright_holder,
                      msgid_bugs_address=template_catalog.msgid_bugs_address,
                      header_comment=template_catalog.header_comment,
                      creation_date=template_catalog.creation_date,
                      revision_date=dt.datetime.now(dt.timezone.utc), fuzzy=False)
    for message in template_catalog:
        if message.id:
            catalog.add(message.id, ("",) * catalog.num_plurals if message.pluralizable else "",
                        locations=message.locations, flags=message.flags - {"fuzzy"},
                        auto_comments=message.auto_comments, user_comments=message.user_comments,
                        context=message.context)
    with po.open("wb") as f:
        write_po(f, catalog, width=76)
    return po


def compile_all(project: Project, langs: list[str] | None = None) -> None:
    for lang in (project.check_languages(langs) if langs else project.all_languages):
        mo = compile_catalog(project, lang)
        print(f"{project.catalog(lang).relative_to(project.root)} → {mo.relative_to(project.root)}")
