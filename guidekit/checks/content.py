"""guidekit check --content: the rules a writer must keep, without building.

- no phone number, service number or channel address typed into a page (they come from data/ through
  placeholders, so that one wrong digit cannot hide in one language);
- no placeholder text (TODO, FIXME, lorem ipsum…);
- front matter: title, a real description, last_reviewed and an https source on every page
  (a translation inherits the last two from its source page);
- the help finder: every help page reachable from help/index.md, no dead end, every last page ends
  on a channel card and links on, and a number to call within three taps of the home page.

Each language is checked as readers get it: a page that is not translated is the source page.
"""
from __future__ import annotations

import posixpath
import re
import unicodedata
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from guidekit import pages
from guidekit.channels import Registry
from guidekit.errors import GuidekitError
from guidekit.project import Project

LINK = re.compile(r"\]\(([^)\s#]+\.md)(?:#[^)\s]*)?\)")
PLACEHOLDER = re.compile(r"\[\[(channel|phone|link):([a-z0-9-]+)(?:#[a-z0-9-]+)?\]\]")
FILLER = re.compile(r"\b(TODO|FIXME|XXX|TBD|lorem ipsum)\b", re.I)
PHONE_PATTERNS = [
    re.compile(r"(?<![\d-])0\d{1,2}-\d{3,4}-\d{4}(?![\d-])"),       # 02-735-8994
    re.compile(r"(?<![\d-])1\d{3}-\d{4}(?![\d-])"),                   # 1577-0199
    re.compile(r"(?<![\d-])1-?800-[\dA-Z-]{7,}"),                     # US toll-free
    re.compile(r"\+\d{6,}"),                                          # E.164
]
# The first answers of the home page: from each, a number to call within three taps of home.
FIRST_ANSWERS = ("help/adult.md", "help/under-19.md", "help/parent-teacher.md", "help/saw-material.md",
                 "help/threatened.md")
FINDER = "help/index.md"
MIN_DESCRIPTION = 40


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


class Site:
    """One language's pages as a reader gets them (the source page where none is translated)."""

    def __init__(self, project: Project, lang: str):
        self.project, self.lang = project, lang
        source = project.docs_dir(project.source_language)
        self.rels = sorted(p.relative_to(source).as_posix() for p in source.rglob("*.md"))
        self._pages: dict[str, pages.Page] = {}

    def path(self, rel: str) -> Path:
        own = self.project.docs_dir(self.lang) / rel
        return own if own.exists() else self.project.docs_dir(self.project.source_language) / rel

    def page(self, rel: str) -> pages.Page:
        if rel not in self._pages:
            self._pages[rel] = pages.read(self.path(rel))
        return self._pages[rel]

    def links(self) -> dict[str, set[str]]:
        return {rel: {posixpath.normpath(posixpath.join(posixpath.dirname(rel), target))
                      for target in LINK.findall(self.page(rel).body)} for rel in self.rels}


def _body_lines(path: Path):
    """(line number in the file, text) of the body, placeholders blanked out."""
    text = path.read_text("utf-8")
    match = re.match(r"\A---\n.*?\n---\n", text, flags=re.S)
    offset = text[:match.end()].count("\n") if match else 0
    body = text[match.end():] if match else text
    for number, line in enumerate(body.splitlines(), start=offset + 1):
        yield number, re.sub(r"\[\[[^\]]*\]\]", "", line)


def typed_numbers(project: Project, registry: Registry, files: list[Path]) -> list[Problem]:
    short_codes = {p.tel for e in registry.entries.values() for p in e.phones if not p.tel.startswith("+")}
    urls = {link.url.rstrip("/") for e in registry.entries.values() for link in e.links}
    hosts = {re.sub(r"^https://(www\.)?", "", u).split("/")[0] for u in urls}
    problems = []
    for path in files:
        for number, line in _body_lines(path):
            found = [f"phone number {m.group(0)}" for pattern in PHONE_PATTERNS for m in pattern.finditer(line)]
            found += [f"service number {code}" for code in sorted(short_codes)
                      # (not the last group of a space-grouped count: 10 117)
                      if re.search(rf"(?<![\w.,-])(?<!\d[ \u00a0\u202f]){code}(?![\w.,-]|\s*(?:년|年))", line)]
            found += [f"channel URL {url}" for url in sorted(urls) if url in line]
            found += [f"channel address {host}" for host in sorted(hosts)
                      if re.search(rf"(?<![\w.]){re.escape(host)}", line) and "](" not in line]
            problems += [Problem(path, number, f"{what} typed into the page: place it with [[phone:…]] or "
                                               "[[link:…]] from data/") for what in found]
    return problems


def filler_text(files: list[Path]) -> list[Problem]:
    return [Problem(path, number, f"placeholder text '{m.group(0)}': write the real text")
            for path in files
            for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
            for m in FILLER.finditer(line)]


