"""guidekit build: every language in parallel processes, assembled into site/ and swapped in.

Each language is built by MkDocs into its own temporary folder. Only when all of them succeed is
the new site assembled (the root language at /, every other at /<lang>/) and put in place of
site/ with one atomic rename; when any fails, the error names the language and site/ is left
exactly as it was.
"""
from __future__ import annotations

import ctypes
import datetime as dt
import io
import multiprocessing
import logging
import os
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from guidekit.errors import GuidekitError
from guidekit.offline import (SHIM_IN_SITE, bundle_name, publish_bundles, site_policy,
                              write_headers_file, write_nginx_headers, zip_folder)
from guidekit.project import Project


@dataclass
class LanguageResult:
    lang: str
    ok: bool
    seconds: float
    error: str = ""


def build_language(root: str, lang: str, out_dir: str, overrides: dict) -> LanguageResult:
    """Build one language with MkDocs (strict) into out_dir. Runs in a worker process."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

    started = time.perf_counter()
    # Collect MkDocs' warnings so a failure can say why (strict mode turns them into an abort).
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    mk_log = logging.getLogger("mkdocs")
    mk_log.addHandler(handler)
    try:
        config_file = Path(root) / "locales" / lang / "mkdocs.yml"
        # A language with no translated page yet is all fallback, but MkDocs needs its folder.
        (Path(root) / "docs" / lang).mkdir(parents=True, exist_ok=True)
        config = load_config(str(config_file), site_dir=out_dir, strict=True)
        extra = config.extra.setdefault("guidekit", {})
        extra.update(overrides.get("guidekit", {}))
        if overrides.get("site_url"):
            config.site_url = overrides["site_url"]
        if overrides.get("offline"):
            # Material's offline plugin: file:// links (no directory URLs) and an inlined search
            # index. Its worker shim comes from npm and ships inside the bundle (see offline.py).
            config.plugins["material/offline"].config.enabled = True
            config.extra["polyfills"] = [SHIM_IN_SITE]
            config.extra["offline"] = overrides["offline"]
        build(config)
        return LanguageResult(lang, True, time.perf_counter() - started)
    except (Abort, ConfigurationError, MkDocsException, GuidekitError, OSError) as e:
        detail = stream.getvalue().strip()
        message = str(e).strip() or type(e).__name__
        return LanguageResult(lang, False, time.perf_counter() - started,
                              "\n".join(x for x in (detail, message) if x))
    except Exception as e:  # report, never crash the pool with an unexplained trace
        detail = stream.getvalue().strip()
        return LanguageResult(lang, False, time.perf_counter() - started,
                              "\n".join(x for x in (detail, f"{type(e).__name__}: {e}") if x))
    finally:
        mk_log.removeHandler(handler)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    AT_FDCWD, RENAME_EXCHANGE = -100, 2
    return renameat2(AT_FDCWD, bytes(a), AT_FDCWD, bytes(b), RENAME_EXCHANGE) == 0


def swap_in(new: Path, target: Path) -> None:
    """Put `new` in place of `target` so that readers see either the old or the new site."""
    if not target.exists():
        os.replace(new, target)
        return
    if _exchange(new, target):
        shutil.rmtree(new)  # `new` now holds the old site
        return
    old = target.with_name(f".{target.name}-old-{os.getpid()}")
    os.replace(target, old)
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)


def assemble(project: Project, built: dict[str, Path], dest: Path) -> None:
    """Move the language builds into one tree (renames within the work folder, no copying)."""
    root = project.default_language
    for lang in built:
        if lang != root and (built[root] / lang).exists():
            raise GuidekitError(f"the root language has a page or folder named '{lang}', which "
                                f"would clash with the {lang} language", file=project.docs_dir(root) / lang)
    os.replace(built[root], dest)
    for lang, folder in built.items():
        if lang != root:
            os.replace(folder, dest / lang)


def _cost(task: tuple) -> tuple:
    """Longest builds first, so two workers finish together: Chinese (jieba), then offline."""
    lang, overrides = task[1], task[3]
    return (not lang.startswith("zh"), not overrides.get("offline"), lang)


def build_all(project: Project, *, langs: list[str] | None = None, jobs: int | None = None,
              site_dir: Path | None = None, overrides: dict | None = None, offline: bool = False,
              dist_dir: Path | None = None, log=print) -> dict[str, LanguageResult]:
    """Build `langs` (default: all) into site/; with offline=True also one ZIP per language into
    dist/ (and a copy under site/downloads/). Nothing is replaced unless every build succeeds."""
    langs = project.check_languages(langs) if langs else project.languages
    if project.default_language not in langs:
        # A subset without the root language is still a site: its first language goes to the root.
        project.root_language_override = langs[0]
    overrides = dict(overrides or {})
    guidekit = overrides.setdefault("guidekit", {})
    guidekit["default_language"] = project.default_language
    guidekit["languages"] = langs
    site_dir = Path(site_dir or project.root / "site")
    dist_dir = Path(dist_dir or project.root / "dist")
    date = dt.date.today().isoformat()
    bundles = {lang: bundle_name(lang, date) for lang in langs} if offline else {}
    if offline:
        guidekit["offline_bundles"] = bundles
    work = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    try:
        tasks = [(str(project.root), lang, str(work / lang), overrides) for lang in langs]
        if offline:
            offline_overrides = {**overrides, "offline": {"date": date}}
            tasks += [(str(project.root), lang, str(work / "offline" / lang), offline_overrides) for lang in langs]
        jobs = jobs or min(len(tasks), os.cpu_count() or 1)
        started = time.perf_counter()
        tasks.sort(key=_cost)
        if jobs == 1:
            results = [build_language(*t) for t in tasks]
        else:
            context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
            with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
                results = list(pool.map(build_language, *zip(*tasks)))
        failed = [r for r in results if not r.ok]
        if failed:
            text = "\n".join(f"[{r.lang}] build failed:\n  " + r.error.replace("\n", "\n  ") for r in failed)
            raise GuidekitError(f"{len(failed)} of {len(tasks)} builds failed; site/ was left as it was.\n" + text)
        assembled = work / "site"
        assemble(project, {lang: work / lang for lang in langs}, assembled)
        zips = {}
        if offline:
            for lang in langs:
                zips[lang] = zip_folder(work / "offline" / lang, work / "zips" / bundles[lang],
                                        top=bundles[lang][:-len(".zip")])
                (assembled / "downloads").mkdir(exist_ok=True)
                shutil.copy2(zips[lang], assembled / "downloads" / bundles[lang])
        policy = site_policy(assembled)
        write_headers_file(assembled, policy)
        swap_in(assembled, site_dir)
        write_nginx_headers(site_dir, dist_dir, policy)
        if offline:
            publish_bundles(zips, dist_dir)
        total = time.perf_counter() - started
        log(f"Built {', '.join(langs)} into {site_dir} in {total:.1f} s "
            f"({project.default_language} at the root; {jobs} parallel process{'es' if jobs > 1 else ''})"
            + (f"; offline bundles in {dist_dir}" if offline else ""))
        return {r.lang + ("/offline" if t[3].get("offline") else ""): r for t, r in zip(tasks, results)}
    finally:
        shutil.rmtree(work, ignore_errors=True)
