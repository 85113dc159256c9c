"""Privacy in the built HTML and CSS, on every page: no referrer, a strict CSP, nothing from
another host. Pages are read with an HTML parser, so unquoted attributes, srcset, embed, object,
inline styles and stylesheets are all seen."""
from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import html_files

# Where a document makes the browser fetch something, and which attribute holds the address.
FETCHED = {"src": None, "srcset": None, "data": {"object"}, "poster": {"video"},
           "href": {"link", "image", "use"}, "xlink:href": {"image", "use"}, "background": None}
NOT_FETCHED_LINKS = {"alternate", "canonical"}  # rel values that only name a page
CSS_URL = re.compile(r"""url\(\s*(['"]?)(?P<url>[^'")]+)\1\s*\)|@import\s+(['"])(?P<imp>[^'"]+)\3""", re.I)

# The policy every page must carry, written out here rather than read from the code it tests.
EXPECTED_POLICY = {
    "default-src": {"'self'"}, "script-src": {"'self'"}, "style-src": {"'self'"},
    "img-src": {"'self'", "data:"}, "font-src": {"'self'"}, "connect-src": {"'self'"},
    "worker-src": {"'self'"}, "object-src": {"'none'"}, "base-uri": {"'self'"}, "form-action": {"'self'"},
}


def is_remote(url: str) -> bool:
    url = url.strip()
    return bool(re.match(r"(?i)^(?:[a-z][a-z0-9+.-]*:)?//", url)) or \
        (bool(re.match(r"(?i)^[a-z][a-z0-9+.-]*:", url)) and not re.match(r"(?i)^(data|blob|about):", url))


class Page(HTMLParser):
    """What a page fetches, its inline scripts, its meta tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fetched: list[str] = []
        self.inline_scripts: list[str] = []
        self.meta: dict[str, str] = {}
        self._script: list[str] | None = None
        self._style: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = [(k, v or "") for k, v in attrs]
        values = dict(attrs)
        for name, value in attrs:
            tags = FETCHED.get(name, ())
            if tags is None or tag in (tags or ()):
                if tag == "link" and set(values.get("rel", "").split()) & NOT_FETCHED_LINKS:
                    continue
                urls = [part.split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]
                self.fetched += [f"<{tag} {name}> {u}" for u in urls]
            if name == "style":
                self.fetched += [f"<{tag} style> {u}" for u in css_urls(value)]
        if tag == "meta":
            key = values.get("http-equiv") or values.get("name")
            if key:
                self.meta[key.lower()] = values.get("content", "")
        if tag == "script" and "src" not in values and \
                values.get("type", "text/javascript").lower() in ("text/javascript", "module", "application/javascript"):
            self._script = []
        if tag == "style":
            self._style = []

    def handle_data(self, data):
        for buffer in (self._script, self._style):
            if buffer is not None:
                buffer.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.inline_scripts.append("".join(self._script))
            self._script = None
        if tag == "style" and self._style is not None:
            self.fetched += [f"<style> {u}" for u in css_urls("".join(self._style))]
            self._style = None


def css_urls(css: str) -> list[str]:
    return [m.group("url") or m.group("imp") for m in CSS_URL.finditer(css)]


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text("utf-8"))
    page.close()
    return page


def parse_policy(text: str) -> dict[str, set[str]]:
    directives = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        name, *sources = part.split()
        assert name not in directives, f"{name} given twice"
        directives[name] = set(sources)
    return directives


def sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


@pytest.fixture(scope="module")
def pages(site):
    return [(path, parse(path)) for path in html_files(site)]


def test_every_page_declares_referrer_policy_and_a_strict_csp(pages):
    for path, page in pages:
        assert page.meta.get("referrer") == "no-referrer", path
        policy = parse_policy(page.meta.get("content-security-policy", ""))
        hashes = policy.get("script-src", set()) - {"'self'"}
        assert set(policy) == set(EXPECTED_POLICY), (path, sorted(policy))
        for directive, sources in EXPECTED_POLICY.items():
            extra = hashes if directive == "script-src" else set()
            assert policy[directive] == sources | extra, (path, directive, sorted(policy[directive]))
        # script-src adds nothing but the hashes of this page's own inline scripts
        assert hashes <= {sha256(s) for s in page.inline_scripts}, (path, sorted(hashes))


def test_nothing_is_loaded_from_another_host(pages):
    assert sum(len(page.fetched) for _, page in pages) > 1000, "the scan sees what pages load"
    for path, page in pages:
        remote = [item for item in page.fetched if is_remote(item.split(" ", 2)[-1])]
        assert not remote, (path, remote)


def test_no_stylesheet_loads_from_another_host(site):
    sheets = sorted(site.rglob("*.css"))
    assert sheets
    for sheet in sheets:
        remote = [u for u in css_urls(sheet.read_text("utf-8", errors="replace")) if is_remote(u)]
        assert not remote, (sheet, remote)


@pytest.mark.parametrize("markup, found", [
    ('<img src=https://evil.example/x.png>', True),
    ('<img srcset="a.png 1x, https://evil.example/b.png 2x">', True),
    ('<embed src="//evil.example/x">', True),
    ('<object data="https://evil.example/x"></object>', True),
    ('<div style="background:url(https://evil.example/x)"></div>', True),
    ('<style>@import "https://evil.example/x.css";</style>', True),
    ('<link rel="preconnect" href="https://fonts.gstatic.com">', True),
    ('<a href="https://example.org/">a link is not a load</a>', False),
    ('<link rel="alternate" hreflang="ko" href="https://guide.example/">', False),
    ('<img src="assets/x.png"><img src="data:image/png;base64,AAAA">', False),
])
def test_the_scan_sees_every_way_to_load(markup, found, tmp_path):
    page = tmp_path / "index.html"
    page.write_text(f"<!doctype html><html><body>{markup}</body></html>", "utf-8")
    assert any(is_remote(item.split(" ", 2)[-1]) for item in parse(page).fetched) is found


def test_external_links_send_no_referrer(site):
    checked = 0
    for page in html_files(site):
        for tag in re.findall(r'<a\s[^>]*href="https?://[^"]*"[^>]*>', page.read_text("utf-8")):
            rel = re.search(r'rel="([^"]*)"', tag)
            assert rel and {"noopener", "noreferrer"} <= set(rel.group(1).split()), (page, tag)
            checked += 1
    assert checked > 100


def test_theme_features_that_call_out_stay_off(root):
    config = (root / "mkdocs.yml").read_text("utf-8")
    assert not re.search(r"(?m)^\s*repo_url:", config)
    assert "font: false" in config
    assert "social" not in config and "analytics" not in config
