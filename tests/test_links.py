"""Links over the whole built site (offline), planted defects, and the external mode against a
local HTTP server."""
from __future__ import annotations

import http.server
import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from conftest import run_guidekit
from guidekit.checks.links import check_site
from guidekit.project import Project

ROOT = Path(__file__).resolve().parents[1]
PROJECT = Project.load(ROOT)


def test_built_site_has_no_broken_links(site):
    report = check_site(PROJECT, site)
    assert report.pages >= 5 * len(PROJECT.all_languages)
    assert report.links > 500
    assert report.ok, "\n".join(f"{r['page']} (from {r['source']}) → {r['target']}: {r['reason']}"
                                for r in report.broken)


def test_command_reports_counts(site):
    result = run_guidekit(["check", "--links"], cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "internal (offline) links in" in result.stdout and "0 broken" in result.stdout


PLANTED = {
    "missing page": ('<a href="../no-such-page/">x</a>', "/en/no-such-page"),
    "missing image": ('<img src="../assets/images/no-such.png" alt="">', "/en/assets/images/no-such.png"),
    "bad fragment on the same page": ('<a href="#no-such-anchor">x</a>', "#no-such-anchor"),
    "bad fragment on another page": ('<a href="../#no-such-heading">x</a>', "/en#no-such-heading"),
    "bad cross-language link": ('<a href="../../ja/no-such-translation/">x</a>', "/ja/no-such-translation"),
    "link in raw HTML": ('<div class="raw"><p><a href="../raw-only-target/">x</a></p></div>', "/en/raw-only-target"),
}


def linked_copy(site: Path, copy: Path) -> Path:
    """A copy of the site made of hard links (the check only reads it; a page to change is
    replaced with `plant`, never written through the link)."""
    shutil.copytree(site, copy, copy_function=os.link)
    return copy


def plant(page: Path, snippet: str) -> None:
    html = page.read_text("utf-8")
    page.unlink()  # the link to the real site's page
    page.write_text(html.replace("</article>", snippet + "\n</article>", 1), "utf-8")


@pytest.fixture(scope="module")
def defective_site(site, tmp_path_factory) -> Path:
    copy = linked_copy(site, tmp_path_factory.mktemp("defective") / "site")
    plant(copy / "en" / "directory" / "index.html", "\n".join(snippet for snippet, _ in PLANTED.values()))
    return copy


@pytest.fixture(scope="module")
def defective_report(defective_site):
    """One check of the copy with every defect planted, read by each test below."""
    return check_site(PROJECT, defective_site)


@pytest.mark.parametrize("defect", PLANTED)
def test_planted_defect_is_named(defective_report, defect):
    report = defective_report
    assert not report.ok
    expected = PLANTED[defect][1]
    rows = [r for r in report.broken if r["page"] == "/en/directory/index.html"]
    matching = [r for r in rows if r["target"].rstrip("/").endswith(expected.rstrip("/"))]
    assert matching, f"{defect} not reported; got {[r['target'] for r in rows]}"
    assert matching[0]["source"] == "generated page directory.md"


def test_all_planted_defects_and_nothing_else(defective_report):
    assert len(defective_report.broken) == len(PLANTED)


def test_report_names_the_markdown_source(site, tmp_path):
    copy = linked_copy(site, tmp_path / "site")
    plant(copy / "en" / "index.html", '<a href="nowhere/">x</a>')
    [row] = check_site(PROJECT, copy).broken
    assert row == {"page": "/en/index.html", "source": "docs/en/index.md", "target": "/en/nowhere",
                   "reason": row["reason"]}


# -- external mode ----------------------------------------------------------------------------------

class Answers(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def log_message(self, *args):
        pass

    def answer(self, head: bool):
        Answers.hits.append(f"{self.command} {self.path}")
        path = self.path
        if path.startswith("/ok") or (path.startswith("/no-head") and not head):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            if not head:
                self.wfile.write(b"<!doctype html><title>ok</title>")
        elif path.startswith("/no-head"):
            self.send_response(405)
            self.end_headers()
        elif path.startswith("/moved"):
            self.send_response(301)
            self.send_header("Location", "/ok/new-home")
            self.end_headers()
        elif path.startswith("/gone-404"):
            self.send_response(404)
            self.end_headers()
        elif path.startswith("/gone-410"):
            self.send_response(410)
            self.end_headers()
        elif path.startswith("/error"):
            self.send_response(500)
            self.end_headers()
        elif path.startswith("/hang"):
            time.sleep(6)
            self.send_response(200)
            self.end_headers()

    def do_GET(self):
        self.answer(False)

    def do_HEAD(self):
        self.answer(True)


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()


TARGETS = ["ok", "moved", "gone-404", "gone-410", "error", "no-head", "hang"]


@pytest.fixture
def external_site(tmp_path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    links = "\n".join(f'<a href="https://guide.test/{t}">{t}</a>' for t in TARGETS)
    links += '\n<a href="https://no-such-host.guidekit-test/page">dns</a>'
    (site / "index.html").write_text(f"<!doctype html><html><body>{links}</body></html>", "utf-8")
    return site


def test_external_links_are_classified(external_site, server, tmp_path):
    Answers.hits.clear()
    remap = ["--remap", f"https://guide.test/(.*) http://127.0.0.1:{server}/$1"]
    report = check_site(PROJECT, external_site, external=True, extra_args=remap, timeout=2, retries=0,
                        cache_dir=tmp_path / "cache")
    broken = {r["target"]: r["reason"] for r in report.broken}
    temporary = {r["target"]: r["reason"] for r in report.temporary}
    assert broken == {"https://guide.test/gone-404": "404", "https://guide.test/gone-410": "410",
                      "https://no-such-host.guidekit-test/page": "no such host (DNS)"}
    assert temporary == {"https://guide.test/error": "500", "https://guide.test/hang": "timeout"}
    [redirect] = report.redirected
    assert redirect["new"] == f"http://127.0.0.1:{server}/ok/new-home"
    # the server refuses HEAD on /no-head, yet it is fine: the check asks with GET
    assert "https://guide.test/no-head" not in broken and "https://guide.test/no-head" not in temporary
    assert "GET /no-head" in Answers.hits


def test_second_run_within_a_day_uses_the_cache(external_site, server, tmp_path):
    remap = ["--remap", f"https://guide.test/(.*) http://127.0.0.1:{server}/$1"]
    cache = tmp_path / "cache"
    Answers.hits.clear()
    check_site(PROJECT, external_site, external=True, extra_args=remap, timeout=2, retries=0, cache_dir=cache)
    first = [h for h in Answers.hits if "/ok" in h and "new-home" not in h]
    assert first, "the first run asked the server"
    Answers.hits.clear()
    check_site(PROJECT, external_site, external=True, extra_args=remap, timeout=2, retries=0, cache_dir=cache)
    assert not [h for h in Answers.hits if h.endswith(" /ok")], Answers.hits
