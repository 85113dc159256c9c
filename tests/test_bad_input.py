"""Bad input, one case per input (issue 17, items 2–7): what an organisation, a translator or an
attacker may write. Each case changes a copy of the project, runs one command, and checks that
the command either refuses with a clear message that names the file (and line), leaving site/
exactly as it was, or builds the correct output. For the injections, the built page has no
executable injected script and its Content-Security-Policy has no hash for one.
"""
from __future__ import annotations

import base64
import hashlib
import http.server
import os
import re
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from conftest import copy_project, run_guidekit
from guidekit import security
from guidekit.channels import Registry

ROOT = Path(__file__).resolve().parents[1]
PROFILE = "profiles/example-ngo.yml"
CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


# -- the project copies ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """A copy of the project with a built site (ko, en) and warm caches, cloned by every case."""
    project = tmp_path_factory.mktemp("bad-input") / "base"
    project.mkdir()
    copy_project(project)
    result = run_guidekit(["build", "--lang", "ko,en"], cwd=project)
    assert result.returncode == 0, result.stderr
    return project


def clone(base: Path, dest: Path) -> Path:
    shutil.copytree(base, dest, ignore=shutil.ignore_patterns("site", ".cache"))
    for part in ("site", ".cache"):  # unchanged by a build until it swaps site/ in: hard links do
        if (base / part).exists():
            shutil.copytree(base / part, dest / part, copy_function=os.link)
    return dest


def tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        h.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), "utf-8")


def append_to_page(rel: str, text: str) -> Callable[[Path], None]:
    def change(project: Path):
        page = project / "docs" / rel
        page.write_text(page.read_text("utf-8").rstrip("\n") + "\n\n" + text + "\n", "utf-8")
    return change


def replace_in(rel: str, old: str, new: str) -> Callable[[Path], None]:
    return lambda project: edit(project / rel, old, new)


