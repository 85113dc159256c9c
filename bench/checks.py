"""Run time of the offline link check and of the browser test suite on the full site."""
from __future__ import annotations

import sys
import time
from pathlib import Path

from bench.common import ROOT, run, stats
from guidekit.checks.links import check_site
from guidekit.project import Project


def link_check(site: Path, runs: int) -> dict:
    project = Project.load(ROOT)
    times, report = [], None
    for _ in range(runs):
        report = check_site(project, site)
        times.append(report.seconds)
    return {"seconds": stats(times), "pages": report.pages, "links": report.links, "broken": len(report.broken)}


def browser_suite() -> dict:
    started = time.perf_counter()
    result = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_browser.py"], cwd=ROOT)
    seconds = time.perf_counter() - started
    summary = result.stdout.strip().splitlines()[-1]
    return {"seconds": seconds, "summary": summary}
