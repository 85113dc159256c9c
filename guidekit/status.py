"""Translation status: for every language, every source page is current, outdated or missing.

A translated page records the hash of its source page when it was translated
(translation.source_hash); when the source file changes its hash changes, and the translation
becomes outdated until a translator updates it and runs `guidekit status --mark-current PATH`.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import Path

from guidekit import pages, theme_strings
from guidekit.errors import GuidekitError
from guidekit.i18n import catalog_completeness
from guidekit.project import Project

STATES = ("current", "outdated", "missing")


@dataclass
class PageStatus:
    page: str           # path relative to the language's docs folder, e.g. report/police.md
    state: str          # current | outdated | missing (or "source" for the source language)
    reviewed: bool | None
    recorded_hash: str | None = None
    source_hash: str | None = None


def source_pages(project: Project) -> list[str]:
    docs = project.docs_dir(project.source_language)
    return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))


def page_status(project: Project, lang: str, rel: str) -> PageStatus:
    source = project.docs_dir(project.source_language) / rel
    current = pages.source_hash(source)
    if lang == project.source_language:
        return PageStatus(rel, "source", None, None, current)
    target = project.docs_dir(lang) / rel
    if not target.exists() or is_untranslated_copy(project, lang, rel):
        return PageStatus(rel, "missing", None, None, current)
    record = pages.read(target).translation or {}
    recorded = record.get("source_hash")
    state = "current" if recorded == current else "outdated"
    return PageStatus(rel, state, bool(record.get("reviewed", False)), recorded, current)


def _same_text(a: str, b: str) -> bool:
    return a.replace("\r\n", "\n").strip() == b.replace("\r\n", "\n").strip()


def is_untranslated_copy(project: Project, lang: str, rel: str) -> bool:
    """A page of `lang` whose body is still its source page's body (as `add-language` copies the
    home page, or a translator copies a page to start from): not a translation, whatever its
    front matter says. It counts as missing and is built as the source page, with the notice."""
    target = project.docs_dir(lang) / rel
    source = project.docs_dir(project.source_language) / rel
    if lang == project.source_language or not target.is_file() or not source.is_file():
        return False
    return _same_text(pages.read(target).body, pages.read(source).body)


def data_text_status(project: Project, lang: str, rows: list[PageStatus], registry) -> dict:
    """Of the data entries placed on this language's translated pages, how many have all their
    texts in it (inline in data/*.yml or in locales/<lang>/data.yml); the others show English."""
    from guidekit import data_texts, placeholders
    ids: set[str] = set()
    for row in rows:
        if row.state in ("current", "outdated"):
            body = pages.read(project.docs_dir(lang) / row.page).body
            for match in placeholders.PLACEHOLDER.finditer(body):
                valid = placeholders.VALID.fullmatch(match.group("body").strip())
                if valid and registry.get(valid.group("id")) is not None:
                    ids.add(valid.group("id"))
    missing = sorted(i for i in ids if not data_texts.has_texts(registry.get(i), lang))
    return {"entries": len(ids), "with_texts": len(ids) - len(missing), "missing": missing}


def language_status(project: Project, lang: str, registry=None) -> dict:
    rows = [page_status(project, lang, rel) for rel in source_pages(project)]
    counts = {s: sum(r.state == s for r in rows) for s in STATES}
    counts["reviewed"] = sum(bool(r.reviewed) for r in rows)
    if registry is None:
        from guidekit.channels import Registry
        registry = Registry.load(project.root / "data")
    return {"language": lang, "pages": [asdict(r) for r in rows], "counts": counts,
            "data": data_text_status(project, lang, rows, registry),
            "catalog": catalog_completeness(project.catalog(lang), unused_from=None if theme_strings.uses_catalog(
                project, lang) else theme_strings.TEMPLATE_FILE)}


def report(project: Project, langs: list[str]) -> list[dict]:
    from guidekit.channels import Registry
    registry = Registry.load(project.root / "data")
    return [language_status(project, lang, registry) for lang in langs]


def table(statuses: list[dict]) -> str:
    """A readable plain-text table, one block per language."""
    out = []
    for status in statuses:
        c, cat = status["counts"], status["catalog"]
        out.append(f"{status['language']}: {c['current']} current, {c['outdated']} outdated, "
                   f"{c['missing']} missing, {c['reviewed']} reviewed; interface catalog "
                   f"{cat['translated']}/{cat['total']} translated")
        if all(p["state"] == "source" for p in status["pages"]):
            out.append("  (source language)")
            continue
        data = status["data"]
        out.append(f"  data texts: {data['with_texts']}/{data['entries']} entries on translated pages have "
                   f"their texts in {status['language']}"
                   + (f" (missing: {', '.join(data['missing'])}; see locales/{status['language']}/data.yml)"
                      if data["missing"] else ""))
        width = max(len(p["page"]) for p in status["pages"])
        for p in status["pages"]:
            reviewed = "" if p["reviewed"] is None else ("reviewed" if p["reviewed"] else "not reviewed")
            out.append(f"  {p['page']:<{width}}  {p['state']:<8}  {reviewed}")
    return "\n".join(out)


def failures(statuses: list[dict], fail_on: set[str]) -> list[str]:
    return [f"{s['language']}/{p['page']}: {p['state']}" for s in statuses for p in s["pages"]
            if p["state"] in fail_on]


def mark_current(project: Project, path: Path) -> str:
    """Record the current source hash in a translated page, changing nothing else in the file."""
    path = path.resolve()
    docs_root = project.root / "docs"
    try:
        lang, *rest = path.relative_to(docs_root).parts
    except ValueError:
        raise GuidekitError("not a page under docs/<lang>/", file=path) from None
    if lang == project.source_language:
        raise GuidekitError("this is a source page; only translations carry a translation record",
                            file=path, hint=f"mark the translation, e.g. docs/ko/{'/'.join(rest)}")
    source = project.docs_dir(project.source_language).joinpath(*rest)
    if not source.exists():
        raise GuidekitError(f"no source page {source.relative_to(project.root)} for this translation",
                            file=path)
    page = pages.read(path)  # validates the front matter
    new_hash = pages.source_hash(source)
    with path.open(encoding="utf-8", newline="") as f:  # keep the file's own line endings
        text = f.read()
    nl = "\r\n" if "\r\n" in text else "\n"
    if page.translation is None:
        # Add a record as the last line of the front matter; the page is not yet reviewed.
        end = pages.FRONT.match(text)
        if not end:
            raise GuidekitError("the page has no front matter", file=path, hint="add title and description")
        head = text[:end.end()]
        closing = head.rstrip("\r\n").rsplit(nl, 1)
        record = nl.join(["translation:", f"  source_hash: {new_hash}", "  reviewed: false"])
        text = f"{closing[0]}{nl}{record}{nl}{closing[1]}{nl}" + text[end.end():]
    else:
        old = page.translation.get("source_hash")
        if old and f"source_hash: {old}" in text:
            text = text.replace(f"source_hash: {old}", f"source_hash: {new_hash}", 1)
        else:
            text, n = re.subn(r"(?m)^(\s+source_hash:\s*)\S*", rf"\g<1>{new_hash}", text, count=1)
            if n == 0:
                raise GuidekitError("translation record has no source_hash line", file=path,
                                    hint="write it as 'translation:' then '  source_hash: …' on its own line")
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(text)
    return new_hash
