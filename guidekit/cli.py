"""The guidekit command line: build | serve | status | check | add-language | catalogs."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import re
import signal
import sys
from pathlib import Path

from guidekit.errors import BuildStopped, GuidekitError
from guidekit.project import Project


def _langs(value: str | None) -> list[str] | None:
    return [v.strip() for v in value.split(",") if v.strip()] if value else None


def cmd_build(args) -> int:
    from guidekit.build import build_all
    project = Project.load()
    profile = None
    if args.profile:
        from guidekit.profiles import Profile
        profile = Profile.load(Path(args.profile), project)
    build_all(project, langs=_langs(args.lang), profile=profile, jobs=args.jobs,
              site_dir=Path(args.site_dir) if args.site_dir else None, offline=args.offline)
    return 0


# -- serve (issue 17, item 9) ----------------------------------------------------------------------
class _ServeLog(logging.Handler):
    """What `guidekit serve` shows of MkDocs' log: where the preview is, each rebuild, and every
    warning and error in full (a failed rebuild names the file and line, as `guidekit build` does).
    Until the preview is served, warnings and errors are held back: if the first build fails, its
    error becomes the command's own error message."""

    SHOWN = ("Serving on ", "Building documentation", "Documentation built", "Detected file changes",
             "Reloading browsers", "Shutting down")

    def __init__(self):
        super().__init__()
        self.held: list[tuple[int, str]] | None = []

    def emit(self, record):
        message = re.sub(r"^\[\d\d:\d\d:\d\d\] ", "", record.getMessage())  # livereload's time stamp
        if record.levelno < logging.WARNING and not message.startswith(self.SHOWN):
            return
        if record.levelno >= logging.WARNING:
            if message.startswith("An error happened during the rebuild"):
                message = "The rebuild failed (see above); fix it and save: the preview reloads once it builds."
            if self.held is not None:
                self.held.append((record.levelno, message))
                return
            message = f"{record.levelname}: {message}"
        elif message.startswith("Serving on ") and self.held is not None:
            self.print_held()
        print(message, file=sys.stderr, flush=True)

    def print_held(self) -> None:
        """The first build succeeded: print what was held back."""
        held, self.held = self.held or [], None
        for level, message in held:
            print(f"{logging.getLevelName(level)}: {message}", file=sys.stderr, flush=True)

    def first_build_error(self) -> str:
        """The first build failed: print its warnings, return its last error."""
        held, self.held = self.held or [], None
        for level, message in held:
            if level < logging.ERROR:
                print(f"{logging.getLevelName(level)}: {message}", file=sys.stderr, flush=True)
        errors = [m for level, m in held if level >= logging.ERROR and not m.startswith("Error reading page")]
        return errors[-1] if errors else ""


def cmd_serve(args) -> int:
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import Abort, ConfigurationError
    project = Project.load()
    lang = project.check_languages([args.lang])[0]
    mk_log = logging.getLogger("mkdocs")
    handler = _ServeLog()
    mk_log.addHandler(handler)
    mk_log.setLevel(logging.INFO)
    mk_log.propagate = False

    def stop(signum, frame):  # SIGTERM as Ctrl-C: MkDocs then stops and removes its temporary site
        raise KeyboardInterrupt
    previous = signal.signal(signal.SIGTERM, stop)
    try:
        serve(str(project.config_file(lang)), dev_addr=args.dev_addr, livereload=True)
    except Abort:  # the first build failed: say where, as `guidekit build` does
        error = handler.first_build_error()
        raise GuidekitError(f"the preview of {lang} could not be built: {error}" if error else
                            f"the preview of {lang} could not be built",
                            hint=None if "What to do:" in error else
                            "fix what the message names, then run the command again") from None
    except ConfigurationError as e:
        raise GuidekitError(f"the preview of {lang} could not start: {e}", file=project.config_file(lang)) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
        mk_log.removeHandler(handler)
    return 0
# -- end of serve ---------------------------------------------------------------------------------


