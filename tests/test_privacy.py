"""Privacy in the built HTML, on every page: no referrer, a strict CSP, nothing from another host."""
from __future__ import annotations

import re

from conftest import html_files

EXTERNAL_REF = re.compile(r'<(?:script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)="(?:https?:)?//', re.I)


def test_every_page_declares_referrer_policy_and_csp(site):
    for page in html_files(site):
        text = page.read_text("utf-8")
        assert '<meta name="referrer" content="no-referrer">' in text, page
        csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text)
        assert csp, page
        policy = csp.group(1)
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy, page
        for directive in ("script-src 'self'", "style-src 'self'", "font-src 'self'",
                          "img-src 'self' data:", "connect-src 'self'", "default-src 'self'"):
            assert directive in policy, (page, directive)


def test_nothing_is_loaded_from_another_host(site):
    for page in html_files(site):
        text = page.read_text("utf-8")
        assert not EXTERNAL_REF.search(text), page
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, page


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
