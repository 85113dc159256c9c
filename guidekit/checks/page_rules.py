"""guidekit check --pages: every page's front matter, placeholders, internal links and raw HTML
(no script, event handler, javascript: URL or resource from another host), without building.
Fast feedback for writers and translators; the build enforces the same rules."""
from __future__ import annotations

import re
from pathlib import Path

from guidekit import pages, placeholders, security
from guidekit.channels import Registry
from guidekit.errors import GuidekitError
from guidekit.placeholders import Renderer
from guidekit.project import Project

LINK = re.compile(r"\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")


def lint_page(project: Project, lang: str, path: Path, registry: Registry) -> list[str]:
    problems = []
    docs = project.docs_dir(lang)
    rel = path.relative_to(docs).as_posix()
    source_docs = project.docs_dir(project.source_language)
    try:
        page = pages.read(path)
        source = pages.read(source_docs / rel) if (source_docs / rel).exists() else None
        meta = pages.effective_meta(page, source)
        pages.validate(page, meta, translated=lang != project.source_language)
        if lang != project.source_language and source is None:
            problems.append(f"{path}: no source page {source_docs / rel}")
        placeholders.check_front_matter(page)
        renderer = Renderer(registry, lang, "en", lambda s: s, project.source_language)
        body = renderer.replace_all(page.body, str(path), line_offset=page.body_line - 1)
    except GuidekitError as e:
        return [str(e)]
    problems += html_problems(path, body)
    for number, line in enumerate(page.body.splitlines(), start=page.body_line):
        for m in LINK.finditer(line):
            target = m.group("target")
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue
            file_part = target.split("#")[0]
            resolved = (path.parent / file_part).resolve()
            in_lang = resolved.exists()
            try:
                fallback = (source_docs / resolved.relative_to(docs.resolve())).exists()
            except ValueError:
                fallback = False
            generated = resolved.relative_to(docs.resolve()).as_posix() in GENERATED if \
                resolved.is_relative_to(docs.resolve()) else False
            if not (in_lang or fallback or generated):
                problems.append(f"{path}:{number}: link to missing page {target}")
    return problems


MARKDOWN_EXTENSIONS = ["attr_list", "md_in_html", "admonition", "def_list", "tables"]


def html_problems(path: Path, body: str) -> list[str]:
    """What the build's check of the finished page would refuse, found in the page's own HTML."""
    import markdown
    rendered = markdown.markdown(body, extensions=MARKDOWN_EXTENSIONS)
    problems = []
    for finding in security.scan(rendered).findings:
        found = security.locate(finding.snippet, [path])
        problems.append(f"{path}:{found[1]}: {finding.what}" if found else f"{path}: {finding.what}")
    return problems


GENERATED = {"directory.md", "about/sources.md", "about/translation-status.md", "about/downloads.md"}


def check_pages(project: Project, langs: list[str] | None = None, paths: list[Path] | None = None,
                out=print) -> bool:
    registry = Registry.load(project.root / "data")
    problems, count = [], 0
    targets: list[tuple[str, Path]] = []
    if paths:
        for path_given in paths:
            given = path_given.resolve()
            for p in sorted(given.rglob("*.md")) if given.is_dir() else [given]:
                lang = p.relative_to(project.root / "docs").parts[0]
                targets.append((lang, p))
    else:
        for lang in (langs or project.all_languages):
            targets += [(lang, p) for p in sorted(project.docs_dir(lang).rglob("*.md"))]
    for lang, path in targets:
        count += 1
        problems += lint_page(project, lang, path, registry)
    for problem in problems:
        out(problem)
    out(f"pages: {count} checked, {len(problems)} problem(s)")
    return not problems
