"""Shared fixtures: the project, the built site, and throw-away copies of the project."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# What a copy of the project needs in order to build (no site/, .venv/ or node_modules/).
PROJECT_PARTS = ("mkdocs.yml", "babel.cfg", "docs", "locales", "overrides", "data", "profiles", "guidekit")


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


# What the built site depends on: a change to any of these makes site/ out of date.
SOURCES = ("mkdocs.yml", "docs", "locales", "overrides", "data", "guidekit")
SITE = ROOT / "site"


def site_is_current(root: Path = ROOT) -> bool:
    """root/site holds every language, built after the last change to any source."""
    from guidekit.project import Project
    project = Project.load(root)
    site = root / "site"
    homes = [site / project.url_prefix(lang).strip("/") / "index.html" for lang in project.all_languages]
    if not all(home.exists() for home in homes):
        return False
    built = min(home.stat().st_mtime for home in homes)
    newest = max((f.stat().st_mtime for part in SOURCES for f in _files(root / part)), default=0)
    return newest <= built


def _files(path: Path):
    if path.is_file():
        yield path
    elif path.is_dir():
        yield path
        for f in path.rglob("*"):
            if "__pycache__" in f.parts:
                continue
            # A folder counts too: deleting, adding or renaming a page changes its folder's time
            # (a moved file keeps its own). LC_MESSAGES holds the .mo files the build compiles.
            if f.is_dir() and f.name != "LC_MESSAGES" or f.is_file() and f.suffix not in (".mo", ".pyc"):
                yield f


def pytest_configure(config):
    """Every run tests the current sources: build site/ once, before collection, when it is missing
    or older than the sources (under xdist only the controller builds; the workers collect after)."""
    if hasattr(config, "workerinput") or config.option.collectonly:
        return
    if not site_is_current():
        run_guidekit(["build"], cwd=ROOT, check=True)


def built_pages() -> list[str]:
    """The URL path of every page of the built site, in a stable order."""
    paths = []
    for page in sorted(SITE.rglob("*.html")):
        rel = page.relative_to(SITE).as_posix()
        paths.append("/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    return paths


@pytest.fixture(scope="session")
def site(root) -> Path:
    """The built site (built before collection by pytest_configure)."""
    assert (SITE / "index.html").exists(), "site/ was not built"
    return SITE


def run_guidekit(args, cwd, check=False, env=None):
    result = subprocess.run([sys.executable, "-m", "guidekit", *args], cwd=cwd, capture_output=True,
                            text=True, env={**os.environ, **(env or {})})
    if check and result.returncode != 0:
        raise AssertionError(f"guidekit {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


# The rendered PDFs (emergency cards, worksheets), kept under the hash of everything each depends
# on: a copy that builds the same document finds it there instead of rendering it again (the
# main build of the test session has made them). Files there are only ever added (written
# aside, then renamed in), never changed, so the copy may share them through hard links.
CARD_CACHE = Path(".cache", "guidekit", "cards")


def _link_or_copy(src, dst):
    try:
        os.link(src, dst)
    except OSError:  # another file system
        shutil.copy2(src, dst)


def copy_project(dest: Path) -> Path:
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / part)
    if (ROOT / CARD_CACHE).is_dir():
        shutil.copytree(ROOT / CARD_CACHE, dest / CARD_CACHE, copy_function=_link_or_copy,
                        ignore=shutil.ignore_patterns("*.tmp"))
    return dest


def shared_build(tmp_path_factory, name: str, args: list[str]) -> Path:
    """A copy of the project built with `guidekit <args>`, made once per test run and shared by
    the test processes (xdist workers): the first to ask builds it while the other waits on the
    lock, then both read the same copy. Tests must only read it."""
    import fcntl
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, shared by the workers
    folder = base / f"shared-{name}"
    with open(base / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / ".built").exists():
            shutil.rmtree(folder, ignore_errors=True)
            (folder / "project").mkdir(parents=True)
            copy_project(folder / "project")
            run_guidekit(args, cwd=folder / "project", check=True)
            (folder / ".built").write_text(" ".join(args), "utf-8")
    return folder / "project"


@pytest.fixture(scope="session")
def profile_project(tmp_path_factory) -> Path:
    """The project built with the example hosting profile (its own logo, colours, channels,
    languages ko and en), shared by the layout and hosting tests."""
    return shared_build(tmp_path_factory, "profile", ["build", "--profile", "profiles/example-ngo.yml"])


@pytest.fixture(scope="session")
def offline_project(tmp_path_factory) -> Path:
    """The project built with offline bundles for ko and en (dist/guide-<lang>-<date>.zip), shared
    by the hosting and request-builder tests."""
    return shared_build(tmp_path_factory, "offline", ["build", "--offline", "--lang", "ko,en"])


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throw-away copy of the project, to change and build without touching the real one."""
    (tmp_path / "project").mkdir()
    return copy_project(tmp_path / "project")


def html_files(site: Path):
    return sorted(site.rglob("*.html"))


def language_of(site: Path, page: Path, languages: list[str], default: str) -> str:
    rel = page.relative_to(site).parts
    return rel[0] if rel and rel[0] in languages and rel[0] != default else default


@pytest.fixture(scope="session")
def server(site):
    """The built site served on 127.0.0.1, one server per test process, for every browser test."""
    from browser import SiteServer
    with SiteServer(site) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    """One Chromium (the system's) for every browser test in this process."""
    from browser import CHROMIUM_ARGS, require_chromium
    executable = require_chromium()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    """A fresh browser context for one test. The quick exit's destinations are answered locally
    (reader.neutral_destinations), so no test reaches a real site; a request to one of them is
    still a request (Playwright reports routed requests too), so a test that watches for requests
    to other hosts, as the request builder's do, still sees it."""
    from reader import neutral_destinations
    context = browser.new_context()
    neutral_destinations(context)
    yield context
    context.close()
