"""The browser harness: the system Chromium (Debian's package) driven by Playwright, and the built
site served on 127.0.0.1. Playwright's own browser download is never used."""
from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path
from urllib.parse import urlsplit


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-default-apps", "--disable-quic"]


def chromium_path() -> str | None:
    from system import find
    return os.environ.get("GUIDEKIT_CHROMIUM") or find("chromium", "chromium-browser")


def require_chromium() -> str:
    from system import require
    return require(chromium_path(), "chromium", "The browser tests (or set GUIDEKIT_CHROMIUM to a Chromium binary)")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def end_headers(self):
        # Pages are never cached, as before (a no-store page also stays out of the back/forward
        # cache, which the history tests rely on); the theme's CSS, scripts and images are, so
        # that a tab visiting page after page does not fetch and compile them again each time.
        # Each browser context starts with an empty cache.
        path = urlsplit(self.path).path
        last = path.rsplit("/", 1)[-1]
        page = not last or last.endswith(".html") or "." not in last
        self.send_header("Cache-Control", "no-store" if page else "max-age=3600")
        super().end_headers()


class SiteServer:
    """Serves a folder on 127.0.0.1 on a free port, in a thread."""

    def __init__(self, folder: Path):
        handler = functools.partial(QuietHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
