"""Faults (issue 17, items 1, 8 and 9): the build never deletes what it did not make, cleans up
after killed builds, stops cleanly on SIGTERM, and every failure ends with a short error naming
the file (and line), exit status 2 and no traceback, leaving site/ and the target as they were.

One case per input in CASES (table-driven); the inputs that need a running process (kill,
SIGTERM, serve) and the ones that must succeed (relative --site-dir, BOM) have their own tests.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from conftest import run_guidekit

BOM = b"\xef\xbb\xbf"
BAD_CHANNEL = "\n[[channel:no-such-channel]]\n"


# -- helpers -----------------------------------------------------------------------------------------
def tree_state(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Every path under `folder` with the sha256 of its content (folders and links marked)."""
    state = {}
    if not folder.exists():
        return state
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if rel.split("/")[0] in skip:
            continue
        if path.is_symlink():
            state[rel] = "link:" + os.readlink(path)
        elif path.is_dir():
            state[rel] = "dir"
        else:
            state[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return state


def previous_site(project: Path) -> Path:
    """A stand-in for an earlier build's site/ (what must survive every failure)."""
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>previous build</title>", "utf-8")
    (site / ".guidekit-site").write_text("made by guidekit build\n", "utf-8")
    return site


def error_lines(stderr: str) -> list[str]:
    """guidekit's own error: from its first line ('guidekit…: error: …') to the end."""
    lines = stderr.rstrip().splitlines()
    start = next((i for i, line in enumerate(lines) if re.match(r"guidekit[\w -]*: error: ", line)), None)
    assert start is not None, f"no 'guidekit: error:' line in:\n{stderr}"
    return lines[start:]


def assert_clean_error(result, code: int = 2) -> str:
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    lines = error_lines(result.stderr)
    # One line of error, and at most the project's usual line of what to do.
    assert len(lines) == 1 or (len(lines) == 2 and lines[1].startswith("  What to do: ")), lines
    return "\n".join(lines)


def without_override(command: list[str]) -> list[str]:
    """As root, permission bits bind only a process without CAP_DAC_OVERRIDE: run it without."""
    if os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a read-only folder cannot be simulated")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", "--", *command]


