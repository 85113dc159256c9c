"""Run time of the offline link check and of the test suite on the full site."""
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


def test_suite() -> dict:
    """The tests as `make test` runs them (two workers), and the every-page sweep alone: its cost
    per page is the wall time over the pages swept."""
    def pytest(*args):
        started = time.perf_counter()
        result = run([sys.executable, "-m", "pytest", "-q", "-n", "2", "-p", "no:cacheprovider", *args], cwd=ROOT)
        return time.perf_counter() - started, result.stdout.strip().splitlines()[-1]

    sweep_s, sweep_summary = pytest("tests/test_browser.py", "-k", "test_page_is_private_quiet_and_accessible")
    swept = int(sweep_summary.split(" passed")[0].split()[-1]) if " passed" in sweep_summary else 0
    whole_s, whole_summary = pytest()
    return {"whole": {"seconds": whole_s, "summary": whole_summary},
            "sweep": {"seconds": sweep_s, "summary": sweep_summary, "pages": swept,
                      "seconds_per_page": sweep_s / swept if swept else float("inf")}}
