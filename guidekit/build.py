"""guidekit build: every language in parallel processes, assembled into site/ and swapped in.

Each language is built by MkDocs into its own temporary folder. Only when all of them succeed is
the new site assembled (the root language at /, every other at /<lang>/) and put in place of
site/ with one atomic rename; when any fails, the error names the language and site/ is left
exactly as it was.

The build only ever replaces what a build made: the target folder must be new, empty, or carry
the marker file a build writes into every site (`.guidekit-site`). Its temporary folder
(`.site-build-*`, beside the target) holds a lock for as long as the build or one of its workers
lives, so a later build can tell a killed build's leftovers from a running build and remove them.
Workers die with their parent; SIGTERM, SIGINT and SIGHUP stop the build and remove its folder.
"""
from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import io
import json
import multiprocessing
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from guidekit.build_settings import BuildSettings
from guidekit.errors import BuildStopped, GuidekitError
from guidekit.headers import site_policy, write_headers_file, write_nginx_headers
from guidekit.offline import SHIM_IN_SITE, bundle_name, publish_bundles, zip_folder
from guidekit.profiles import Profile
from guidekit.project import Project


fcntl: ModuleType | None
try:
    import fcntl
except ImportError:  # Windows has no fcntl: no lock, so no clean-up of other builds' folders
    fcntl = None

SITE_MARKER = ".guidekit-site"  # written into every site this build makes
WORK_PREFIX = ".site-build-"
WORK_LOCK = ".guidekit-build.lock"  # inside a work folder; locked while its build lives
# Folders of the project that are sources, never a place for the site.
SOURCE_PARTS = ("docs", "locales", "overrides", "data", "profiles", "guidekit", "tests", ".git")
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name))


@dataclass
class LanguageResult:
    lang: str
    ok: bool
    seconds: float
    error: str = ""


def build_language(lang: str, out_dir: str, settings: BuildSettings, bundle: dict | None = None) -> LanguageResult:
    """Build one language with MkDocs (strict) into out_dir; with `bundle` ({"date": …}) as its
    offline bundle. Runs in a worker process."""
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
        project = settings.project
        # A language with no translated page yet is all fallback, but MkDocs needs its folder.
        project.docs_dir(lang).mkdir(parents=True, exist_ok=True)
        config = load_config(str(project.config_file(lang)), site_dir=out_dir, strict=True)
        config.extra["guidekit"] = settings  # read by the plugin (language_build.LanguageBuild)
        if bundle:
            # Material's offline plugin: file:// links (no directory URLs) and an inlined search
            # index. The search worker runs through our own shim, shipped in the bundle
            # (overrides/assets/javascripts/iframe-worker.js: no CDN, no inline script).
            config.plugins["material/offline"].config.enabled = True
            config.extra["polyfills"] = [SHIM_IN_SITE]
            config.extra["offline"] = bundle
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


# -- where the site goes ---------------------------------------------------------------------------
def check_site_dir(project: Project, site_dir: Path | str) -> Path:
    """The absolute path of the site folder, refused unless replacing it loses nothing: it must be
    new, empty, or hold a site a build made (its marker file), and be neither the project, one of
    its parents, nor inside one of its source folders. The project's own site/ is always its
    build output (older builds wrote no marker there)."""
    target = Path(os.path.abspath(site_dir))  # a relative --site-dir is relative to the current folder
    real = target.resolve()
    root = project.root.resolve()
    hint = "choose a new or empty folder, e.g. --site-dir site or --site-dir /srv/guide"
    if real == root or real in root.parents:
        raise GuidekitError("--site-dir is the project folder or one of its parents; the build "
                            "replaces the whole folder, so it refuses that", file=target, hint=hint)
    for part in SOURCE_PARTS:
        if real.is_relative_to(root / part):
            raise GuidekitError(f"--site-dir is inside the project's {part}/ folder", file=target, hint=hint)
    if real.exists():
        if not real.is_dir():
            raise GuidekitError("--site-dir is a file, not a folder", file=target, hint=hint)
        if real != root / "site" and not (real / SITE_MARKER).is_file() and any(real.iterdir()):
            raise GuidekitError(f"--site-dir is not empty and holds no site made by guidekit (no "
                                f"{SITE_MARKER} file in it), so the build will not replace it; "
                                "nothing was changed", file=target,
                                hint=hint + ", or empty this one yourself")
    elif not real.parent.is_dir():
        raise GuidekitError("the folder that would hold --site-dir does not exist", file=real.parent,
                            hint="create it first, or choose another --site-dir")
    return target


