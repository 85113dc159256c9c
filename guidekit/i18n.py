"""Interface strings through Babel: catalogs, compiling, language names and dates.

Catalogs live in locales/<lang>/LC_MESSAGES/messages.po (the template is locales/messages.pot).
The build compiles a language's .po into .cache/guidekit/i18n/locales/<lang>/LC_MESSAGES/
messages.mo; that folder is added to the theme's folders, which is where MkDocs looks for the
translations of `{% trans %}` blocks. The Python side loads the very same .mo.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations

from guidekit.errors import GuidekitError
from guidekit.project import Project, read_yaml


def babel_locale(project: Project, lang: str) -> Locale:
    """The Babel locale of a language: theme.locale in its mkdocs.yml, else its code."""
    return _babel_locale(project.config_file(lang), lang)


@lru_cache(maxsize=None)
def _babel_locale(config_file: Path, lang: str) -> Locale:
    conf = read_yaml(config_file, what="language configuration") or {}
    code = ((conf.get("theme") or {}).get("locale") if isinstance(conf, dict) else None) or lang
    try:
        return Locale.parse(code, sep="_")
    except (ValueError, UnknownLocaleError):
        raise GuidekitError(f"'{code}' is not a locale Babel knows", file=config_file,
                            hint="set theme.locale to a code such as ko, ja, zh_Hans or vi") from None


@lru_cache(maxsize=None)
def language_name(code: str) -> str:
    """A language named in its own script (한국어, 日本語, Tiếng Việt), from Babel's locale data.

    The language's name alone, not the locale's display name: Babel reads tl as fil_PH, whose
    display name is "Filipino (Pilipinas)"; a language switcher says "Filipino"."""
    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return code
    name = locale.get_language_name(locale) or code
    return name[:1].upper() + name[1:]


def long_date(value: dt.date | str, locale: Locale | str) -> str:
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return format_date(value, format="long", locale=locale)


PO_LINE = re.compile(r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+)?"(?:[^"\\]|\\.)*"[ \t]*$')


def lint_po(po: Path, text: str) -> None:
    """Babel forgives some broken lines (an unclosed quote is read as text); translators get told."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not PO_LINE.match(stripped):
            raise GuidekitError(f"malformed catalog: cannot read {stripped[:60]!r}", file=po, line=number,
                                hint='each line is msgid "…", msgstr "…" or a continuation "…", with '
                                     'straight double quotes at both ends (write \\" for a quote inside)')


def read_catalog(po: Path) -> Catalog:
    """Parse a .po file strictly: a malformed one is an error naming the file and line."""
    try:
        lint_po(po, po.read_text(encoding="utf-8"))
        with po.open("rb") as f:
            return read_po(f, abort_invalid=True)
    except PoFileError as e:
        raise GuidekitError(f"malformed catalog: {e}", file=po, line=e.lineno + 1,
                            hint="fix that line (each entry is msgid \"…\" then msgstr \"…\", "
                                 "with straight double quotes)") from None
    except FileNotFoundError:
        raise GuidekitError("catalog not found", file=po,
                            hint="create it with `guidekit catalogs update`") from None


NAMED_PLACEHOLDER = re.compile(r"%\((?P<name>[^)]*)\)")


class _AnyValue(dict):
    """A mapping that has every key, for trying a format string the way the code uses it."""

    def __missing__(self, key):
        return 0


def placeholder_names(text: str) -> set[str]:
    return {m.group("name") for m in NAMED_PLACEHOLDER.finditer(text)}


def format_error(text: str) -> str | None:
    """Why `text % {...}` would fail at build time (a malformed placeholder), or None."""
    try:
        text % _AnyValue()
    except (ValueError, TypeError) as e:
        at = re.search(r"at index (\d+)", str(e))
        end = int(at.group(1)) + 1 if at else len(text)
        start = text.rfind("%", 0, end)
        return f"'{text[start:end]}' is not a placeholder" if start >= 0 else str(e)
    return None


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)

    def handle_endtag(self, tag):
        self.tags.add(tag)


def markup_tags(text: str) -> set[str]:
    parser = _Tags()
    parser.feed(text)
    parser.close()
    return parser.tags


def message_problems(message) -> list[str]:
    """What is wrong with one translated entry: placeholders of the msgid it lacks, placeholders
    the msgid does not have, a malformed placeholder, or HTML markup the msgid does not have."""
    if not message.id or message.fuzzy or not message.string:
        return []
    ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
    strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
    names = set().union(*(placeholder_names(i) for i in ids))
    formatted = "python-format" in message.flags or bool(names)
    tags = set().union(*(markup_tags(i) for i in ids))
    problems = []
    for text in strings:
        if not text:
            continue
        if formatted:
            broken = format_error(text)
            if broken:
                problems.append(f"malformed placeholder in the translation ({broken}); write placeholders "
                                "exactly as in the msgid, e.g. %(date)s")
                continue
            have = placeholder_names(text)
            for name in sorted(names - have) if len(ids) == 1 else []:
                problems.append(f"the translation lacks the placeholder %({name})s; put it where the value "
                                "belongs in your sentence")
            for name in sorted(have - names):
                problems.append(f"the translation has %({name})s, which the msgid does not have; use only "
                                + (", ".join(f"%({n})s" for n in sorted(names)) or "no placeholder"))
        added = markup_tags(text) - tags
        if added:
            problems.append(f"the translation contains HTML markup (<{'>, <'.join(sorted(added))}>) that the "
                            "msgid does not have; interface strings are plain text")
    return problems


