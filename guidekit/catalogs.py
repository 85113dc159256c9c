"""guidekit catalogs extract | update | compile: Babel's, with the project's paths and safeguards.

update never drops a translation: entries no longer in the template are kept as obsolete (#~),
a translation whose msgid or msgid_plural was edited is kept as fuzzy (and reported, with what to
do), and a translation that would disappear anyway makes the command fail before anything is written.
"""
from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, unescape, write_po

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


QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')


def previous_of(message: Message) -> tuple[str, ...] | None:
    """The English a fuzzy entry's translation was made for: its `#| msgid "…"` (and
    `#| msgid_plural "…"`) lines, which Babel's reader keeps as comments starting with '|'.
    Babel writes a long one wrapped like a comment, a quoted part split across lines; joined at
    the spaces it was split at, it reads as the quoted parts it was. The `#|` lines come after the
    other comments, so the last `msgid` is the record (an earlier one is a '# | msgid' comment
    left by an older update)."""
    parts: list[list[str]] = []
    for comment in message.user_comments:
        if not comment.startswith("|"):
            continue
        text = comment[1:].strip()
        keyword, _, rest = text.partition(" ")
        if keyword == "msgid":
            parts = [[rest]]
        elif keyword == "msgid_plural" and parts:
            parts.append([rest])
        elif parts:
            parts[-1].append(text)
    if not parts:
        return None
    return tuple("".join(unescape(q) for q in QUOTED.findall(" ".join(part))) for part in parts)


def merge(po: Path, template: Catalog, lang: str, out: Path) -> None:
    """`pybabel update --previous` of one catalog into `out` (the same read, update and write, in
    process), with two things it misses that GNU msgmerge does:
    - a plural entry is matched by its singular, so when only its msgid_plural changed it kept its
      translation with nothing to tell the translator; it is fuzzy now, its previous singular and
      plural as `#| msgid` and `#| msgid_plural` (the translation stays, as the starting point);
    - the `#|` lines of an entry still fuzzy from an earlier update stay `#|` lines (Babel reads
      them as a comment, '| msgid …', and would write that back as '# | msgid …')."""
    with po.open("rb") as f:
        catalog = read_po(f, locale=lang, domain=po.stem)
    ids = {(singular(m.id), m.context): m.id for m in catalog if m.id}
    # the record of an entry left fuzzy by an earlier update: the English its translation is of
    records = {(singular(m.id), m.context): previous for m in catalog
               if m.id and m.fuzzy and (previous := previous_of(m))}
    catalog.update(template, update_header_comment=False, update_creation_date=True)
    for m in catalog:
        key = (singular(m.id), m.context)
        if not m.id or m.previous_id:  # the header, or a fuzzy match pybabel has recorded
            continue
        old = ids.get(key)
        translated = isinstance(m.string, (tuple, list)) and any(m.string)
        if m.pluralizable and isinstance(old, tuple) and old[1] != m.id[1] and translated:
            m.flags.add("fuzzy")
            m.previous_id = list(old)
        if key in records:
            m.user_comments = [c for c in m.user_comments if not c.startswith("|")]
            m.previous_id = list(records[key])
    with out.open("wb") as f:
        write_po(f, catalog, include_previous=True, width=76)


def update(project: Project, langs: list[str] | None = None) -> list[str]:
    """Bring every catalog up to date with the template. A translation whose msgid changed is
    kept as a fuzzy entry (pybabel's match, with the old msgid as `#| msgid`); the report names
    each one and what the translator does next. Returns the report lines."""
    langs = project.check_languages(langs) if langs else project.all_languages
    report: list[str] = []
    template = read_catalog(project.template)
    current = {singular(m.id) for m in template if m.id}
    for lang in langs:
        po = project.catalog(lang)
        if not po.exists():
            init(project, lang)
            report.append(f"{po.relative_to(project.root)}: created from the template")
            continue
        before = _translated(po)
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp) / "messages.po"
            merge(po, template, lang, work)
            _drop_guesses(work, current)
            after_catalog = read_catalog(work)
            _previous = lambda m: (previous_of(m) or (None,))[0]  # noqa: E731
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
            report.append(f"{rel}:{m.lineno}: fuzzy: msgid {singular(m.id)!r}{_was(m)}")
        if fuzzy:
            report.append(f"{rel}: {len(fuzzy)} translation(s) are fuzzy (kept, because the English changed). "
                          "Readers see the English for these until you check them: compare each with its "
                          "new msgid, correct the msgstr, then delete its '#, fuzzy' line and the '#|' "
                          "lines above it.")
    return report


def _was(message: Message) -> str:
    """What a fuzzy entry's English was, for the report: its old msgid, or its old plural."""
    previous = previous_of(message) or ()
    if previous and previous[0] != singular(message.id):
        return f" (it was {previous[0]!r})"
    if len(previous) > 1 and message.pluralizable and previous[1] != message.id[1]:
        return f" (its plural was {previous[1]!r})"
    return ""


def singular(msgid) -> str:
    """A msgid's singular form (a plural entry's id is the pair singular, plural)."""
    return msgid[0] if isinstance(msgid, tuple) else msgid


def _drop_guesses(po: Path, current: set) -> None:
    """pybabel fills a new msgid with the translation of a similar one ("Tabs" from "Status"). That
    is an edit only when the similar msgid is gone; when it is still in the template (`current`:
    singular forms), the new entry is a guess: it starts untranslated instead of as a fuzzy copy
    of another text."""
    guesses = {m.lineno for m in read_catalog(po)
               if m.id and m.fuzzy and (previous := previous_of(m))
               and previous[0] in current and previous[0] != singular(m.id)}
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
