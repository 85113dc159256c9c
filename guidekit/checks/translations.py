"""guidekit check --translations: a translation keeps what its source page has that readers or
links rely on: the same channel placeholders, the same explicit heading ids, the same internal
link targets and the same numbers (ages, years, dates, amounts, article numbers; see
checks/numbers.py). Differences are reported with both files and lines. Every catalog is checked
too (every placeholder such as %(name)s of a msgid is in its msgstr, no markup is added)."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from guidekit import pages
from guidekit.checks import numbers
from guidekit.errors import GuidekitError
from guidekit.i18n import check_catalog, read_catalog
from guidekit.placeholders import PLACEHOLDER
from guidekit.project import Project

HEADING_ID = re.compile(r"^#{1,6}\s.*\{[^}]*#(?P<id>[\w-]+)[^}]*\}\s*$")
LINK = re.compile(r"\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")


def features(page: pages.Page) -> dict[str, list[tuple[str, int]]]:
    """Placeholders, heading ids and internal link targets, each with its line in the file."""
    found: dict[str, list[tuple[str, int]]] = {"placeholder": [], "heading id": [], "link": []}
    for number, line in enumerate(page.body.splitlines(), start=page.body_line):
        found["placeholder"] += [(m.group(0), number) for m in PLACEHOLDER.finditer(line)]
        m = HEADING_ID.match(line)
        if m:
            found["heading id"].append((m.group("id"), number))
        for link in LINK.finditer(line):
            target = link.group("target")
            if not re.match(r"[a-z][a-z0-9+.-]*:", target):  # internal only
                found["link"].append((target, number))
    return found


def compare(source: Path, translation: Path, source_lang: str = "en", lang: str = "") -> list[str]:
    src, tr = features(pages.read(source)), features(pages.read(translation))
    problems = []
    for kind in src:
        want, have = Counter(v for v, _ in src[kind]), Counter(v for v, _ in tr[kind])
        for value in sorted((want - have).elements()):
            line = next(n for v, n in src[kind] if v == value)
            problems.append(f"{translation}: {kind} {value} is missing (the source has it at {source}:{line})")
        for value in sorted((have - want).elements()):
            line = next(n for v, n in tr[kind] if v == value)
            problems.append(f"{translation}:{line}: {kind} {value} is not in the source {source}")
    if lang:
        problems += numbers.compare(source, translation, source_lang, lang)
    return problems


def check_translations(project: Project, langs: list[str] | None = None, out=print) -> bool:
    langs = project.check_languages(langs) if langs else \
        [l for l in project.all_languages if l != project.source_language]
    source_docs = project.docs_dir(project.source_language)
    problems, compared = [], 0
    for lang in langs:
        for path in sorted(project.docs_dir(lang).rglob("*.md")):
            source = source_docs / path.relative_to(project.docs_dir(lang))
            if not source.exists():
                problems.append(f"{path}: no source page {source}")
                continue
            compared += 1
            try:
                found = compare(source, path, project.source_language, lang)
            except GuidekitError as e:
                found = [str(e)]
            if found and (pages.read(path).translation or {}).get("source_hash") != pages.source_hash(source):
                found = [f"{p} [the translation is outdated: bring it up to date with {source} first]"
                         for p in found]
            problems += found
        po = project.catalog(lang)
        try:
            check_catalog(po, read_catalog(po))
        except GuidekitError as e:
            problems.append(str(e))
    for p in problems:
        out(p)
    out(f"translations: {compared} pages in {', '.join(langs)} compared with their sources; "
        f"{len(problems)} difference(s)")
    return not problems
