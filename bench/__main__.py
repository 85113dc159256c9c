"""make bench: measure, write bench/results.json and bench/RESULTS.md, check the budgets."""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from bench import builds, checks, lighthouse, weight
from bench.common import ROOT, guidekit, machine

from guidekit.project import Project

# Lighthouse: the home and police pages in the root language and English; page weight: also the
# home page of every other language (issue 15: the first view budget holds in every language).
LIGHTHOUSE_PAGES = {"ko": ["", "report/police/"], "en": ["", "report/police/"]}
LANGUAGES = Project.load(ROOT).all_languages
PAGES = {**{lang: [""] for lang in LANGUAGES}, **LIGHTHOUSE_PAGES}

BUDGETS = [
    # (name, how to read the figure, limit, "max" or "min")
    *[(f"home page first view, gzip KB ({lang})",
       (lambda l: lambda r: r["weight"]["guidekit"][f"{l}:home"]["gzip_bytes_total"] / 1024)(lang), 100, "max")
      for lang in LANGUAGES],
    ("home page first view, requests (ko)", lambda r: r["weight"]["guidekit"]["ko:home"]["requests"], 15, "max"),
    ("home page first view, requests (en)", lambda r: r["weight"]["guidekit"]["en:home"]["requests"], 15, "max"),
    ("requests to other hosts (all measured pages)",
     lambda r: sum(len(v["other_hosts"]) for v in r["weight"]["guidekit"].values()), 0, "max"),
    *[(f"Lighthouse {cat} ({page})", (lambda c, p: lambda r: r["lighthouse"][p][c]["median"])(cat, page), limit, "min")
      for page in ("ko:home", "en:home", "ko:report/police/", "en:report/police/")
      for cat, limit in (("performance", 95), ("accessibility", 100), ("best-practices", 100), ("seo", 100))],
    ("full parallel build of every language, s", lambda r: r["build"]["guidekit_parallel_s"]["median"], 15, "max"),
    ("build time per page, all languages vs five", lambda r: r["languages"]["per_page_ratio"], 1.25, "max"),
    ("parallel speed-up over sequential", lambda r: r["build"]["parallel_speedup"], 1.6, "min"),
    ("project build cost vs stock Material", lambda r: r["build"]["project_cost_ratio"], 1.3, "max"),
    ("offline link check, s", lambda r: r["checks"]["link_check"]["seconds"]["median"], 2, "max"),
    ("browser sweep, s per page (2 workers)", lambda r: r["checks"]["tests"]["sweep"]["seconds_per_page"], 0.4, "max"),
    ("whole test suite (pytest -n 2), s", lambda r: r["checks"]["tests"]["whole"]["seconds"], 300, "max"),
]


def fmt(s: dict, unit: str = "s", scale: float = 1.0, digits: int = 2) -> str:
    return f"{s['median'] * scale:.{digits}f} {unit} (min {s['min'] * scale:.{digits}f}, max {s['max'] * scale:.{digits}f}, n={s['runs']})"