def cmd_status(args) -> int:
    from guidekit import status
    project = Project.load()
    if args.mark_current:
        for path in args.mark_current:
            new = status.mark_current(project, Path(path))
            print(f"{path}: source_hash set to {new}")
        return 0
    langs = project.check_languages(_langs(args.lang) or []) if args.lang else \
        [l for l in project.all_languages if l != project.source_language]
    statuses = status.report(project, langs)
    print(json.dumps(statuses, indent=2, ensure_ascii=False) if args.json else status.table(statuses))
    if args.untranslated and not args.json:
        for row in statuses:
            po = project.catalog(row["language"]).relative_to(project.root)
            for message in row["catalog"]["untranslated"]:
                print(f"{po}:{message['line']}: {message['msgid']}")
    fail_on = set(_langs(args.fail_on) or [])
    unknown = fail_on - set(status.STATES)
    if unknown:
        raise GuidekitError(f"--fail-on takes {', '.join(status.STATES)}; not {', '.join(sorted(unknown))}")
    problems = status.failures(statuses, fail_on)
    if problems:
        print(f"\n{len(problems)} page(s) are {' or '.join(sorted(fail_on))}:", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        return 1
    return 0


# -- check --pages PATH… (issue 17, item 8) ------------------------------------------------------
def _page_paths(project: Project, given: list[str]) -> list[Path]:
    """The paths given to `check --pages`: each must exist inside docs/<language>/."""
    paths = []
    for text in given:
        path = Path(text).resolve()
        if not path.exists():
            raise GuidekitError("no such file or folder", file=text, hint="give pages under docs/<language>/")
        try:
            lang = path.relative_to(project.root / "docs").parts[0]
        except (ValueError, IndexError):
            raise GuidekitError("not inside docs/<language>/; check --pages checks the guide's pages",
                                file=text, hint=f"give a page or folder under {project.root / 'docs'}/<language>/") from None
        if lang not in project.all_languages:
            raise GuidekitError(f"docs/{lang}/ is not a language of this project "
                                f"({', '.join(project.all_languages)})", file=text,
                                hint="add it with `guidekit add-language CODE` first")
        paths.append(path)
    return paths
# -- end of check --pages PATH… ---------------------------------------------------------------------


def cmd_check(args) -> int:
    project = Project.load()
    if not (args.links or args.html or args.freshness or args.translations or args.pages or args.sources
            or args.content):
        raise GuidekitError("say what to check: --pages, --content, --links, --html, --freshness, --sources "
                            "or --translations")
    failed = False
    profile = None
    if args.profile:
        from guidekit.profiles import Profile
        profile = Profile.load(Path(args.profile), project)
    if args.pages:
        from guidekit.checks.page_rules import check_pages
        failed |= not check_pages(project, _langs(args.lang), _page_paths(project, args.paths) or None)
    if args.content:
        from guidekit.checks.content import check_content
        failed |= not check_content(project, _langs(args.lang))
    if args.freshness:
        from guidekit.checks.freshness import check_freshness
        failed |= not check_freshness(project, args.max_age, today=dt.date.fromisoformat(args.today)
                                      if args.today else dt.date.today(), profile=profile)
    if args.sources:
        from guidekit.checks.freshness import load_registry
        from guidekit.checks.sources import check_sources
        failed |= not check_sources(load_registry(project, profile))
    if args.translations:
        from guidekit.checks.translations import check_translations
        failed |= not check_translations(project, _langs(args.lang))
    if args.links:
        from guidekit.checks.links import check_links
        site = Path(args.site_dir) if args.site_dir else project.root / "site"
        failed |= not check_links(project, site, external=args.external)
    if args.html:
        from guidekit.checks.html import check_html
        site = Path(args.site_dir) if args.site_dir else project.root / "site"
        failed |= not check_html(site)
    return 1 if failed else 0


def cmd_add_language(args) -> int:
    from guidekit.languages import add_language
    project = Project.load()
    for line in add_language(project, args.code, quick_exit=args.quick_exit, site_name=args.site_name):
        print(line)
    return 0


def cmd_catalogs(args) -> int:
    from guidekit import catalogs
    project = Project.load()
    if args.action == "extract":
        catalogs.extract(project)
    elif args.action == "update":
        for line in catalogs.update(project, _langs(args.lang)):
            print(line)
    elif args.action == "compile":
        catalogs.compile_all(project, _langs(args.lang))
    return 0


# -- exit status and one-line errors (issue 17, item 8) ----------------------------------------------
# 0: done; 1: a check or status found problems; 2: the command could not do what was asked (a usage
# error, input refused, a folder that cannot be written); 128+N: stopped by signal N.
EXIT_ERROR = 2


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of 1 or more, not {text!r}")
    return value


class _Parser(argparse.ArgumentParser):
    """Usage errors in one line (with where to read more), exit status 2."""

    def error(self, message):
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")
# -- end of exit status ---------------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="guidekit", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build every language into site/",
                       description="Build every language (in parallel processes) and swap the result "
                                   "into site/ only if all succeed.")
    b.add_argument("--lang", help="comma-separated subset, e.g. ko,en")
    b.add_argument("--profile", help="a hosting profile (profiles/<name>.yml) to apply")
    b.add_argument("--offline", action="store_true",
                   help="also write one ZIP per language to dist/ that works from file://")
    b.add_argument("--jobs", type=_positive, help="parallel processes (default: one per language, up to the cores)")
    b.add_argument("--site-dir", help="where to put the site (default: site/)")
    b.set_defaults(func=cmd_build)

    s = sub.add_parser("serve", help="preview one language with live reload",
                       description="Preview one language with live reload (mkdocs serve).")
    s.add_argument("--lang", default="ko")
    s.add_argument("--dev-addr", default="127.0.0.1:8000")
    s.set_defaults(func=cmd_serve)

    st = sub.add_parser("status", help="translation status of every page in every language",
                        description="For every language, every source page is current, outdated or "
                                    "missing, plus reviewed or not, and catalog completeness.")
    st.add_argument("--lang", help="comma-separated languages (default: every translation)")
    st.add_argument("--json", action="store_true", help="machine-readable output")
    st.add_argument("--untranslated", action="store_true",
                    help="also list each untranslated interface string with its line in the catalog")
    st.add_argument("--fail-on", help="exit 1 when a page is in one of these states, e.g. outdated,missing")
    st.add_argument("--mark-current", nargs="+", metavar="PATH",
                    help="record the current source hash in these translated pages (nothing else changes)")
    st.set_defaults(func=cmd_status)

    c = sub.add_parser("check", help="checks: links, HTML, freshness of data, translation parity",
                       description="Run one or more checks; exit 1 when any finds a problem.")
    c.add_argument("--pages", action="store_true",
                   help="front matter, channel placeholders and internal links of pages, without building")
    c.add_argument("--content", action="store_true",
                   help="the writing rules: no typed numbers or placeholder text, front matter, the help "
                        "finder (every page reachable, a number within three taps)")
    c.add_argument("paths", nargs="*", help="with --pages: only these Markdown files")
    c.add_argument("--links", action="store_true", help="every link and fragment in the built site (offline)")
    c.add_argument("--external", action="store_true", help="with --links: also check external URLs")
    c.add_argument("--html", action="store_true", help="validate every built page with the Nu HTML Checker")
    c.add_argument("--freshness", action="store_true", help="data entries verified longer ago than --max-age")
    c.add_argument("--max-age", type=int, default=365, help="days (default 365)")
    c.add_argument("--sources", action="store_true",
                   help="(network) each entry's source pages still show the numbers the guide displays")
    c.add_argument("--profile", help="with --freshness or --sources: also the channels of this hosting profile")
    c.add_argument("--today", help=argparse.SUPPRESS)
    c.add_argument("--translations", action="store_true",
                   help="translations keep their source's placeholders, heading ids and links")
    c.add_argument("--lang", help="with --pages, --content or --translations: comma-separated languages")
    c.add_argument("--site-dir", help="the built site to check (default: site/)")
    c.set_defaults(func=cmd_check)

    a = sub.add_parser("add-language", help="start a new language",
                       description="Create locales/CODE/mkdocs.yml, its catalog and docs/CODE/index.md.")
    a.add_argument("code", help="a language code Babel and Material both support, e.g. th or ar")
    a.add_argument("--quick-exit", help="https URL of a neutral site in that language")
    a.add_argument("--site-name", help="the guide's name in that language")
    a.set_defaults(func=cmd_add_language)

    cat = sub.add_parser("catalogs", help="interface-string catalogs (wraps pybabel)",
                         description="extract: templates and code → locales/messages.pot; update: the "
                                     "template into every .po (never dropping a translation); compile: "
                                     ".po → .mo (the build does this itself).")
    cat.add_argument("action", choices=["extract", "update", "compile"])
    cat.add_argument("--lang", help="comma-separated languages (default: all)")
    cat.set_defaults(func=cmd_catalogs)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except GuidekitError as e:
        print(f"guidekit: error: {e}", file=sys.stderr)
        return EXIT_ERROR
    except BuildStopped as e:
        site = "the new site was already in place" if e.site_replaced else "the site was left as it was"
        print(f"guidekit: stopped by {e}; {site}, and the build's temporary folder was removed", file=sys.stderr)
        return 128 + e.signum
    except KeyboardInterrupt:
        return 130
    except OSError as e:  # a file or folder the command could not read or write
        where = f"{e.filename}: " if e.filename else ""
        print(f"guidekit: error: {where}{e.strerror or e}", file=sys.stderr)
        return EXIT_ERROR
