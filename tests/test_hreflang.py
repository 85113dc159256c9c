"""Every page's head names, with <link rel="alternate" hreflang>, the same page in each language
it is written in (search engines use these to send a reader to their language), and no other."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from guidekit.project import Project

ROOT = Path(__file__).resolve().parents[1]


class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.alternates: dict[str, str] = {}
        self.in_head = True

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body":
            self.in_head = False
        if self.in_head and tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates[a["hreflang"]] = a.get("href", "")


def _alternates(page: Path) -> dict[str, str]:
    parser = _Head()
    parser.feed(page.read_text("utf-8"))
    return parser.alternates


def _written_in(project: Project, rel: str) -> set[str]:
    return {lang for lang in project.languages if (project.docs_dir(lang) / rel).exists()}


def test_heads_name_the_languages_each_page_is_written_in(site):
    project = Project.load(ROOT)
    root_lang = project.default_language
    checked = 0
    for rel, url in (("index.md", ""), ("report/police.md", "report/police/"),
                     ("about/hosting.md", "about/hosting/"), ("evidence.md", "evidence/")):
        expected = _written_in(project, rel)
        for lang in project.languages:
            folder = site if lang == root_lang else site / lang
            page = folder / url / "index.html"
            if not page.exists():
                continue
            found = _alternates(page)
            assert set(found) == expected, f"{page.relative_to(site)}: hreflang {sorted(found)}, written in {sorted(expected)}"
            for other, href in found.items():
                target = (page.parent / href).resolve() / "index.html" if not href.startswith("http") else None
                assert target is None or target.exists(), f"{page.relative_to(site)}: hreflang={other} points to {href}, which is not built"
                if target is not None:
                    want = (site if other == root_lang else site / other) / url / "index.html"
                    assert target == want.resolve(), f"{page.relative_to(site)}: hreflang={other} is {href}"
            checked += 1
    assert checked >= 8