# -- the build's temporary folder ----------------------------------------------------------------
def make_work_folder(parent: Path) -> tuple[Path, int | None]:
    """A new .site-build-* folder in `parent` with its lock held (returns the folder and the lock's
    file descriptor). The lock file only gets its name once it is locked, so another build never
    takes a starting build's folder for a stale one."""
    try:
        work = Path(tempfile.mkdtemp(prefix=WORK_PREFIX, dir=parent))
    except OSError as e:
        raise GuidekitError(f"cannot create the build's temporary folder there: {e.strerror}", file=parent,
                            hint="the site's folder must be writable; fix its permissions or choose "
                                 "another --site-dir") from None
    if fcntl is None:
        return work, None
    pending = work / (WORK_LOCK + ".new")
    fd = os.open(pending, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    os.write(fd, json.dumps({"pid": os.getpid(), "started": dt.datetime.now().isoformat(timespec="seconds"),
                             "argv": sys.argv}).encode() + b"\n")
    os.replace(pending, work / WORK_LOCK)
    return work, fd


def remove_stale_work(parent: Path) -> list[Path]:
    """Remove the .site-build-* folders in `parent` that an earlier build left when it was killed:
    only those with a build's lock file, and only when no process holds that lock (the lock is
    released by the kernel when the build and all its workers are gone)."""
    if fcntl is None:
        return []
    removed = []
    for folder in sorted(parent.glob(WORK_PREFIX + "*")):
        lock = folder / WORK_LOCK
        if folder.is_symlink() or not folder.is_dir() or lock.is_symlink() or not lock.is_file():
            continue
        try:
            fd = os.open(lock, os.O_RDWR)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # a live build holds it
            os.close(fd)
            continue
        try:
            shutil.rmtree(folder, ignore_errors=True)
        finally:
            os.close(fd)
        if not folder.exists():
            removed.append(folder)
    return removed


# -- workers ---------------------------------------------------------------------------------------
def _die_with_parent() -> bool:
    """Ask Linux to kill this process when its parent dies (prctl PR_SET_PDEATHSIG)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        return libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent_pid: int) -> None:
    while True:
        if os.getppid() != parent_pid:
            os._exit(1)
        time.sleep(1)


def worker_init(parent_pid: int) -> None:
    """Runs first in every worker: it dies with the build, and leaves signals to the build."""
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_DFL)
    if hasattr(signal, "SIGINT"):
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the build stops its workers itself
    if not _die_with_parent():
        threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()
    if os.getppid() != parent_pid:  # the parent died before the line above took effect
        os._exit(1)


def _stop_pool(pool: ProcessPoolExecutor) -> None:
    """End the workers now instead of waiting for their builds to finish."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(Exception):
            process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


class SignalGuard:
    """While a build (or add-language) runs, SIGTERM, SIGINT and SIGHUP raise BuildStopped, so
    that its clean-up runs, except inside critical sections (making or removing the temporary
    folder, swapping the site in): there the signal waits until the section is done."""

    def __init__(self):
        self.depth, self.pending, self.previous = 0, None, {}
        self.swapped = False  # whether the new site is in place

    def _stop(self, signum):
        stopped = BuildStopped(signum)
        stopped.site_replaced = self.swapped
        return stopped

    def _handle(self, signum, frame):
        if self.depth:
            self.pending = signum
            return
        raise self._stop(signum)

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():
            for signum in STOP_SIGNALS:
                self.previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc):
        for signum, handler in self.previous.items():
            signal.signal(signum, handler)
        return False

    @contextlib.contextmanager
    def critical(self):
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1
        if not self.depth and self.pending is not None:
            signum, self.pending = self.pending, None
            raise self._stop(signum)


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
    lang, bundle = task[0], task[3]
    return (not lang.startswith("zh"), not bundle, lang)