def report_md(r: dict, verdicts: list[tuple]) -> str:
    m, b = r["machine"], r["build"]
    out = ["# Benchmarks", "",
           f"Measured {m['date']} on {m['cpu']} ({m['cores']} cores, {m['memory']}), Python {m['python']}, "
           f"{m['platform']}. Each figure is the median of several runs, with min and max. The machine "
           "is shared: compare ratios measured in the same run rather than absolute times.", "",
           "## Budgets", "", "| budget | limit | measured | |", "|---|---|---|---|"]
    for name, value, limit, kind, ok in verdicts:
        out.append(f"| {name} | {'≤' if kind == 'max' else '≥'} {limit} | {value:.2f} | {'ok' if ok else '**over**'} |")
    out += ["", "## Build time", "",
            f"{b['pages']} HTML pages in {b['languages']} languages.", "",
            "| build | time |", "|---|---|",
            f"| guidekit, all languages, sequential (1 process) | {fmt(b['guidekit_sequential_s'])} |",
            f"| guidekit, all languages, parallel | {fmt(b['guidekit_parallel_s'])} |",
            f"| plain MkDocs + stock Material, same pages, sequential | {fmt(b['stock_material_sequential_s'])} |",
            "", f"Parallel speed-up: {b['parallel_speedup']:.2f}×. Cost of guidekit's own build steps "
            f"(sequential guidekit ÷ sequential stock): {b['project_cost_ratio']:.2f}×.", "",
            "## Scaling (English, synthetic copies of every page)", "",
            "| content | pages | build time | per page | each page beyond 1× |", "|---|---|---|---|---|"]
    for factor, s in r["scaling"].items():
        marginal = f"{s['marginal_ms_per_page']:.1f} ms" if "marginal_ms_per_page" in s else "–"
        out.append(f"| {factor} | {s['pages']} | {fmt(s['seconds'])} | {s['ms_per_page']:.1f} ms | {marginal} |")
    out += ["", "## First view: requests and gzip-compressed bytes", "",
            "| site | page | requests | HTML | CSS | JS | search index | other | total | other hosts |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    for site in ("guidekit", "stock_material"):
        for page, w in r["weight"][site].items():
            k = w["gzip_bytes_by_type"]
            cells = [f"{k.get(t, 0) / 1024:.1f} KB" for t in ("html", "css", "js", "search index", "other")]
            out.append(f"| {site.replace('_', ' ')} | {page} | {w['requests']} | {' | '.join(cells)} | "
                       f"{w['gzip_bytes_total'] / 1024:.1f} KB | {len(w['other_hosts'])} "
                       f"{'(' + ', '.join(sorted({h.split('/')[2] for h in w['other_hosts']})) + ')' if w['other_hosts'] else ''} |")
    out += ["", "## Lighthouse (mobile profile, median of runs)", "",
            "| page | performance | accessibility | best practices | SEO |", "|---|---|---|---|---|"]
    for page, l in r["lighthouse"].items():
        out.append(f"| {page} | " + " | ".join(f"{l[c]['median']:.0f} ({l[c]['min']:.0f}–{l[c]['max']:.0f})"
                                               for c in ("performance", "accessibility", "best-practices", "seo")) + " |")
    c = r["checks"]
    out += ["", "## Checks", "",
            f"- Offline link check: {fmt(c['link_check']['seconds'])} for {c['link_check']['links']} links in "
            f"{c['link_check']['pages']} pages.",
            f"- Every-page browser sweep (privacy, console, axe, quick exit): {c['tests']['sweep']['seconds']:.0f} s for "
            f"{c['tests']['sweep']['pages']} pages, {c['tests']['sweep']['seconds_per_page']:.2f} s a page with 2 workers.",
            f"- The whole test suite as `make test` runs it (pytest -n 2): {c['tests']['whole']['seconds']:.0f} s "
            f"({c['tests']['whole']['summary']}).", "",
            "Earlier measurements of the test suite, file by file: [TEST-SUITE.md](TEST-SUITE.md).", ""]
    return "\n".join(out)


def tests_only() -> int:
    """`python -m bench --tests`: the two test budgets alone (about one run of the suite)."""
    guidekit("build")
    tests = checks.test_suite()
    path = ROOT / "bench" / "results.json"
    results = json.loads(path.read_text("utf-8")) if path.exists() else {}
    results.setdefault("checks", {})["tests"] = tests
    results["tests_machine"] = machine()
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False), "utf-8")
    over = []
    for name, read, limit, kind in BUDGETS[-2:]:
        value = read({"checks": {"tests": tests}})
        ok = value <= limit if kind == "max" else value >= limit
        print(f"{name}: {value:.2f} (limit {limit}) {'ok' if ok else 'OVER'}")
        if not ok:
            over.append(name)
    print(f"sweep: {tests['sweep']['summary']}; whole suite: {tests['whole']['summary']}")
    return 1 if over else 0


def main() -> int:
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs per build timing (median of them)")
    parser.add_argument("--lighthouse-runs", type=int, default=3)
    parser.add_argument("--tests", action="store_true",
                        help="only the test-suite figures (the sweep's cost per page and the whole suite), "
                             "printed and stored in results.json; RESULTS.md is left as it is")
    args = parser.parse_args()
    if args.tests:
        return tests_only()

    results: dict = {"machine": machine()}
    print("build times …", flush=True)
    results["build"] = builds.build_times(args.runs)
    print("scaling …", flush=True)
    results["scaling"] = builds.scaling(max(3, args.runs // 2))
    print("languages: five vs all …", flush=True)
    results["languages"] = builds.language_scaling(max(3, args.runs // 2))
    site = ROOT / "site"
    guidekit("build")
    stock = {lang: Path(cfg).parent / "site" for lang, cfg in results["build"].pop("stock_configs").items()}
    print("page weight …", flush=True)
    results["weight"] = weight.page_weights(site, stock, PAGES)
    print("lighthouse …", flush=True)
    results["lighthouse"] = lighthouse.lighthouse(site, LIGHTHOUSE_PAGES, args.lighthouse_runs)
    print("checks …", flush=True)
    results["checks"] = {"link_check": checks.link_check(site, args.runs)}
    print("tests …", flush=True)
    results["checks"]["tests"] = checks.test_suite()
    shutil.rmtree(results["build"].pop("work"), ignore_errors=True)

    verdicts, over = [], []
    for name, read, limit, kind in BUDGETS:
        value = read(results)
        ok = value <= limit if kind == "max" else value >= limit
        verdicts.append((name, value, limit, kind, ok))
        if not ok:
            over.append(f"{name}: {value:.2f} ({'limit' if kind == 'max' else 'minimum'} {limit})")
    results["budgets"] = [{"name": n, "value": v, "limit": l, "kind": k, "ok": ok} for n, v, l, k, ok in verdicts]
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False), "utf-8")
    (ROOT / "bench" / "RESULTS.md").write_text(report_md(results, verdicts), "utf-8")
    print((ROOT / "bench" / "RESULTS.md").read_text("utf-8"))
    if over:
        print("Over budget:\n  " + "\n  ".join(over), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