def msgstr_line(po: Path, lineno: int | None) -> int | None:
    """The line of the msgstr of the entry whose msgid is on line `lineno`."""
    if not lineno:
        return None
    lines = po.read_text(encoding="utf-8").splitlines()
    for number in range(lineno, min(len(lines), lineno + 40) + 1):
        if lines[number - 1].startswith("msgstr"):
            return number
    return lineno


def check_catalog(po: Path, catalog: Catalog) -> None:
    """Every placeholder such as %(date)s of a msgid is in its msgstr, spelt the same and well
    formed, and a msgstr adds no markup: the first problem is an error with file, line and msgid."""
    for message in catalog:
        problems = message_problems(message)
        if problems:
            msgid = message.id[0] if isinstance(message.id, (tuple, list)) else message.id
            raise GuidekitError(f"msgid {msgid!r}: {problems[0]}", file=po,
                                line=msgstr_line(po, message.lineno),
                                hint="keep every %(name)s placeholder of the msgid, spelt the same, "
                                     "in the msgstr, and write plain text")


def compiled_dir(project: Project) -> Path:
    """A folder with only locales/<lang>/LC_MESSAGES/messages.mo in it, usable as a theme dir."""
    return project.cache_dir / "i18n"


def compile_catalog(project: Project, lang: str) -> Path:
    """Compile one language's catalog (when it changed) and return the .mo path."""
    po = project.catalog(lang)
    mo = compiled_dir(project) / "locales" / lang / "LC_MESSAGES" / "messages.mo"
    # MkDocs looks for the catalog under the Babel locale's own name, which is not always the
    # language code: Babel reads tl as fil_PH. The same file goes there too.
    alias = str(babel_locale(project, lang))
    alias_mo = None if alias == lang else compiled_dir(project) / "locales" / alias / "LC_MESSAGES" / "messages.mo"
    if mo.exists() and mo.stat().st_mtime_ns >= po.stat().st_mtime_ns and (
            alias_mo is None or alias_mo.exists()):
        return mo
    catalog = read_catalog(po)
    check_catalog(po, catalog)
    mo.parent.mkdir(parents=True, exist_ok=True)
    # Written to a temporary file and renamed, so parallel builds never read half a file.
    fd, tmp = tempfile.mkstemp(dir=mo.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as f:
        write_mo(f, catalog, use_fuzzy=False)
    if alias_mo is not None:
        alias_mo.parent.mkdir(parents=True, exist_ok=True)
        fd, alias_tmp = tempfile.mkstemp(dir=alias_mo.parent, suffix=".tmp")
        os.close(fd)
        shutil.copyfile(tmp, alias_tmp)
        os.replace(alias_tmp, alias_mo)
    os.replace(tmp, mo)
    return mo


def translations(project: Project, lang: str) -> Translations | NullTranslations:
    compile_catalog(project, lang)
    return Translations.load(str(compiled_dir(project) / "locales"), [lang])


def catalog_completeness(po: Path, *, unused_from: str | None = None) -> dict:
    """Counts for the status table: untranslated and fuzzy entries count as missing. Entries used
    only in the template `unused_from` (a path as in the `#:` lines) are left out: the theme's
    strings, for a language whose strings Material ships (guidekit/theme_strings.py)."""
    catalog = read_catalog(po)
    entries = [m for m in catalog if m.id and not (
        unused_from and m.locations and all(path == unused_from for path, _ in m.locations))]
    missing = [m for m in entries if not m.string or m.fuzzy or
               (isinstance(m.string, tuple) and not all(m.string))]
    return {"total": len(entries), "translated": len(entries) - len(missing), "missing": len(missing),
            # where each untranslated message is, for `guidekit status --untranslated`
            "untranslated": [{"line": msgstr_line(po, m.lineno), "msgid": m.id if isinstance(m.id, str) else m.id[0]}
                             for m in missing]}


def extract_nav_titles(fileobj, keywords, comment_tags, options):
    """Babel extractor for mkdocs.yml: nav section titles are msgids (pages carry their own)."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    root = yaml.compose(fileobj.read().decode("utf-8"), Loader=Loader)
    if root is None:
        return
    for key, value in root.value:
        if key.value == "nav":
            yield from _nav_titles(value)


def _nav_titles(node):
    import yaml

    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _nav_titles(item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(value, yaml.SequenceNode):  # a section, not "Title: page.md"
                yield key.start_mark.line + 1, "gettext", key.value, ["Navigation section title"]
            yield from _nav_titles(value)


def prepare_template_env(env, project: Project):
    """The theme's Jinja environment: compiled templates kept between builds (and shared by the
    language builds), and {% trans %} strings escaped like any other text. Our templates run under
    {% autoescape true %}, where Jinja marks gettext's result safe; elsewhere it is inserted as is.
    Either way a catalog string is escaped exactly once."""
    import html

    from jinja2 import FileSystemBytecodeCache
    folder = project.cache_dir / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    gettext, ngettext = env.globals.get("gettext"), env.globals.get("ngettext")
    if gettext is not None and not getattr(gettext, "guidekit_escaped", False):
        def escaped_gettext(message):
            return html.escape(gettext(message))

        def escaped_ngettext(singular, plural, n):
            return html.escape(ngettext(singular, plural, n))
        escaped_gettext.guidekit_escaped = escaped_ngettext.guidekit_escaped = True  # type: ignore[attr-defined]
        env.globals.update(gettext=escaped_gettext, ngettext=escaped_ngettext)
    return env


def translate_nav(nav, gettext):
    """Section titles of the navigation are msgids (pages carry their own titles)."""
    from mkdocs.structure.nav import Section

    def walk(items):
        for item in items:
            if isinstance(item, Section):
                item.title = gettext(item.title)
                walk(item.children)
    walk(nav.items)
    return nav