def process_alive(pid: int) -> bool:
    """True while `pid` runs (a zombie, dead but not yet reaped, counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def children(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s*{pid}$", text, re.M):
            found.append(int(status.parent.name))
    return found


def wait_for(predicate: Callable[[], object], timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def append_bad_channel(project: Path) -> dict:
    page = project / "docs" / "en" / "index.md"
    page.write_text(page.read_text("utf-8") + BAD_CHANNEL, "utf-8")
    return {"line": len(page.read_text("utf-8").splitlines())}


# -- the table -------------------------------------------------------------------------------------
@dataclass
class Case:
    id: str
    args: list[str]
    names: list[str]  # regexes the error must match; {project} and {tmp} are filled in; the file first
    setup: Callable[[Path], dict | None] | None = None
    target: str | None = None  # a folder ({project}, {tmp}) that must be unchanged afterwards
    readonly: str | None = None  # a folder made read-only for the command
    extra: dict = field(default_factory=dict)


def mkdir_with(path: Path, name: str, content: str) -> None:
    path.mkdir(parents=True, exist_ok=True)
    (path / name).write_text(content, "utf-8")


CASES = [
    # Item 1: --site-dir
    Case("site-dir-foreign-folder", ["build", "--lang", "en", "--site-dir", "{tmp}/other"],
         [r"{tmp}/other: ", "not empty", "no site made by guidekit"],
         setup=lambda p: mkdir_with(p.parent / "other", "config.php", "<?php $db = 'secret';\n"),
         target="{tmp}/other"),
    Case("site-dir-foreign-folder-relative", ["build", "--lang", "en", "--site-dir", "../other"],
         [r"{tmp}/other: ", "not empty"],
         setup=lambda p: mkdir_with(p.parent / "other", "config.php", "<?php\n"), target="{tmp}/other"),
    Case("site-dir-project", ["build", "--lang", "en", "--site-dir", "."],
         [r"{project}: ", "project folder or one of its parents"], target="{project}"),
    Case("site-dir-project-absolute", ["build", "--lang", "en", "--site-dir", "{project}"],
         [r"{project}: ", "project folder or one of its parents"], target="{project}"),
    Case("site-dir-parent-of-project", ["build", "--lang", "en", "--site-dir", ".."],
         [r"{tmp}: ", "project folder or one of its parents"], target="{project}"),
    Case("site-dir-inside-docs", ["build", "--lang", "en", "--site-dir", "docs/en/out"],
         [r"{project}/docs/en/out: ", "inside the project's docs/ folder"], target="{project}/docs"),
    Case("site-dir-is-a-file", ["build", "--lang", "en", "--site-dir", "{tmp}/notes.txt"],
         [r"{tmp}/notes.txt: ", "is a file"],
         setup=lambda p: (p.parent / "notes.txt").write_text("keep me\n", "utf-8") and None, target="{tmp}"),
    Case("site-dir-parent-missing", ["build", "--lang", "en", "--site-dir", "{tmp}/no/such/site"],
         [r"{tmp}/no/such: ", "does not exist"], target="{tmp}"),
    # Item 8: faults
    Case("read-only-parent-folder", ["build", "--lang", "en", "--site-dir", "{tmp}/ro/site"],
         [r"{tmp}/ro: ", "cannot create the build's temporary folder", "Permission denied"],
         setup=lambda p: (p.parent / "ro").mkdir() and None, readonly="{tmp}/ro", target="{tmp}/ro"),
    Case("read-only-project-folder", ["build", "--lang", "en"],
         [r"{project}: ", "cannot create the build's temporary folder"], readonly="{project}",
         target="{project}"),
    Case("jobs-negative", ["build", "--lang", "en", "--jobs", "-1"], [r"--jobs", "1 or more", "'-1'"],
         target="{project}"),
    Case("jobs-zero", ["build", "--lang", "en", "--jobs", "0"], [r"--jobs", "1 or more"], target="{project}"),
    Case("jobs-not-a-number", ["build", "--lang", "en", "--jobs", "two"], [r"--jobs", "'two'"], target="{project}"),
    Case("check-pages-outside-docs", ["check", "--pages", "{tmp}/page.md"],
         [r"{tmp}/page.md: ", r"not inside docs/<language>/"],
         setup=lambda p: (p.parent / "page.md").write_text("# a page\n", "utf-8") and None, target="{project}"),
    Case("check-pages-project-file", ["check", "--pages", "mkdocs.yml"],
         [r"mkdocs.yml: ", r"not inside docs/<language>/"], target="{project}"),
    Case("check-pages-missing-file", ["check", "--pages", "docs/en/no-such-page.md"],
         [r"docs/en/no-such-page.md: ", "no such file"], target="{project}"),
    Case("check-pages-unknown-language-folder", ["check", "--pages", "docs/xx"],
         [r"docs/xx: ", "not a language of this project"],
         setup=lambda p: mkdir_with(p / "docs" / "xx", "index.md", "# x\n"), target="{project}"),
    Case("add-language-pt-BR", ["add-language", "pt-BR", "--quick-exit", "https://www.bbc.com/portuguese"],
         [r"'pt-BR'", "regional or script variant", "nothing was written", "add `pt`"], target="{project}"),
    Case("add-language-zh-Hant", ["add-language", "zh-Hant", "--quick-exit", "https://www.bbc.com/zhongwen/trad"],
         [r"'zh-Hant'", "variant", "'zh' is already a language"], target="{project}"),
    Case("add-language-upper-case", ["add-language", "TH", "--quick-exit", "https://www.bbc.com/thai"],
         [r"lower case: 'th'"], target="{project}"),
    Case("add-language-fails-half-way", ["add-language", "ms", "--quick-exit", "https://www.bbc.com/indonesia"],
         [r"{project}/locales/messages.pot: ", "No such file"],
         setup=lambda p: (p / "locales" / "messages.pot").unlink(), target="{project}"),
    # Item 9: serve whose first build fails names the file and line, as build does
    Case("serve-first-build-fails", ["serve", "--lang", "en", "--dev-addr", "127.0.0.1:{port}"],
         [r"docs/en/index.md:{line}: unknown channel id 'no-such-channel'", "could not be built"],
         setup=append_bad_channel, target="{project}/docs"),  # (its build writes .cache/, as builds do)
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fault_gives_clean_error_and_changes_nothing(project_copy, case):
    tmp = project_copy.parent
    values = {"project": str(project_copy), "tmp": str(tmp), "port": str(free_port())}
    previous_site(project_copy)
    if case.setup:
        values.update(case.setup(project_copy) or {})
    fill = lambda text: text.format(**values)  # noqa: E731
    target = Path(fill(case.target)) if case.target else None
    site_before = tree_state(project_copy / "site")
    target_before = tree_state(target) if target else None
    args = [fill(a) for a in case.args]
    if case.readonly:
        folder = Path(fill(case.readonly))
        folder.chmod(0o555)
        try:
            result = subprocess.run(without_override([sys.executable, "-m", "guidekit", *args]),
                                    cwd=project_copy, capture_output=True, text=True, timeout=300)
        finally:
            folder.chmod(0o755)
    else:
        result = run_guidekit(args, cwd=project_copy)
    message = assert_clean_error(result)
    escaped = {key: re.escape(str(value)) for key, value in values.items()}
    for pattern in case.names:
        assert re.search(pattern.format(**escaped), message), f"{pattern!r} not in:\n{result.stderr}"
    assert tree_state(project_copy / "site") == site_before, "site/ changed"
    if target:
        assert tree_state(target) == target_before, f"{target} changed"
    assert not list(tmp.glob("**/.site-build-*")), "a temporary build folder was left behind"


def test_table_has_one_case_per_input():
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))


# -- item 1: a relative --site-dir works, and a build replaces only its own site ------------------
def test_relative_site_dir_builds_and_leaves_nothing_behind(project_copy):
    (project_copy / "out").mkdir()  # an empty folder may be used
    first = run_guidekit(["build", "--lang", "en", "--site-dir", "out"], cwd=project_copy)
    assert first.returncode == 0, first.stderr
    assert "Traceback" not in first.stderr
    out = project_copy / "out"
    assert (out / "index.html").is_file() and (out / ".guidekit-site").is_file()
    assert not list(project_copy.glob("**/.site-build-*")), "temporary folder left behind"
    (out / "stale.html").write_text("from an older build", "utf-8")
    again = run_guidekit(["build", "--lang", "en", "--site-dir", "out"], cwd=project_copy)
    assert again.returncode == 0, again.stderr  # its own earlier site (the marker) is replaced
    assert not (out / "stale.html").exists() and (out / "index.html").is_file()
    assert not list(project_copy.glob("**/.site-build-*"))


def test_site_dir_rules(project_copy):
    from guidekit.build import SITE_MARKER, check_site_dir
    from guidekit.errors import GuidekitError
    from guidekit.project import Project
    project = Project.load(project_copy)
    legacy = project_copy / "site"
    mkdir_with(legacy, "index.html", "an older build, from before the marker")
    assert check_site_dir(project, legacy) == legacy  # the project's own site/ is build output
    ours = project_copy.parent / "ours"
    mkdir_with(ours, SITE_MARKER, "")
    (ours / "index.html").write_text("x", "utf-8")
    assert check_site_dir(project, ours) == ours
    assert check_site_dir(project, project_copy.parent / "new") == project_copy.parent / "new"
    for refused in (project_copy, project_copy.parent, Path("/"), project_copy / "locales" / "en" / "out",
                    project_copy / ".git" / "site"):
        with pytest.raises(GuidekitError):
            check_site_dir(project, refused)


# -- item 8: killed builds, SIGTERM, workers ------------------------------------------------------
def start_build(project: Path, log: Path) -> subprocess.Popen:
    """A two-worker build of one language, stopped as soon as its workers exist."""
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "guidekit", "build", "--lang", "en", "--jobs", "2"],
                                   cwd=project, stdout=out, stderr=subprocess.STDOUT)
    wait_for(lambda: list(project.glob(".site-build-*/.guidekit-build.lock")), 120, "the build's lock file")
    return process


def test_killed_build_is_cleaned_up_and_its_workers_exit(project_copy):
    site = previous_site(project_copy)
    before = tree_state(site)
    build = start_build(project_copy, project_copy.parent / "build.log")
    workers = wait_for(lambda: children(build.pid), 60, "worker processes")
    build.send_signal(signal.SIGKILL)
    build.wait(timeout=30)
    left = list(project_copy.glob(".site-build-*"))
    assert left, "the killed build left its temporary folder (what the next build must remove)"
    try:
        wait_for(lambda: not any(process_alive(w) for w in workers), 15, "the workers to exit")
    finally:
        for w in workers:  # never leave a process of this test behind
            if process_alive(w):
                os.kill(w, signal.SIGKILL)
    assert tree_state(site) == before, "site/ changed"
    following = run_guidekit(["build", "--lang", "en"], cwd=project_copy)
    assert following.returncode == 0, following.stderr
    assert re.search(rf"Removed \S*{re.escape(left[0].name)}, left by an earlier build", following.stdout)
    assert not list(project_copy.glob(".site-build-*"))


def test_sigterm_stops_the_build_and_removes_its_folder(project_copy):
    site = previous_site(project_copy)
    before = tree_state(site)
    log = project_copy.parent / "build.log"
    build = start_build(project_copy, log)
    workers = wait_for(lambda: children(build.pid), 60, "worker processes")
    build.send_signal(signal.SIGTERM)
    code = build.wait(timeout=60)
    try:
        wait_for(lambda: not any(process_alive(w) for w in workers), 15, "the workers to exit")
    finally:
        for w in workers:
            if process_alive(w):
                os.kill(w, signal.SIGKILL)
    output = log.read_text()
    assert code == 128 + signal.SIGTERM, output
    assert "Traceback" not in output, output
    assert "stopped by SIGTERM; the site was left as it was" in output
    assert not list(project_copy.glob(".site-build-*")), "the temporary folder was left behind"
    assert tree_state(site) == before, "site/ changed"


def test_stale_folder_clean_up_spares_running_builds_and_others(tmp_path):
    import fcntl  # noqa: F401  (Linux and macOS; the clean-up needs it)
    from guidekit.build import make_work_folder, remove_stale_work
    running, fd = make_work_folder(tmp_path)
    foreign = tmp_path / ".site-build-not-ours"
    mkdir_with(foreign, "index.html", "no lock file: not made by a build")
    assert remove_stale_work(tmp_path) == [] and running.is_dir() and foreign.is_dir()
    os.close(fd)  # as when the build's last process dies
    assert remove_stale_work(tmp_path) == [running]
    assert not running.exists() and foreign.is_dir()


# -- item 8: a byte-order mark is accepted --------------------------------------------------------
def test_byte_order_mark_in_pages_and_yaml_is_accepted(project_copy):
    for rel in ("docs/en/index.md", "data/channels.yml", "locales/en/mkdocs.yml", "mkdocs.yml"):
        path = project_copy / rel
        path.write_bytes(BOM + path.read_bytes())
    result = run_guidekit(["build", "--lang", "en"], cwd=project_copy)
    assert result.returncode == 0, result.stderr
    page = (project_copy / "site" / "index.html").read_text("utf-8")
    assert "<title>You are not alone" in page and "\ufeff" not in page
    check = run_guidekit(["check", "--pages", "docs/en/index.md"], cwd=project_copy)
    assert check.returncode == 0, check.stdout + check.stderr


def test_byte_order_mark_front_matter_unit(tmp_path):
    from guidekit import pages
    path = tmp_path / "page.md"
    path.write_bytes(BOM + b"---\r\ntitle: T\r\nsources: []\r\n---\r\n\r\nBody\r\n")
    page = pages.read(path)
    assert page.meta["title"] == "T" and page.body.strip() == "Body"
    assert page.line("title") == 2
    plain = tmp_path / "plain.md"
    plain.write_bytes(b"---\ntitle: T\nsources: []\n---\n\nBody\n")
    assert pages.source_hash(path) == pages.source_hash(plain)  # a BOM or CRLF is not a change


# -- item 8: add-language completes, or leaves nothing --------------------------------------------
def test_add_language_completes_and_builds(project_copy):
    result = run_guidekit(["add-language", "ms", "--quick-exit", "https://www.bbc.com/indonesia"], cwd=project_copy)
    assert result.returncode == 0, result.stderr
    for rel in ("locales/ms/mkdocs.yml", "locales/ms/LC_MESSAGES/messages.po", "docs/ms/index.md"):
        assert (project_copy / rel).is_file(), rel
    assert not list((project_copy / ".cache" / "guidekit").glob("add-language-*")), "scratch folder left"
    status = run_guidekit(["status", "--lang", "ms"], cwd=project_copy)
    assert status.returncode == 0, status.stderr
    # the copied home page is still English: missing until someone translates it (issue 15)
    assert re.search(r"^\s*index\.md\s+missing", status.stdout, re.M), status.stdout


# -- item 9: serve prints where the preview is, and the file and line of a failed rebuild ----------
def test_serve_prints_address_and_the_failing_file_and_line(project_copy, tmp_path):
    port = free_port()
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "-m", "guidekit", "serve", "--lang", "en",
                                   "--dev-addr", f"127.0.0.1:{port}"], cwd=project_copy, stdout=out,
                                  stderr=subprocess.STDOUT, env={**os.environ, "TMPDIR": str(scratch)})
    try:
        wait_for(lambda: f"Serving on http://127.0.0.1:{port}/" in log.read_text(), 180, "the preview address")
        line = append_bad_channel(project_copy)["line"]
        wait_for(lambda: "rebuild failed" in log.read_text(), 120, "the failed rebuild")
        output = log.read_text()
        expected = f"docs/en/index.md:{line}: unknown channel id 'no-such-channel'"
        assert expected in output, output
        assert "Traceback" not in output, output
        build = run_guidekit(["build", "--lang", "en"], cwd=project_copy)
        assert build.returncode == 2 and expected in build.stderr, "build and serve name the same place"
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    assert not list(scratch.iterdir()), "serve left its temporary site behind"
