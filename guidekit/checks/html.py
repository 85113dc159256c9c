"""guidekit check --html: the Nu HTML Checker (vnu.jar from npm's vnu-jar, run with Java) over
every built page of every language, errors only."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from pathlib import Path

from guidekit.errors import GuidekitError

# Known theme markup that the checker flags, and why it is accepted:
IGNORED = [
    # Material for MkDocs puts autocomplete="off" on its checkbox toggles (drawer, search, and the
    # toc/nav toggles) so browsers do not restore their state on back navigation; harmless, and
    # the markup comes from the theme's templates, which we extend but do not copy.
    r"Attribute “autocomplete” is only allowed when the input type is",
    # On section index pages (feature navigation.indexes) Material renders the label of its
    # mobile table-of-contents toggle (for="__toc") but not the toggle itself. The label is then
    # inert; our own content has no forms, so this message can only come from that theme markup.
    r"The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
]


def vnu_jar(root: Path) -> Path:
    jar = root / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not jar.exists():
        raise GuidekitError("the Nu HTML Checker is not installed", file=jar,
                            hint="run `npm ci` (make test does) to install vnu-jar")
    return jar


def validate(site: Path, root: Path) -> tuple[int, list[dict], float]:
    java = shutil.which("java")
    if not java:
        raise GuidekitError("Java is needed for the Nu HTML Checker and was not found",
                            hint="install a Java runtime (Debian: apt-get install default-jre-headless)")
    pages = sorted(site.rglob("*.html"))
    started = time.perf_counter()
    # One short run of the JVM: the quick compiler alone (-XX:TieredStopAtLevel=1, which needs
    # a larger thread stack for the schema), a serial collector, and no language detection (it
    # only ever gives warnings, and --errors-only drops those): the same errors in half the time.
    result = subprocess.run([java, "-Xss4m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                             "-jar", str(vnu_jar(root)), "--errors-only", "--no-langdetect", "--format", "json",
                             "--skip-non-html", str(site)], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    try:
        messages = json.loads(result.stderr or result.stdout or "{}").get("messages", [])
    except json.JSONDecodeError:
        raise GuidekitError(f"the Nu HTML Checker failed: {(result.stderr or result.stdout)[:400]}") from None
    errors = [m for m in messages if m.get("type") == "error"
              and not any(re.search(p, m.get("message", "")) for p in IGNORED)]
    return len(pages), errors, seconds


def check_html(site: Path, root: Path | None = None, out=print) -> bool:
    from guidekit.project import Project
    root = root or Project.load().root
    count, errors, seconds = validate(site.resolve(), root)
    for e in errors:
        page = e.get("url", "").replace(f"file:{site.resolve()}", "")
        out(f"{page}:{e.get('lastLine', '?')}: {e.get('message')}")
    out(f"html: {count} pages validated in {seconds:.1f} s; {len(errors)} error(s)")
    return not errors
