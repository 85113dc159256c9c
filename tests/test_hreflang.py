"""hreflang: search engines get each page's language versions from sitemap.xml (absolute URLs,
when the site's address is known), and no page head carries <link rel="alternate">: Material's
script treats every such link as a language root and fetches <href>/sitemap.xml for it."""
from __future__ import annotations

from html.parser import HTMLParser


class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.alternates: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and (a.get("rel") or "") == "alternate":
            self.alternates.append(a.get("href", ""))


def test_no_page_head_has_alternate_links_that_materials_script_would_fetch_a_sitemap_for(site):
    pages = sorted(site.rglob("index.html"))
    assert len(pages) > 300
    found = []
    for page in pages:
        parser = _Head()
        parser.feed(page.read_text("utf-8"))
        found += [f"{page.relative_to(site)}: {href}" for href in parser.alternates]
    assert not found, found[:5]