def build_all(project: Project, *, langs: list[str] | None = None, profile: Profile | None = None,
              jobs: int | None = None, site_dir: Path | None = None, offline: bool = False,
              dist_dir: Path | None = None, log=print) -> dict[str, LanguageResult]:
    """Build `langs` (default: the profile's, else all) into site/; with offline=True also one ZIP
    per language into dist/ (and a copy under site/downloads/). Nothing is replaced unless every
    build succeeds."""
    if jobs is not None and (not isinstance(jobs, int) or jobs < 1):
        raise GuidekitError(f"--jobs must be a whole number of 1 or more, not {jobs}")
    settings = BuildSettings.decide(project, langs, profile)
    project, langs = settings.project, settings.languages
    site_dir = check_site_dir(project, site_dir or project.root / "site")
    dist_dir = Path(os.path.abspath(dist_dir or project.root / "dist"))
    date = dt.date.today().isoformat()
    bundles = {lang: bundle_name(lang, date) for lang in langs} if offline else {}
    settings = settings.with_bundles(bundles).with_translation_status()
    with SignalGuard() as guard:
        for folder in remove_stale_work(site_dir.parent):
            log(f"Removed {folder}, left by an earlier build that was stopped")
        work = lock = None
        try:
            with guard.critical():  # a signal now waits until the folder is made and known
                work, lock = make_work_folder(site_dir.parent)
            return _build_into(settings, jobs, site_dir, dist_dir, offline, date, work, guard, log)
        finally:
            with guard.critical():
                if work is not None:
                    shutil.rmtree(work, ignore_errors=True)
                if lock is not None:
                    os.close(lock)


def _build_into(settings, jobs, site_dir, dist_dir, offline, date, work, guard, log) -> dict[str, LanguageResult]:
    project, langs, bundles = settings.project, settings.languages, settings.offline_bundles
    tasks: list[tuple] = [(lang, str(work / lang), settings, None) for lang in langs]
    if offline:
        tasks += [(lang, str(work / "offline" / lang), settings, {"date": date}) for lang in langs]
    jobs = jobs or min(len(tasks), os.cpu_count() or 1)
    started = time.perf_counter()
    tasks.sort(key=_cost)
    if jobs == 1:
        results = [build_language(*t) for t in tasks]
    else:
        context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=worker_init,
                                   initargs=(os.getpid(),))
        try:
            # A signal while the pool starts its workers and its manager thread would interrupt
            # Thread.start(), and the pool could then not be shut down ("cannot join thread
            # before it is started"): it waits until the tasks are handed out.
            with guard.critical():
                pending = pool.map(build_language, *zip(*tasks))
            results = list(pending)
        except BrokenProcessPool:
            _stop_pool(pool)
            raise GuidekitError(f"a build process ended abruptly (killed, or out of memory); "
                                f"{site_dir.name}/ was left as it was",
                                hint="run the build again; with --jobs 1 if memory is short") from None
        except BaseException:
            _stop_pool(pool)
            raise
        pool.shutdown()
    failed = [r for r in results if not r.ok]
    if failed:
        text = "\n".join(f"[{r.lang}] build failed:\n  " + r.error.replace("\n", "\n  ") for r in failed)
        raise GuidekitError(f"{len(failed)} of {len(tasks)} builds failed; {site_dir.name}/ was left as it was.\n" + text)
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
    (assembled / SITE_MARKER).write_text(
        "Made by `guidekit build`. The next build replaces this whole folder.\n", "utf-8")
    with guard.critical():
        swap_in(assembled, site_dir)
        guard.swapped = True
    write_nginx_headers(site_dir, dist_dir, policy)
    if offline:
        publish_bundles(zips, dist_dir)
    total = time.perf_counter() - started
    log(f"Built {', '.join(langs)} into {site_dir} in {total:.1f} s "
        f"({project.default_language} at the root; {jobs} parallel process{'es' if jobs > 1 else ''})"
        + (f"; offline bundles in {dist_dir}" if offline else ""))
    return {r.lang + ("/offline" if t[3] else ""): r for t, r in zip(tasks, results)}