def line_of(project: Path, rel: str, needle: str) -> int:
    for number, line in enumerate((project / rel).read_text("utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {rel}")


def sha256_source(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def assert_nothing_injected(page: Path, script_body: str, marker: str) -> None:
    """No executable script or handler beyond the theme's, the CSP lists none other, and the
    injected text is shown as text."""
    html = page.read_text("utf-8")
    scan = security.scan(html)
    assert not scan.findings, [f.what for f in scan.findings]
    assert set(scan.hashes) <= set(security.KNOWN_SCRIPTS)
    policy = CSP.search(html).group(1)
    assert sha256_source(script_body) not in policy
    assert set(re.findall(r"'sha256-[^']+'", policy)) <= set(security.KNOWN_SCRIPTS)
    assert marker in html, "the text is shown (escaped), not dropped"


# -- the cases ------------------------------------------------------------------------------------

@dataclass
class Case:
    id: str
    change: Callable[[Path], None]
    args: list[str] = field(default_factory=lambda: ["build", "--lang", "en"])
    ok: bool = False                        # True: the command succeeds and `then` checks the output
    names: tuple[str, ...] = ()             # regexes the message must contain (file:line, key, …)
    then: Callable[[Path, str], None] | None = None
    line: tuple[str, str] | None = None     # (file, text on the reported line): the line number is exact


SCRIPT = 'alert("injected")'
PROFILE_BUILD = ["build", "--profile", PROFILE, "--lang", "en"]


def profile_change(old: str, new: str) -> Callable[[Path], None]:
    return replace_in(PROFILE, old, new)


def en_home(project: Path) -> Path:
    """The English home page (at the root when English is built alone)."""
    page = project / "site" / "en" / "index.html"
    return page if page.exists() else project / "site" / "index.html"


def then_contact_escaped(project: Path, output: str) -> None:
    assert_nothing_injected(en_home(project), SCRIPT, "&lt;script&gt;")


def then_name_escaped(project: Path, output: str) -> None:
    page = en_home(project)
    html = page.read_text("utf-8")
    assert_nothing_injected(page, SCRIPT, "&lt;img src=x onerror=")
    assert "onerror=alert" not in re.sub(r"&lt;img[^<]*", "", html)


def then_fuzzy_kept(project: Path, output: str) -> None:
    po = (project / "locales" / "ko" / "LC_MESSAGES" / "messages.po").read_text("utf-8")
    assert re.search(r'#, fuzzy, python-format\n#\| msgid "Verified on %\(date\)s"\nmsgid "Checked on %\(date\)s"\n'
                     r'msgstr "%\(date\)s 확인"', po), "the translation is kept, marked fuzzy"


def then_channels_placed(project: Path, output: str) -> None:
    site = project / "site"
    for page in (site / "index.html", site / "support" / "index.html",
                 site / "en" / "index.html", site / "en" / "support" / "index.html"):
        html = page.read_text("utf-8")
        assert 'id="organisation-contacts"' in html and 'data-channel="example-shelter"' in html, page
    assert "예시 쉼터 연락처" in (site / "index.html").read_text("utf-8")
    from pypdf import PdfReader
    # (the PDF's Hangul does not come back as text: the name is checked on the English card)
    for card, name in ((site / "emergency-card.pdf", ""), (site / "en" / "emergency-card.pdf", "Example Shelter")):
        reader = PdfReader(card)
        assert len(reader.pages) == 1
        text = reader.pages[0].extract_text().replace("\x00", "")
        assert name in text and "132" in text, (card, text)


CASES = [
    # -- 2. escape by default; refuse scripts, handlers, javascript: URLs, remote resources ------
    Case("profile contact with a <script> is shown as text",
         profile_change('contact: {en: "Questions about this copy: help@example.org"',
                        f'contact: {{en: "<script>{SCRIPT.replace(chr(34), chr(92) + chr(34))}</script>"'),
         args=PROFILE_BUILD, ok=True, then=then_contact_escaped),
    Case("profile name that breaks out of its element is shown as text",
         profile_change("name: {en: Example Shelter,", 'name: {en: "\\"><img src=x onerror=alert(1)>",'),
         args=PROFILE_BUILD, ok=True, then=then_name_escaped),
    Case("a <script> in a Korean catalog entry (quick-exit label)",
         replace_in("locales/ko/LC_MESSAGES/messages.po", 'msgid "Exit this page"\nmsgstr "',
                    'msgid "Exit this page"\nmsgstr "<script>document.getElementById(\'quick-exit\').href=\'https://evil.example/\'</script>'),
         args=["build", "--lang", "ko"],
         names=(r"locales/ko/LC_MESSAGES/messages\.po:\d+: msgid 'Exit this page'", r"HTML markup \(<script>\)")),
    Case("… and check --translations reports it",
         replace_in("locales/ko/LC_MESSAGES/messages.po", 'msgid "Exit this page"\nmsgstr "',
                    'msgid "Exit this page"\nmsgstr "<script>x()</script>'),
         args=["check", "--translations", "--lang", "ko"],
         names=(r"locales/ko/LC_MESSAGES/messages\.po:\d+: msgid 'Exit this page'",)),
    Case("a <script> in a language configuration's site_name",
         replace_in("locales/en/mkdocs.yml", "site_name: Help after deepfake sexual abuse",
                    f"site_name: <script>{SCRIPT}</script>"),
         names=(r"locales/en/mkdocs\.yml:2: site_name is plain text",), line=("locales/en/mkdocs.yml", "site_name:")),
    Case("a raw <script> in Markdown",
         append_to_page("en/index.md", f"<script>{SCRIPT}</script>"),
         names=(r"docs/en/index\.md:\d+: an inline <script> the build does not know",),
         line=("docs/en/index.md", "<script>")),
    Case("an <img> from another host in Markdown",
         append_to_page("en/index.md", '<img src="https://evil.example/pixel.png" alt="">'),
         names=(r"docs/en/index\.md:\d+: <img src=\"https://evil\.example/pixel\.png\"> loads a resource from another host",),
         line=("docs/en/index.md", "evil.example")),
    Case("a Markdown image from another host",
         append_to_page("en/index.md", "![x](https://evil.example/pixel.png)"),
         names=(r"docs/en/index\.md:\d+: <img src=", r"another host"), line=("docs/en/index.md", "evil.example")),
    Case("an <iframe> from another host in Markdown",
         append_to_page("en/index.md", '<iframe src="https://evil.example/"></iframe>'),
         names=(r"docs/en/index\.md:\d+: <iframe src=", r"another host"), line=("docs/en/index.md", "evil.example")),
    Case("an <embed> from another host",
         append_to_page("en/index.md", '<embed src="https://evil.example/x.swf">'),
         names=(r"docs/en/index\.md:\d+: <embed src=",), line=("docs/en/index.md", "evil.example")),
    Case("an <object> from another host",
         append_to_page("en/index.md", '<object data="https://evil.example/x.pdf"></object>'),
         names=(r"docs/en/index\.md:\d+: <object data=",), line=("docs/en/index.md", "evil.example")),
    Case("an srcset from another host",
         append_to_page("en/index.md", '<img alt="" srcset="https://evil.example/big.png 2x">'),
         names=(r"docs/en/index\.md:\d+: <img srcset=",), line=("docs/en/index.md", "evil.example")),
    Case("a CSS url() from another host",
         append_to_page("en/index.md", '<p style="background: url(https://evil.example/bg.png)">x</p>'),
         names=(r"docs/en/index\.md:\d+: the style attribute of <p> loads https://evil\.example/bg\.png",),
         line=("docs/en/index.md", "evil.example")),
    Case("an event-handler attribute",
         append_to_page("en/index.md", '<p onclick="alert(1)">Tap</p>'),
         names=(r"docs/en/index\.md:\d+: <p> has an event-handler attribute onclick",),
         line=("docs/en/index.md", "onclick=")),
    Case("a javascript: link",
         append_to_page("en/index.md", "[Tap here](javascript:alert(1))"),
         names=(r"docs/en/index\.md:\d+: <a href> is a javascript: URL",), line=("docs/en/index.md", "javascript:")),
    Case("check --pages reports an external <img> without building",
         append_to_page("en/index.md", '<img src="https://evil.example/pixel.png" alt="">'),
         args=["check", "--pages", "docs/en/index.md"],
         names=(r"docs/en/index\.md:\d+: <img src=", r"another host"), line=("docs/en/index.md", "evil.example")),
    Case("check --pages reports an external <iframe> without building",
         append_to_page("en/index.md", '<iframe src="https://evil.example/"></iframe>'),
         args=["check", "--pages", "docs/en/index.md"],
         names=(r"docs/en/index\.md:\d+: <iframe src=",), line=("docs/en/index.md", "evil.example")),

    # -- 3. quick exit ------------------------------------------------------------------------------
    Case("quick_exit.url is empty",
         replace_in("locales/en/mkdocs.yml", "url: https://www.bbc.co.uk/weather", 'url: ""'),
         names=(r"locales/en/mkdocs\.yml:\d+: the quick-exit destination \(extra\.quick_exit\.url\) of 'en' is empty",),
         line=("locales/en/mkdocs.yml", "url:")),
    Case("quick_exit.url is http://",
         replace_in("locales/en/mkdocs.yml", "url: https://www.bbc.co.uk/weather", "url: http://www.bbc.co.uk/weather"),
         names=(r"locales/en/mkdocs\.yml:\d+: .*'http://www\.bbc\.co\.uk/weather' is not an https:// address",),
         line=("locales/en/mkdocs.yml", "url:")),
    Case("quick_exit is missing",
         replace_in("locales/en/mkdocs.yml", "extra:\n  quick_exit:\n    url: https://www.bbc.co.uk/weather\n", ""),
         names=(r"locales/en/mkdocs\.yml: the quick-exit destination .* is missing",)),
    Case("a profile's quick exit is http://",
         profile_change("en: https://www.bbc.co.uk/weather", "en: http://www.bbc.co.uk/weather"),
         args=PROFILE_BUILD,
         names=(r"profiles/example-ngo\.yml:\d+: key 'quick_exit\.en': the destination 'http://www\.bbc\.co\.uk/weather' "
                r"is not an https:// address",),
         line=(PROFILE, "en: http://")),

    # -- 4. phone numbers ---------------------------------------------------------------------------
    Case("display and tel differ (02-735-8994 ⇔ +8227358995)",
         replace_in("data/channels.yml", 'tel: "+8227358994"', 'tel: "+8227358995"'),
         names=(r"data/channels\.yml:\d+: entry 'd4u', field 'phones\.0': display '02-735-8994' does not show "
                r"the number tel '\+8227358995' dials",), line=("data/channels.yml", "display: 02-735-8994")),
    Case("a 4-digit number that is no service number",
         replace_in("data/channels.yml", 'display: "1388"\n      tel: "1388"', 'display: "1999"\n      tel: "1999"'),
         names=(r"data/channels\.yml:\d+: entry 'youth-1388', field 'phones\.0': tel '1999' is not a service number",),
         line=("data/channels.yml", 'display: "1999"')),
    Case("short number shown as another one (1366 ⇔ 1377)",
         replace_in("data/channels.yml", 'display: "1366"\n      tel: "1366"', 'display: "1366"\n      tel: "1377"'),
         names=(r"data/channels\.yml:\d+: entry 'women-1366', field 'phones\.0': display '1366' does not show",)),

    # -- 5. catalogs and translations ---------------------------------------------------------------
    Case("%(date)s dropped from a Korean msgstr",
         replace_in("locales/ko/LC_MESSAGES/messages.po", 'msgstr "%(date)s 확인"', 'msgstr "확인됨"'),
         args=["build", "--lang", "ko"],
         names=(r"locales/ko/LC_MESSAGES/messages\.po:\d+: msgid 'Verified on %\(date\)s': the translation lacks "
                r"the placeholder %\(date\)s",), line=("locales/ko/LC_MESSAGES/messages.po", 'msgstr "확인됨"')),
    Case("a malformed placeholder %(number) ",
         replace_in("locales/ko/LC_MESSAGES/messages.po", 'msgid "Call %(number)s"\nmsgstr "',
                    'msgid "Call %(number)s"\nmsgstr "%(number) 전화 '),
         args=["build", "--lang", "ko"],
         names=(r"locales/ko/LC_MESSAGES/messages\.po:\d+: msgid 'Call %\(number\)s': malformed placeholder",
                r"'%\(number\) 전' is not a placeholder"),
         line=("locales/ko/LC_MESSAGES/messages.po", 'msgstr "%(number) 전화')),
    Case("catalogs update after a msgid was edited keeps the translation as fuzzy",
         replace_in("locales/messages.pot", 'msgid "Verified on %(date)s"', 'msgid "Checked on %(date)s"'),
         args=["catalogs", "update", "--lang", "ko"], ok=True, then=then_fuzzy_kept,
         names=(r"locales/ko/LC_MESSAGES/messages\.po:\d+: fuzzy: msgid 'Checked on %\(date\)s' "
                r"\(it was 'Verified on %\(date\)s'\)", r"delete its '#, fuzzy' line")),
    Case("7년 changed to 5년 in a Korean page",
         replace_in("docs/ko/rights/time-limits.md", "| 7년 이하의 징역 또는 벌금 | 7년 |", "| 7년 이하의 징역 또는 벌금 | 5년 |"),
         args=["check", "--translations", "--lang", "ko"],
         names=(r"docs/ko/rights/time-limits\.md:\d+: number 5 \(“[^”]*\| 5년 \|[^”]*”\) is not in the source "
                r"\(section #applied, the paragraph, item or row at \S*docs/en/rights/time-limits\.md:\d+\)",),
         line=("docs/ko/rights/time-limits.md", "| 5년 |")),
    Case("an amount changed in a Korean page (5,000만 원 → 3,000만 원)",
         replace_in("docs/ko/rights/crimes.md", "5,000만 원 이하의 벌금**으로 처벌받아요. 2024년", "3,000만 원 이하의 벌금**으로 처벌받아요. 2024년"),
         args=["check", "--translations", "--lang", "ko"],
         names=(r"docs/ko/rights/crimes\.md:\d+: number 30,000,000 .* where the source has 50,000,000",)),

    # -- 6. placeholders in front matter -------------------------------------------------------------
    Case("a mistyped placeholder in the title",
         replace_in("docs/en/index.md", "title: You are not alone", "title: You are not alone, call [[phone:polise]]"),
         names=(r"docs/en/index\.md:2: placeholder \[\[phone:polise\]\] in the front matter \('title'\)",)),
    Case("a placeholder in the description",
         replace_in("docs/en/index.md", "description: If someone", "description: Call [[phone:police]]. If someone"),
         names=(r"docs/en/index\.md:3: placeholder \[\[phone:police\]\] in the front matter \('description'\)",)),
    Case("a placeholder in a translated page's title",
         replace_in("docs/ko/index.md", "title: ", "title: 경찰 [[phone:police]] "),
         args=["build", "--lang", "ko"],
         names=(r"docs/ko/index\.md:2: placeholder \[\[phone:police\]\]",)),
    Case("markup in a title",
         replace_in("docs/en/index.md", "title: You are not alone", "title: <b>You are not alone</b>"),
         names=(r"docs/en/index\.md:2: 'title' is plain text",)),
    Case("check --pages reports a placeholder in front matter",
         replace_in("docs/en/index.md", "title: You are not alone", "title: You are not alone [[phone:polise]]"),
         args=["check", "--pages", "docs/en/index.md"], names=(r"docs/en/index\.md:2: placeholder",)),

    # -- 7. profiles ------------------------------------------------------------------------------------
    Case("a misspelt key inside channels:",
         profile_change("    verified: 2026-11-25", "    verifed: 2026-11-25"), args=PROFILE_BUILD,
         names=(r"profiles/example-ngo\.yml:\d+: channels: entry 'example-shelter', field 'verifed': is not a known field",),
         line=(PROFILE, "verifed:")),
    Case("an impossible date inside channels:",
         profile_change("    verified: 2026-11-25", "    verified: 2026-11-31"), args=PROFILE_BUILD,
         names=(r"profiles/example-ngo\.yml:\d+: channels: entry 'example-shelter', field 'verified': "
                r"'2026-11-31' is not a valid date",), line=(PROFILE, "verified: 2026-11-31")),
    Case("a date in the future inside channels:",
         profile_change("    verified: 2026-11-25", "    verified: 2099-01-01"), args=PROFILE_BUILD,
         names=(r"profiles/example-ngo\.yml:\d+: channels: entry 'example-shelter', field 'verified': "
                r"2099-01-01 is in the future",), line=(PROFILE, "verified: 2099-01-01")),
    Case("an unknown language code in languages:",
         profile_change("languages: [ko, en]", "languages: [kr, en]"), args=PROFILE_BUILD,
         names=(r"profiles/example-ngo\.yml:\d+: key 'languages\.0': unknown language code 'kr'",),
         line=(PROFILE, "languages: [kr, en]")),
    Case("an unquoted colour (read as a YAML comment)",
         profile_change('primary: "#1b5e20"', "primary: #0d47a1"), args=PROFILE_BUILD,
         names=(r"profiles/example-ngo\.yml:\d+: key 'colours\.primary' is empty: YAML reads #0d47a1 as a comment",),
         line=(PROFILE, "primary: #0d47a1")),
    Case("an unknown id in place_channels",
         profile_change("  card: []", "  card: [no-such-line]"),
         args=PROFILE_BUILD,
         names=(r"profiles/example-ngo\.yml:\d+: place_channels\.card: unknown channel id 'no-such-line'",),
         line=(PROFILE, "card: [no-such-line]")),
    Case("check --freshness --profile covers the profile's own entries",
         profile_change("    verified: 2026-11-25", "    verified: 2020-01-01"),
         args=["check", "--freshness", "--profile", PROFILE],
         names=(r"profiles/example-ngo\.yml: example-shelter \(verified 2020-01-01",)),
    Case("an impossible date in data/ (the same helper)",
         replace_in("data/channels.yml", "verified: 2026-11-25", "verified: 2026-02-30"),
         names=(r"data/channels\.yml:\d+: entry 'police', field 'verified': '2026-02-30' is not a valid date",),
         line=("data/channels.yml", "verified: 2026-02-30")),
    Case("a profile places its own channels on the home page, the support page and the card",
         profile_change("  card: []", "  card: [klac]"),
         args=["build", "--profile", PROFILE], ok=True, then=then_channels_placed),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(base, tmp_path, case: Case):
    project = clone(base, tmp_path / "project")
    before = tree_digest(project / "site")
    case.change(project)
    result = run_guidekit(case.args, cwd=project)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    if case.ok:
        assert result.returncode == 0, output
    else:
        assert result.returncode != 0, output
        assert tree_digest(project / "site") == before, "site/ is left as it was"
    for pattern in case.names:
        assert re.search(pattern, output), f"{pattern!r} not in:\n{output}"
    if case.line:
        rel, text = case.line
        expected = line_of(project, rel, text)
        assert re.search(rf"{re.escape(rel)}:{expected}:", output), f"{rel}:{expected} not in:\n{output}"
    if case.then:
        case.then(project, output)


# -- guidekit check --sources against a local server --------------------------------------------------

class _Sources(http.server.BaseHTTPRequestHandler):
    pages: dict[str, str] = {}

    def do_GET(self):
        body = self.pages.get(self.path.lstrip("/"))
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write((body or "not found").encode("utf-8"))

    def log_message(self, *args):
        pass


@pytest.fixture
def source_server():
    """Serves, for every source page of every entry in data/, a page with that entry's numbers
    as the real source shows them; https://host/path is http://127.0.0.1:PORT/host/path."""
    from urllib.parse import urlsplit
    registry = Registry.load(ROOT / "data")
    pages = {}
    for entry in registry.entries.values():
        for url in [entry.source, *entry.sources]:
            parts = urlsplit(url)
            key = parts.netloc + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            numbers = " · ".join(p.display.replace("-", " ") if i % 2 else p.display for i, p in enumerate(entry.phones))
            pages[key] = pages.get(key, "<!doctype html><title>x</title><p>") + f" {entry.id}: ☎ {numbers}</p>"
    _Sources.pages = pages
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Sources)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def run_check_sources(project: Path, base_url: str, monkeypatch, capsys) -> tuple[int, str]:
    from guidekit import cli
    from guidekit.checks import sources
    monkeypatch.setattr(sources, "BASE_URL", base_url)
    monkeypatch.chdir(project)
    code = cli.main(["check", "--sources"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_check_sources_confirms_every_number(source_server, tmp_path, monkeypatch, capsys):
    project = copy_project(tmp_path)
    code, output = run_check_sources(project, source_server, monkeypatch, capsys)
    assert code == 0, output
    assert re.search(r"sources: \d+ numbers found on their sources, 0 not found", output), output


def test_check_sources_notices_a_changed_number(source_server, tmp_path, monkeypatch, capsys):
    """Changing 1577-0199 to 1577-0198 (display and tel together) was noticed by nothing."""
    project = copy_project(tmp_path)
    edit(project / "data" / "channels.yml", 'display: 1577-0199\n      tel: "+8215770199"',
         'display: 1577-0198\n      tel: "+8215770198"')
    code, output = run_check_sources(project, source_server, monkeypatch, capsys)
    assert code == 1, output
    assert re.search(r"NOT FOUND  channels\.yml: mental-health-1577: 1577-0198 \(tel \+8215770198, verified "
                     r"\d{4}-\d\d-\d\d\) is on none of its sources: https://kgnewskorea\.com/", output), output
    assert "1 not found" in output


def test_check_sources_lists_unreadable_pages_apart(source_server, tmp_path, monkeypatch, capsys):
    project = copy_project(tmp_path)
    _Sources.pages = {}
    code, output = run_check_sources(project, source_server, monkeypatch, capsys)
    assert code == 0, "pages that cannot be read do not fail the check"
    assert "UNREADABLE" in output and "could not be read" in output


def test_card_takes_the_profile_colour_and_name():
    """The card's colour is not in its text; check the document the PDF is made from."""
    from guidekit import emergency_card as card
    registry = Registry.load(ROOT / "data")
    document = card.card_html("en", "en", lambda s: s, registry, "2026-12-01", None, extra=("klac",),
                              organisation="Example <Shelter>", colour="#1b5e20")
    assert "h1 { color: #1b5e20; }" in document
    assert "Published by Example &lt;Shelter&gt;" in document
    assert ">132</b>" in document
