"""Search that works in each language (issue 15): every built language has a file
tests/search_queries/<lang>.yml of realistic queries, each with the page it must find (path
relative to the language's root) within the first three results of that language's search.
Thai and Khmer, written without spaces between words, are also checked on a copy of the project
with pages in those scripts (guidekit/search_segments.py, search-segment.js)."""
from __future__ import annotations

import re
import shutil
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import ROOT, copy_project, run_guidekit
from reader import search_for
from guidekit.project import Project

QUERIES = ROOT / "tests" / "search_queries"
PROJECT = Project.load(ROOT)
TOP = 3


def prefix(project: Project, lang: str) -> str:
    return "/" + project.url_prefix(lang)


def results(page, url: str, query: str) -> list[str]:
    """The pages (one per page, sections folded) of the results for `query` typed on the page
    at `url` (opened afresh, so no earlier query's results are read), best first."""
    page.goto(url)
    search_for(page, query)
    try:
        page.wait_for_selector(".md-search-result__item", timeout=15000)
    except Exception:  # no result at all
        return []
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    return list(dict.fromkeys(urlsplit(h).path for h in hrefs))


def read_queries(lang: str) -> list[dict]:
    path = QUERIES / f"{lang}.yml"
    assert path.is_file(), (f"{lang} is built but has no {path.relative_to(ROOT)}: write a one-word and a "
                            "two-word query with the page each finds (- query: …, finds: report/police/)")
    queries = yaml.safe_load(path.read_text("utf-8")) or []
    assert isinstance(queries, list) and queries, f"{path.relative_to(ROOT)}: a list of {{query, finds}}"
    for item in queries:
        assert isinstance(item, dict) and set(item) == {"query", "finds"}, f"{path.relative_to(ROOT)}: {item!r}"
    return queries


@pytest.fixture
def tab(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", PROJECT.all_languages)
def test_queries_find_their_pages(tab, server, site, lang):
    queries = read_queries(lang)
    base = prefix(PROJECT, lang)
    failed = []
    for item in queries:
        expected = base + item["finds"].lstrip("/")
        assert (site / expected.lstrip("/") / "index.html").is_file(), f"{lang}: no page {item['finds']}"
        found = results(tab, server.origin + base, item["query"])
        if expected not in found[:TOP]:
            failed.append(f"{item['query']!r} should find {expected}, got {found[:TOP]}")
    assert not failed, f"{lang}: " + "; ".join(failed)


# -- scripts without spaces between words ----------------------------------------------------------
UNSPACED_PAGES = {
    # language: (a sentence for report/police.md, a sentence for evidence.md, queries)
    "th": ("หากคุณตกอยู่ในอันตราย โทรแจ้งตำรวจได้ตลอดเวลา",
           "เก็บหลักฐานไว้อย่างปลอดภัย แล้วส่งให้ศูนย์ช่วยเหลือ",
           [("ตำรวจ", "report/police/"), ("หลักฐาน", "evidence/"), ("แจ้งตำรวจ", "report/police/")]),
    "km": ("ប្រសិនបើអ្នកមានគ្រោះថ្នាក់ សូមទូរស័ព្ទទៅប៉ូលិស",
           "រក្សាទុកភស្តុតាងឱ្យមានសុវត្ថិភាព",
           [("ប៉ូលិស", "report/police/"), ("ភស្តុតាង", "evidence/")]),
}


@pytest.fixture(scope="module")
def unspaced_site(tmp_path_factory):
    """A copy of the project whose th and km police and evidence pages start with a sentence in
    Thai and Khmer."""
    project = copy_project(tmp_path_factory.mktemp("unspaced"))
    for lang, (police, evidence, _) in UNSPACED_PAGES.items():
        # only these two pages in the language (its real translations mention the police too)
        shutil.rmtree(project / "docs" / lang, ignore_errors=True)
        for rel, sentence in (("report/police.md", police), ("evidence.md", evidence)):
            # the sentence first, then the English text (its headings are linked from other pages)
            front, body = (project / "docs" / "en" / rel).read_text("utf-8").split("\n---\n", 1)
            path = project / "docs" / lang / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"{front}\n---\n\n{sentence}\n\n{body}", "utf-8")
    build = run_guidekit(["build", "--lang", "th,km"], cwd=project)
    assert build.returncode == 0, build.stderr
    return project / "site"


@pytest.mark.parametrize("lang", sorted(UNSPACED_PAGES))
def test_unspaced_scripts_find_single_words(browser, unspaced_site, lang):
    from browser import SiteServer
    root_lang = re.search(r'<html lang="([^"]+)"', (unspaced_site / "index.html").read_text("utf-8")).group(1)
    base = "/" if lang == root_lang else f"/{lang}/"
    index = unspaced_site / base.strip("/") / "search" / "search_index.json"
    assert "\\u200b" in index.read_text("utf-8"), "the index is segmented at build time"
    with SiteServer(unspaced_site) as server:
        context = browser.new_context()
        tab = context.new_page()
        failed = []
        for query, finds in UNSPACED_PAGES[lang][2]:
            found = results(tab, server.origin + base, query)
            if base + finds not in found[:TOP]:
                failed.append(f"{query!r} should find {base + finds}, got {found[:TOP]}")
        context.close()
    assert not failed, f"{lang}: " + "; ".join(failed)
