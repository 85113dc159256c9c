"""No markup is built in Python (issue 19): the HTML of pages, cards, PDFs and generated pages is in
the Jinja templates of overrides/, where a designer finds it, and Python hands them data.

Every module of guidekit/ is parsed with `ast`; a string constant or f-string that writes an HTML
element (`<div …`, `</p>`, `<!doctype`) fails, unless it only reads HTML: a docstring, a pattern
given to `re`, or a string a text is searched for (`"<h1" in content`). What else may name tags is
in ALLOWED, by module and function, each with its reason.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "guidekit"

TAG = re.compile(r"<(?:!doctype\b|/?(?P<name>[a-zA-Z][a-zA-Z0-9]*)[\s>/])", re.IGNORECASE)
# HTML's element names (WHATWG), so that "docs/<language>/" or "+<country><number>" in a message
# is not taken for markup.
ELEMENTS = frozenset("""
    a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption
    cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input
    ins kbd label legend li link main map mark math menu meta meter nav noscript object ol optgroup
    option output p picture pre progress q rp rt ruby s samp script search section select slot
    small source span strong style sub summary sup svg table tbody td template textarea tfoot th
    thead time title tr track u ul var video wbr""".split())

# (module, function or class): why it may write tags.
ALLOWED = {
    ("checks/links.py", "data_links_file"):
        "the link checker's input: data/'s URLs as an HTML file lychee reads, in a temporary "
        "folder, never published",
    ("security.py", "_Scanner"):
        "the security check's HTML parser: its findings name the tag they found (<link rel=…>, "
        "<meta http-equiv>, <base>, <form action>, an inline <script>)",
    ("security.py", "add_noreferrer"):
        "rewrites each external <a> of the finished page with its own attributes and rel=noreferrer",
    ("security.py", "secure"):
        "the Content-Security-Policy and referrer <meta>: the policy holds the hashes of the "
        "finished page's scripts, known only after every template ran",
}


def markup_strings(source: str) -> list[tuple[str, int, str]]:
    """(function, line, text) of each string in `source` that writes an HTML element."""
    tree = ast.parse(source)
    reading: set[int] = set()  # ids of string nodes that only read HTML
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and body:
            first = body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                reading.add(id(first.value))  # a docstring
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re":
            reading.update(id(arg) for arg in node.args)  # a pattern that reads HTML
        if isinstance(node, ast.Compare) and any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops):
            reading.update(id(n) for n in [node.left, *node.comparators])  # searched for
    found: list[tuple[str, int, str]] = []

    def check(node: ast.expr, text: str, where: list[str]) -> None:
        for m in TAG.finditer(text):
            if m.group("name") is None or m.group("name").lower() in ELEMENTS:
                found.append((".".join(where) or "<module>", node.lineno, text))
                return

    def visit(node: ast.AST, where: list[str]) -> None:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            where = [*where, node.name]
        if isinstance(node, ast.JoinedStr):  # an f-string: its text, with each {value} as one mark
            if id(node) not in reading:
                check(node, "".join(part.value if isinstance(part, ast.Constant) else "\0"
                                    for part in node.values), where)
            for part in node.values:
                if isinstance(part, ast.FormattedValue):
                    visit(part, where)
            return
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in reading:
            check(node, node.value, where)
        for child in ast.iter_child_nodes(node):
            visit(child, where)

    visit(tree, [])
    return found


def findings() -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).as_posix()
        for function, line, text in markup_strings(path.read_text("utf-8")):
            out.setdefault((module, function), []).append(f"guidekit/{module}:{line}: {text[:70]!r}")
    return out


def allowed_by(module: str, function: str) -> tuple[str, str] | None:
    return next((key for key in ALLOWED if key[0] == module
                 and (function == key[1] or function.startswith(key[1] + "."))), None)


def test_no_module_builds_markup():
    built = {where: lines for where, lines in findings().items() if allowed_by(*where) is None}
    assert not built, (
        "markup built in Python; put it in a template in overrides/ (rendered through "
        "guidekit/templates.py) and pass the data:\n" + "\n".join(l for lines in built.values() for l in lines))


def test_every_allowed_place_still_writes_tags():
    stale = set(ALLOWED) - {allowed_by(*where) for where in findings()}
    assert not stale, f"remove these from ALLOWED, they no longer write tags: {sorted(stale)}"


@pytest.mark.parametrize("source", [
    "def wrap(lang, content):\n    return f'<div lang=\"{lang}\" dir=\"ltr\">{content}</div>'\n",
    "HEAD = '<!doctype html><title>x</title>'\n",
    "def close():\n    return '</p>'\n",
    "def title(text):\n    return '<h1>' + text + '</h1>'\n",
])
def test_markup_is_found(source):
    assert markup_strings(source), source


@pytest.mark.parametrize("source", [
    'def f():\n    """Gives the page its <h1> (a body has none)."""\n',
    "import re\nHEAD = re.compile(r'<head[^>]*>')\n",
    "def f(content):\n    return '<h1' in content\n",
    "def f(lang):\n    raise ValueError(f'not inside docs/<language>/ (locales/{lang}/data.yml)')\n",
])
def test_reading_html_is_not_markup(source):
    assert not markup_strings(source), source
