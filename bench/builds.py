"""Build time: guidekit (sequential and parallel) against plain MkDocs + stock Material on the same
pages, and how the build grows with synthetic content (1×, 4×, 16× the pages)."""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import yaml

from bench.common import copy_project, guidekit, run, timed, workdir
from guidekit.project import Project
from guidekit.theme_strings import material_languages

MARKDOWN = ["attr_list", "md_in_html", "admonition", "def_list", "tables", {"toc": {"permalink": False}}]


def stock_sites(project_dir: Path, out: Path) -> dict[str, Path]:
    """Per language, the pages that language's guidekit build renders (its own, plus the source
    language's where it has none), as a plain MkDocs project with stock Material: default fonts,
    no overrides, no guidekit plugin, navigation from the files."""
    project = Project.load(project_dir)
    configs = {}
    for lang in project.all_languages:
        docs = out / lang / "docs"
        shutil.copytree(project.docs_dir(project.source_language), docs)
        shutil.copytree(project.docs_dir(lang), docs, dirs_exist_ok=True)
        # Stock Material has no strings for some languages (ne, km): there it is built in English.
        theme_lang = lang if lang in material_languages() else "en"
        config = {"site_name": f"Stock Material ({lang})", "docs_dir": "docs", "site_dir": "site",
                  "theme": {"name": "material", "language": theme_lang}, "plugins": ["search"],
                  "markdown_extensions": MARKDOWN}
        path = out / lang / "mkdocs.yml"
        path.write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
        configs[lang] = path
    return configs


def build_stock(configs: dict[str, Path]) -> None:
    for config in configs.values():
        run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], cwd=config.parent)


def build_times(runs: int) -> dict:
    work = workdir()
    project = copy_project(work / "project")
    site = work / "site"
    guidekit("build", "--site-dir", str(site), cwd=project)  # warm caches (catalogs, jieba)
    sequential = timed(lambda: guidekit("build", "--jobs", "1", "--site-dir", str(site), cwd=project), runs)
    parallel = timed(lambda: guidekit("build", "--site-dir", str(site), cwd=project), runs)
    configs = stock_sites(project, work / "stock")
    build_stock(configs)  # warm
    stock = timed(lambda: build_stock(configs), runs)
    pages = len(list(site.rglob("*.html")))
    return {"pages": pages, "languages": len(configs),
            "guidekit_sequential_s": sequential, "guidekit_parallel_s": parallel,
            "stock_material_sequential_s": stock,
            "parallel_speedup": sequential["median"] / parallel["median"],
            "project_cost_ratio": sequential["median"] / stock["median"],
            "stock_configs": {lang: str(p) for lang, p in configs.items()}, "work": str(work)}


def scaling(runs: int, factors=(1, 4, 16)) -> dict:
    """Synthetic content in a temporary copy: every English page repeated N times (never committed)."""
    results = {}
    for factor in factors:
        work = workdir()
        project = copy_project(work / "project")
        docs = project / "docs" / "en"
        originals = sorted(p for p in docs.rglob("*.md"))
        for copy in range(1, factor):
            for page in originals:
                target = docs / f"synthetic-{copy}" / page.relative_to(docs)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(page.read_text("utf-8"), "utf-8")
        config = project / "mkdocs.yml"
        # The copies are outside the nav and their links to generated pages point nowhere: let
        # MkDocs note that quietly instead of failing the strict build. Every page is still built.
        text = config.read_text("utf-8")
        text = re.sub(r"(?ms)^validation:.*?(?=^strict:)", "validation:\n  omitted_files: info\n"
                      "  unrecognized_links: info\n  anchors: info\n  links:\n    not_found: info\n"
                      "    anchors: info\n  nav:\n    omitted_files: info\n\n", text)
        config.write_text(text, "utf-8")
        site = work / "site"
        guidekit("build", "--lang", "en", "--site-dir", str(site), cwd=project)
        timing = timed(lambda: guidekit("build", "--lang", "en", "--site-dir", str(site), cwd=project), runs)
        pages = len(list(site.rglob("index.html")))
        results[f"{factor}x"] = {"pages": pages, "seconds": timing,
                                 "ms_per_page": 1000 * timing["median"] / pages}
        shutil.rmtree(work, ignore_errors=True)
    # the cost of one more page, free of the fixed start-up cost: should stay flat as content grows
    base = results[f"{factors[0]}x"]
    for factor in factors[1:]:
        r = results[f"{factor}x"]
        r["marginal_ms_per_page"] = 1000 * (r["seconds"]["median"] - base["seconds"]["median"]) / (r["pages"] - base["pages"])
    return results


def language_scaling(runs: int, first: tuple[str, ...] = ("ko", "en", "ja", "zh", "vi")) -> dict:
    """The full build with the five first languages and with all of them: time per page should
    stay flat as languages are added (issue 15, item 7)."""
    work = workdir()
    project = copy_project(work / "project")
    site = work / "site"
    out = {}
    for name, langs in (("five", ",".join(first)), ("all", None)):
        args = ["build", "--site-dir", str(site)] + (["--lang", langs] if langs else [])
        guidekit(*args, cwd=project)  # warm
        timing = timed(lambda: guidekit(*args, cwd=project), runs)
        pages = len(list(site.rglob("*.html")))
        out[name] = {"pages": pages, "seconds": timing, "ms_per_page": 1000 * timing["median"] / pages}
    out["per_page_ratio"] = out["all"]["ms_per_page"] / out["five"]["ms_per_page"]
    shutil.rmtree(work, ignore_errors=True)
    return out
