"""Lighthouse (npm, with the system Chromium via CHROME_PATH), mobile profile, median of runs."""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from browser import SiteServer, chromium_path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def run_lighthouse(url: str) -> dict:
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        flags = "--headless=new --no-sandbox --disable-gpu --disable-background-networking " \
                "--disable-component-update --no-first-run --disable-sync"
        result = subprocess.run(
            [str(binary), url, "--quiet", "--output=json", f"--output-path={out}",
             f"--chrome-flags={flags}", f"--only-categories={','.join(CATEGORIES)}"],
            capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chromium_path()}, timeout=300)
        if not out.exists():
            raise RuntimeError(f"lighthouse failed: {result.stderr[-1500:]}")
        report = json.loads(out.read_text())
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    failing = {c: [a for a in report["categories"][c]["auditRefs"]
                   if report["audits"][a["id"]].get("score") not in (None, 1) and a.get("weight", 0) > 0]
               for c in CATEGORIES}
    scores["failing_audits"] = {c: [a["id"] for a in v] for c, v in failing.items() if v}
    return scores


def lighthouse(site: Path, pages: dict[str, list[str]], runs: int) -> dict:
    results = {}
    with SiteServer(site) as server:
        for lang, paths in pages.items():
            prefix = "/" if lang == "ko" else f"/{lang}/"
            for path in paths:
                url = server.origin + prefix + path
                reports = [run_lighthouse(url) for _ in range(runs)]
                entry = {c: {"median": statistics.median(r[c] for r in reports),
                             "min": min(r[c] for r in reports), "max": max(r[c] for r in reports)}
                         for c in CATEGORIES}
                entry["failing_audits"] = reports[0]["failing_audits"]
                results[f"{lang}:{path or 'home'}"] = entry
    return results