def front_matter(site: Site) -> list[Problem]:
    problems = []
    source_docs = site.project.docs_dir(site.project.source_language)
    for rel in site.rels:
        path = site.path(rel)
        meta = pages.effective_meta(site.page(rel), pages.read(source_docs / rel))
        for key in ("title", "description", "last_reviewed"):
            if not meta.get(key):
                problems.append(Problem(path, 1, f"front matter has no {key}"))
        if meta.get("description") and _width(str(meta["description"])) < MIN_DESCRIPTION:
            problems.append(Problem(path, 1, f"the description is shorter than {MIN_DESCRIPTION} characters "
                                             "(wide characters count twice): "
                                             "say in a sentence or two what the page is for"))
        if not any(str(s.get("url", "")).startswith("https://") for s in meta.get("sources") or []
                   if isinstance(s, dict)):
            problems.append(Problem(path, 1, "front matter names no https source (sources: - title/url)"))
    return problems


def _width(text: str) -> int:
    """Length with wide (CJK) characters counted twice: a Chinese sentence is shorter in characters."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def help_finder(site: Site, registry: Registry) -> list[Problem]:
    links = site.links()
    help_pages = {rel for rel in site.rels if rel.startswith("help/")}
    if FINDER not in links:
        return [Problem(site.path("index.md"), None, f"there is no {FINDER}")]
    problems = []
    depth, queue = {FINDER: 0}, deque([FINDER])
    while queue:
        page = queue.popleft()
        for target in sorted(links[page]):
            if target in help_pages and target not in depth:
                depth[target] = depth[page] + 1
                queue.append(target)
    for rel in sorted(help_pages - set(depth)):
        problems.append(Problem(site.path(rel), None, f"no path leads here from {FINDER}: link it from a "
                                                      "question of the help finder"))
    for rel in sorted(set(depth)):
        onward = {t for t in links[rel] if t in links and t != rel}
        if not onward:
            problems.append(Problem(site.path(rel), None, "a dead end: link on to what the reader can do next"))
            continue
        children = {t for t in links[rel] if t in depth and depth[t] > depth[rel]}
        if not children:  # a last page: it ends on a card and on the detailed pages
            if not _has_card(site, rel):
                problems.append(Problem(site.path(rel), None, "a last page of the help finder with no "
                                                              "channel card ([[channel:…]])"))
            if not onward - help_pages:
                problems.append(Problem(site.path(rel), None, "a last page of the help finder that links "
                                                              "to no page outside help/"))
    for answer in FIRST_ANSWERS:
        if answer not in links.get("index.md", ()):
            problems.append(Problem(site.path("index.md"), None, f"the home page does not link to {answer}"))
        elif not _number_within(site, registry, links, answer, taps=3):
            problems.append(Problem(site.path(answer), None, "no number to call within three taps of the "
                                                             "home page through this page"))
    return problems


def _has_card(site: Site, rel: str) -> bool:
    return any(kind == "channel" for kind, _ in PLACEHOLDER.findall(site.page(rel).body))


def _callable(site: Site, registry: Registry, rel: str) -> bool:
    """A tap-to-call link: a phone placeholder or a card of an entry with a phone."""
    for kind, ident in PLACEHOLDER.findall(site.page(rel).body):
        entry = registry.get(ident)
        if kind in ("phone", "channel") and entry and entry.phones:
            return True
    return False


def _number_within(site: Site, registry: Registry, links, answer: str, taps: int) -> bool:
    frontier, depth = {answer}, 1  # home → answer is the first tap
    while depth <= taps:
        if any(_callable(site, registry, rel) for rel in frontier):
            return True
        frontier = {t for rel in frontier for t in links.get(rel, ()) if t in links}
        depth += 1
    return False


def content_problems(project: Project, langs: list[str] | None = None) -> list[Problem]:
    registry = Registry.load(project.root / "data")
    langs = langs or project.all_languages
    unknown = sorted(set(langs) - set(project.all_languages))
    if unknown:
        raise GuidekitError(f"unknown language: {', '.join(unknown)}",
                            hint="choose from " + ", ".join(project.all_languages))
    files = sorted(p for lang in langs for p in project.docs_dir(lang).rglob("*.md"))
    problems = typed_numbers(project, registry, files) + filler_text(files)
    for lang in langs:
        site = Site(project, lang)
        problems += front_matter(site) + help_finder(site, registry)
    return problems


def check_content(project: Project, langs: list[str] | None = None) -> bool:
    problems = content_problems(project, langs)
    for problem in problems:
        print(problem)
    checked = ", ".join(langs or project.all_languages)
    print(f"Content rules ({checked}): {len(problems)} problem{'s' if len(problems) != 1 else ''}")
    return not problems
