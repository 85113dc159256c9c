"""Pages and their front matter.

A content page has title, description, last_reviewed (ISO date) and sources ([{title, url}]).
A translated page also has translation: {source_hash, reviewed}; it may leave out
last_reviewed and sources, which then come from its source page (one place for each fact).
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from guidekit.errors import GuidekitError
from guidekit.positions import YamlDoc

# libyaml's parser when PyYAML has it: front matter is read for every page of every language.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# A UTF-8 byte-order mark (some Windows editors write one) may come before the front matter.
BOM = "\ufeff"
FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
REQUIRED = ("title", "description", "last_reviewed", "sources")


@dataclass
class Page:
    path: Path
    meta: dict
    body: str
    body_line: int  # line number of the body's first line in the file
    front: str = ""  # the front matter's YAML text (it starts on line 2)

    @property
    def translation(self) -> dict | None:
        return self.meta.get("translation")

    def line(self, key: str) -> int | None:
        """The file line of a front matter key, from the YAML parser's marks (None when this page
        does not have the key: a translation inherits sources and last_reviewed)."""
        return YamlDoc(self.path, self.front, first_line=2).line((key,)) if key in self.meta else None


def split_front_matter(text: str, path: Path) -> tuple[dict, str, int, str]:
    m = FRONT.match(text)
    if not m:
        if text.lstrip(BOM).startswith("---"):
            raise GuidekitError("front matter is not closed", file=path, line=1,
                                hint="end the front matter with a line of three dashes: ---")
        return {}, text.lstrip(BOM), 1, ""
    try:
        meta = yaml.load(m.group(1) or "", Loader=SafeLoader) or {}
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark
        raise GuidekitError(f"malformed front matter: {e.problem}", file=path,
                            line=mark.line + 2 if mark else 1,
                            hint="fix the YAML on that line; quote text that contains a colon") from None
    if not isinstance(meta, dict):
        raise GuidekitError("front matter must be a mapping of keys to values", file=path, line=2,
                            hint="write one 'key: value' per line")
    return meta, text[m.end():], text[:m.end()].count("\n") + 1, m.group(1) or ""


def read(path: Path) -> Page:
    path = Path(path)
    stat = path.stat()
    return _read(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4096)
def _read(path: Path, mtime_ns: int, size: int) -> Page:
    """Cached by path, modification time and size, so an edited file is read again."""
    text = path.read_text(encoding="utf-8")
    meta, body, line, front = split_front_matter(text, path)
    return Page(path, meta, body, line, front)


def source_hash(path: Path) -> str:
    """Identifies a source page's content: sha256 of the file with line endings normalised (and
    without a byte-order mark, which an editor may add or drop)."""
    data = path.read_bytes().removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n")
    return "sha256:" + hashlib.sha256(data).hexdigest()[:16]


def effective_meta(page: Page, source: Page | None) -> dict:
    """Front matter of a page with last_reviewed and sources inherited from its source page."""
    meta = dict(page.meta)
    if source is not None and source is not page:
        for key in ("last_reviewed", "sources"):
            meta.setdefault(key, source.meta.get(key))
    return meta


def validate(page: Page, meta: dict, *, translated: bool) -> None:
    """Raise a GuidekitError for the first problem in a content page's front matter."""
    path = page.path
    missing = [k for k in REQUIRED if not meta.get(k)]
    if missing:
        raise GuidekitError(f"front matter lacks {', '.join(missing)}", file=path, line=1,
                            hint="every content page needs title, description, last_reviewed "
                                 "(YYYY-MM-DD) and sources (a list of title and https url)")
    reviewed = meta["last_reviewed"]
    if isinstance(reviewed, str):
        try:
            reviewed = dt.date.fromisoformat(reviewed)
        except ValueError:
            reviewed = None
    if not isinstance(reviewed, dt.date):
        raise GuidekitError("last_reviewed must be a date written YYYY-MM-DD", file=path,
                            line=page.line("last_reviewed"))
    sources = meta["sources"]
    if not isinstance(sources, list) or not all(
            isinstance(s, dict) and s.get("title") and re.match(r"https?://\S+$", str(s.get("url", "")))
            for s in sources):
        raise GuidekitError("sources must be a list of entries with a title and a url",
                            file=path, line=page.line("sources"),
                            hint="write each as '- title: …' with 'url: https://…' under it")
    if not any(str(s["url"]).startswith("https://") for s in sources):
        raise GuidekitError("at least one source needs an https url", file=path,
                            line=page.line("sources"),
                            hint="add the https address of an official page or a news report")
    record = meta.get("translation")
    if translated and record is not None:
        if not isinstance(record, dict) or not str(record.get("source_hash", "")).startswith("sha256:") \
                or not isinstance(record.get("reviewed"), bool):
            raise GuidekitError("translation must be {source_hash: sha256:…, reviewed: true|false}",
                                file=path, line=page.line("translation"),
                                hint="run `guidekit status --mark-current " + str(path) + "` to record it")
