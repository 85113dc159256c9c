"""Privacy in the built HTML: a Content-Security-Policy and no referrer for external links.

The policy allows only the site itself for scripts, styles, fonts, images and connections. The
inline scripts the theme needs are allowed by their sha256 hash, computed from each finished
page, never by 'unsafe-inline'. The same policy is what the deployment recipes send as a header.
"""
from __future__ import annotations

import base64
import hashlib
import re

# Executable inline scripts: <script> without src and without a non-JavaScript type.
INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
EXTERNAL_LINK = re.compile(r"<a\s(?P<attrs>[^>]*\bhref=\"(?:https?:)?//[^\"]*\"[^>]*)>", re.I)
HEAD = re.compile(r"<head[^>]*>", re.I)

BASE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],  # the theme's icons are data: URIs inside its stylesheet
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],  # the search runs in a web worker from the site itself
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def script_hashes(html: str) -> list[str]:
    hashes = []
    for m in INLINE_SCRIPT.finditer(html):
        attrs = m.group("attrs") or ""
        if "src=" in attrs:
            continue
        kind = re.search(r"type=[\"']?([^\"'\s>]+)", attrs)
        if kind and kind.group(1).lower() not in ("text/javascript", "module", "application/javascript"):
            continue  # data blocks such as Material's __config JSON are not executed
        digest = hashlib.sha256(m.group("body").encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(set(hashes))


def policy(hashes: list[str] = ()) -> str:
    parts = []
    for directive, sources in BASE_POLICY.items():
        if directive == "script-src":
            sources = sources + list(hashes)
        parts.append(f"{directive} {' '.join(sources)}")
    return "; ".join(parts)


def add_noreferrer(html: str) -> str:
    """rel="noopener noreferrer" on every link to another host."""
    def fix(m: re.Match) -> str:
        attrs = m.group("attrs")
        rel = re.search(r'\brel="([^"]*)"', attrs)
        if rel:
            values = set(rel.group(1).split()) | {"noopener", "noreferrer"}
            attrs = attrs[:rel.start()] + f'rel="{" ".join(sorted(values))}"' + attrs[rel.end():]
        else:
            attrs += ' rel="noopener noreferrer"'
        return f"<a {attrs}>"
    return EXTERNAL_LINK.sub(fix, html)


def secure(html: str) -> str:
    """Add the referrer policy and the CSP (with this page's script hashes) as the first <head> tags."""
    html = add_noreferrer(html)
    meta = (f'<meta http-equiv="Content-Security-Policy" content="{policy(script_hashes(html))}">'
            '<meta name="referrer" content="no-referrer">')
    return HEAD.sub(lambda m: m.group(0) + meta, html, count=1)
