"""Page weight and requests on a first view, in Chromium on 127.0.0.1: requests, bytes
gzip-compressed by type, and any request to another host; the same for stock Material."""
from __future__ import annotations

import gzip
import sys
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from browser import CHROMIUM_ARGS, SiteServer, chromium_path  # noqa: E402


def kind(url: str, content_type: str) -> str:
    path = urlsplit(url).path
    if path.endswith("search_index.json") or path.endswith("search_index.js"):
        return "search index"
    if "text/html" in content_type:
        return "html"
    if "css" in content_type or path.endswith(".css"):
        return "css"
    if "javascript" in content_type or path.endswith(".js"):
        return "js"
    return "other"


def first_view(browser, origin: str, path: str) -> dict:
    """Load a page in a fresh context (empty cache), wait for the network to settle, and count."""
    context = browser.new_context()
    page = context.new_page()
    records, elsewhere = [], []

    def on_response(response):
        try:
            body = response.body()
        except Exception:
            body = b""
        records.append((response.url, response.headers.get("content-type", ""), len(gzip.compress(body, 6))))

    page.on("response", on_response)
    page.on("requestfailed", lambda r: elsewhere.append(r.url) if urlsplit(r.url).netloc != urlsplit(origin).netloc else None)
    page.on("request", lambda r: elsewhere.append(r.url)
            if urlsplit(r.url).scheme in ("http", "https") and urlsplit(r.url).netloc != urlsplit(origin).netloc else None)
    page.goto(origin + path, wait_until="networkidle")
    page.wait_for_timeout(500)
    context.close()
    by_kind: dict[str, int] = {}
    for url, content_type, size in records:
        if urlsplit(url).netloc != urlsplit(origin).netloc:
            continue
        by_kind[kind(url, content_type)] = by_kind.get(kind(url, content_type), 0) + size
    return {"requests": len([r for r in records]) + len(set(elsewhere) - {r[0] for r in records}),
            "gzip_bytes_by_type": by_kind, "gzip_bytes_total": sum(by_kind.values()),
            "other_hosts": sorted(set(elsewhere))}


def page_weights(site: Path, stock_sites: dict[str, Path], pages: dict[str, list[str]]) -> dict:
    from playwright.sync_api import sync_playwright
    results = {"guidekit": {}, "stock_material": {}}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        with SiteServer(site) as server:
            for lang, paths in pages.items():
                prefix = "/" if lang == "ko" else f"/{lang}/"
                for path in paths:
                    results["guidekit"][f"{lang}:{path or 'home'}"] = first_view(browser, server.origin, prefix + path)
        for lang, paths in pages.items():
            with SiteServer(stock_sites[lang]) as server:
                for path in paths:
                    results["stock_material"][f"{lang}:{path or 'home'}"] = first_view(browser, server.origin, "/" + path)
        browser.close()
    return results
