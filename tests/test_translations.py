"""The translators' workflow: status, notices, --mark-current, parity, catalogs, add-language."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import run_guidekit
from guidekit.checks.translations import check_translations
from guidekit.i18n import read_catalog
from guidekit.project import Project

ROOT = Path(__file__).resolve().parents[1]


def status_json(project: Path, *args) -> dict:
    result = run_guidekit(["status", "--json", *args], cwd=project)
    assert result.returncode == 0, result.stderr
    return {s["language"]: {p["page"]: p for p in s["pages"]} for s in json.loads(result.stdout)}


def test_main_korean_is_complete_and_current():
    result = run_guidekit(["status", "--fail-on", "outdated,missing", "--lang", "ko"], cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_parity_of_every_translation_on_main():
    lines = []
    assert check_translations(Project.load(ROOT), out=lines.append), "\n".join(lines)


def test_changing_a_source_makes_translations_outdated(project_copy):
    before = status_json(project_copy, "--lang", "ko")
    assert before["ko"]["index.md"]["state"] == "current"
    source = project_copy / "docs" / "en" / "index.md"
    source.write_text(source.read_text("utf-8") + "\nOne more sentence.\n", "utf-8")
    after = status_json(project_copy, "--lang", "ko")
    assert after["ko"]["index.md"]["state"] == "outdated"
    build = run_guidekit(["build", "--lang", "ko,en"], cwd=project_copy)
    assert build.returncode == 0, build.stderr
    html = (project_copy / "site" / "index.html").read_text("utf-8")
    assert 'data-notice="outdated"' in html
    assert re.search(r'data-notice="outdated".*?<a href="en/" hreflang="en">', html, re.S), "links to the source"


def test_mark_current_changes_only_the_hash(project_copy):
    source = project_copy / "docs" / "en" / "index.md"
    source.write_text(source.read_text("utf-8") + "\nOne more sentence.\n", "utf-8")
    page = project_copy / "docs" / "ko" / "index.md"
    old = page.read_bytes()
    result = run_guidekit(["status", "--mark-current", str(page)], cwd=project_copy)
    assert result.returncode == 0, result.stderr
    new = page.read_bytes()
    old_lines, new_lines = old.split(b"\n"), new.split(b"\n")
    changed = [(a, b) for a, b in zip(old_lines, new_lines) if a != b]
    assert len(old_lines) == len(new_lines) and len(changed) == 1
    assert changed[0][0].strip().startswith(b"source_hash:") and changed[0][1].strip().startswith(b"source_hash:")
    assert status_json(project_copy)["ko"]["index.md"]["state"] == "current"


def test_mark_current_keeps_windows_line_endings(project_copy):
    page = project_copy / "docs" / "ko" / "index.md"
    page.write_bytes(page.read_bytes().replace(b"\n", b"\r\n"))
    source = project_copy / "docs" / "en" / "index.md"
    source.write_text(source.read_text("utf-8") + "\nMore.\n", "utf-8")
    before = page.read_bytes()
    assert run_guidekit(["status", "--mark-current", str(page)], cwd=project_copy).returncode == 0
    after = page.read_bytes()
    assert after.count(b"\r\n") == before.count(b"\r\n") and len(after) == len(before)


def test_missing_page_is_missing_and_fails_on_request(project_copy):
    translated = sorted((project_copy / "docs" / "ko").rglob("*.md"))
    victim = next(p for p in translated if p.name != "index.md")
    rel = victim.relative_to(project_copy / "docs" / "ko").as_posix()
    victim.unlink()
    assert status_json(project_copy, "--lang", "ko")["ko"][rel]["state"] == "missing"
    failing = run_guidekit(["status", "--lang", "ko", "--fail-on", "missing"], cwd=project_copy)
    assert failing.returncode == 1 and f"ko/{rel}: missing" in failing.stderr


def test_status_table_is_readable():
    result = run_guidekit(["status"], cwd=ROOT)
    assert result.returncode == 0
    assert re.search(r"^ko: \d+ current, 0 outdated, 0 missing", result.stdout, re.M)
    assert "interface catalog" in result.stdout


@pytest.mark.parametrize("lang", ["ko", "ja", "zh", "vi"])
def test_unreviewed_notice(site, lang):
    """A current translation not yet reviewed says so quietly in the page foot, not at the top
    (the top is for pages shown in English or out of date)."""
    index = (site / ("" if lang == "ko" else lang) / "index.html").read_text("utf-8")
    assert 'data-notice="unreviewed"' not in index
    assert 'data-notice="fallback"' not in index
    foot = index[index.index('class="gk-page-foot"'):]
    assert 'data-note="unreviewed"' in foot


def test_unreviewed_note_gives_the_translation_date(project_copy):
    page = project_copy / "docs" / "ko" / "index.md"
    text = page.read_text("utf-8")
    page.write_text(text.replace("\ntranslation:", "\nlast_reviewed: 2026-11-30\ntranslation:", 1), "utf-8")
    build = run_guidekit(["build", "--lang", "ko"], cwd=project_copy)
    assert build.returncode == 0, build.stderr
    html = (project_copy / "site" / "index.html").read_text("utf-8")
    note = re.search(r'<p class="gk-reviewed gk-translation-note" data-note="unreviewed">([^<]*)</p>', html)
    assert note and "2026년 11월 30일" in note.group(1), note


def test_translation_status_page_is_built(site):
    html = (site / "en" / "about" / "translation-status" / "index.html").read_text("utf-8")
    for lang in ("ko", "ja", "zh", "vi"):
        assert f'id="lang-{lang}"' in html


# -- parity ---------------------------------------------------------------------------------------

def parity_problems(project: Path) -> list[str]:
    lines: list[str] = []
    check_translations(Project.load(project), ["ko"], out=lines.append)
    return lines[:-1]


def edit(path: Path, old: str, new: str):
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_dropped_placeholder_is_reported(project_copy):
    page = project_copy / "docs" / "ko" / "index.md"
    placeholder = re.search(r"\[\[phone:[^\]]+\]\]", page.read_text("utf-8")).group(0)
    edit(page, placeholder, "")
    [problem] = parity_problems(project_copy)
    assert f"placeholder {placeholder} is missing" in problem
    assert re.search(r"docs/ko/index\.md: .*docs/en/index\.md:\d+", problem)


def test_changed_heading_id_is_reported(project_copy):
    page = project_copy / "docs" / "ko" / "index.md"
    heading_id = re.search(r"\{#([\w-]+)\}", page.read_text("utf-8")).group(1)
    edit(page, "{#" + heading_id + "}", "{#renamed-" + heading_id + "}")
    problems = parity_problems(project_copy)
    assert any(f"heading id {heading_id} is missing" in p and "docs/en/index.md:" in p for p in problems)
    assert any(re.search(rf"docs/ko/index\.md:\d+: heading id renamed-{heading_id} is not in the source", p)
               for p in problems)


def test_removed_link_is_reported(project_copy):
    page = project_copy / "docs" / "ko" / "index.md"
    link = re.search(r"\]\(([^)\s]+\.md[^)\s]*)\)", page.read_text("utf-8"))
    edit(page, f"]({link.group(1)})", "]")
    problems = parity_problems(project_copy)
    assert any(f"link {link.group(1)} is missing" in p for p in problems), problems


# -- catalogs -------------------------------------------------------------------------------------

def test_catalog_update_keeps_existing_translations(project_copy):
    po = project_copy / "locales" / "ko" / "LC_MESSAGES" / "messages.po"
    before = {m.id: m.string for m in read_catalog(po) if m.id and m.string}
    # a template that has lost one string (as if a template changed) and gained another
    pot = project_copy / "locales" / "messages.pot"
    text = pot.read_text("utf-8")
    gone = next(iter(before))
    text = re.sub(rf'(#[^\n]*\n)*msgid "{re.escape(gone)}"\nmsgstr ""\n\n', "", text, count=1)
    text += '\nmsgid "A brand new string"\nmsgstr ""\n'
    # … and one close to a string that stays: pybabel would copy that one's translation as fuzzy
    text += '\n#, python-format\nmsgid "Verified again on %(date)s"\nmsgstr ""\n'
    pot.write_text(text, "utf-8")
    result = run_guidekit(["catalogs", "update", "--lang", "ko"], cwd=project_copy)
    assert result.returncode == 0, result.stderr
    after_catalog = read_catalog(po)
    after = {m.id: m.string for m in after_catalog if m.id and m.string}
    after.update({m.id: m.string for m in after_catalog.obsolete.values()})
    for msgid, text in before.items():
        assert after.get(msgid) == text, f"lost {msgid!r}"
    assert gone in after_catalog.obsolete, "kept as obsolete"
    assert "A brand new string" in after_catalog
    guess = after_catalog["Verified again on %(date)s"]
    assert guess.string == "" and not guess.fuzzy, "a new string is not a fuzzy copy of a similar one that stays"
    assert "#| " not in po.read_text("utf-8")


def test_catalog_extract_finds_template_and_code_strings(project_copy):
    result = run_guidekit(["catalogs", "extract"], cwd=project_copy)
    assert result.returncode == 0, result.stderr
    pot = (project_copy / "locales" / "messages.pot").read_text("utf-8")
    for msgid in ("Exit this page", "Verified on %(date)s", "About"):
        assert f'msgid "{msgid}"' in pot


# -- add-language ---------------------------------------------------------------------------------

def test_add_language_builds_a_new_language(project_copy):
    result = run_guidekit(["add-language", "ms", "--quick-exit", "https://www.bbc.com/indonesia"], cwd=project_copy)
    assert result.returncode == 0, result.stderr
    for path in ("locales/ms/mkdocs.yml", "locales/ms/LC_MESSAGES/messages.po", "docs/ms/index.md"):
        assert (project_copy / path).exists(), path
    # The home page to translate is a copy of the source, not a translation: no record, missing.
    home = (project_copy / "docs/ms/index.md").read_text("utf-8")
    assert home == (project_copy / "docs/en/index.md").read_text("utf-8")
    status = run_guidekit(["status", "--lang", "ms", "--json"], cwd=project_copy)
    rows = {p["page"]: p["state"] for p in json.loads(status.stdout)[0]["pages"]}
    assert rows["index.md"] == "missing"
    build = run_guidekit(["build", "--lang", "ko,ms"], cwd=project_copy)
    assert build.returncode == 0, build.stderr
    site = project_copy / "site"
    assert '<html lang="ms"' in (site / "ms" / "index.html").read_text("utf-8")
    for page in (site / "ms" / "index.html", site / "ms" / "report" / "police" / "index.html"):
        text = page.read_text("utf-8")
        assert 'data-notice="fallback"' in text and '<div lang="en" dir="ltr">' in text, page
    assert ">Melayu</a>" in (site / "index.html").read_text("utf-8"), "named in its own script"


def test_translated_copy_becomes_a_translation(project_copy):
    """A copied page stays missing until its text changes; then --mark-current makes it current."""
    assert run_guidekit(["add-language", "ms", "--quick-exit", "https://www.bbc.com/indonesia"],
                        cwd=project_copy).returncode == 0
    page = project_copy / "docs/ms/index.md"
    text = page.read_text("utf-8")
    page.write_text(text.replace("You are not alone", "Anda tidak sendirian"), "utf-8")

    def state():
        out = run_guidekit(["status", "--lang", "ms", "--json"], cwd=project_copy).stdout
        return {p["page"]: p["state"] for p in json.loads(out)[0]["pages"]}["index.md"]
    assert state() == "missing"  # a translated title alone: the text is still the English
    page.write_text(text.replace("You can get help\ntoday", "Anda bisa mendapat bantuan\nhari ini"), "utf-8")
    assert "Anda bisa" in page.read_text("utf-8")
    assert state() == "outdated"  # translated, but no record of which source it was made from
    assert run_guidekit(["status", "--mark-current", "docs/ms/index.md"], cwd=project_copy).returncode == 0
    assert state() == "current"


def test_add_language_without_material_strings(project_copy):
    """Swahili: Babel knows it, Material ships no strings for it; the theme's strings (skip link,
    search box) come from our catalog, and count in that language's catalog status only."""
    result = run_guidekit(["add-language", "sw", "--quick-exit", "https://www.bbc.com/swahili"], cwd=project_copy)
    assert result.returncode == 0, result.stderr
    po = project_copy / "locales/sw/LC_MESSAGES/messages.po"
    text = po.read_text("utf-8")
    for msgid, msgstr in (("Skip to content", "Ruka hadi maudhui"), ("Search", "Tafuta")):
        assert f'msgid "{msgid}"\nmsgstr ""' in text, msgid
        text = text.replace(f'msgid "{msgid}"\nmsgstr ""', f'msgid "{msgid}"\nmsgstr "{msgstr}"')
    po.write_text(text, "utf-8")
    build = run_guidekit(["build", "--lang", "ko,sw"], cwd=project_copy)
    assert build.returncode == 0, build.stderr
    home = (project_copy / "site" / "sw" / "index.html").read_text("utf-8")
    assert '<html lang="sw"' in home
    assert re.search(r'class="md-skip">\s*Ruka hadi maudhui\s*<', home)
    assert 'placeholder="Tafuta"' in home
    ko = (project_copy / "site" / "index.html").read_text("utf-8")
    assert "Ruka hadi maudhui" not in ko and 'placeholder="검색"' in ko  # Korean keeps Material's
    statuses = {s["language"]: s["catalog"] for s in json.loads(
        run_guidekit(["status", "--lang", "ko,sw", "--json"], cwd=project_copy).stdout)}
    assert statuses["sw"]["total"] > statuses["ko"]["total"]  # the theme's strings count for sw only


@pytest.mark.parametrize("code, message", [("xx", "not a language code Babel knows"),
                                           ("ko", "already exists")])
def test_add_language_refuses_bad_codes(project_copy, code, message):
    result = run_guidekit(["add-language", code], cwd=project_copy)
    assert result.returncode == 2  # a refused input (issue 17: exit 2 for errors, 1 for findings)
    assert message in result.stderr


def test_language_names_are_the_languages(root):
    """The switcher names each language in its own script, without a region (tl is Babel's
    fil_PH), Uzbek in Latin and Mongolian in Cyrillic script."""
    from guidekit.i18n import language_name
    expected = {"en": "English", "ko": "한국어", "ja": "日本語", "zh": "中文", "vi": "Tiếng Việt",
                "th": "ไทย", "ru": "Русский", "ne": "नेपाली", "km": "ខ្មែរ", "uz": "O‘zbek",
                "mn": "Монгол", "tl": "Filipino", "id": "Indonesia"}
    assert {code: language_name(code) for code in expected} == expected


def test_right_to_left_fixture_language(project_copy):
    """Arabic is not shipped; a copy of the project proves a right-to-left language works."""
    result = run_guidekit(["add-language", "ar", "--quick-exit", "https://www.bbc.com/arabic"], cwd=project_copy)
    assert result.returncode == 0, result.stderr
    build = run_guidekit(["build", "--lang", "ar"], cwd=project_copy)  # alone: at the root of this build
    assert build.returncode == 0, build.stderr
    pages = list((project_copy / "site").rglob("index.html"))
    assert len(pages) > 5
    for page in pages:
        text = page.read_text("utf-8")
        assert '<html lang="ar"' in text and re.search(r'<body\b[^>]*dir="rtl"', text), page


def test_catalog_update_handles_plural_strings(project_copy):
    po = project_copy / "locales" / "ko" / "LC_MESSAGES" / "messages.po"
    one, many = "Shift: press %(count)s more time to leave this site.", "Shift: press %(count)s more times to leave this site."
    before = read_catalog(po)[one].string
    assert before and any(before)
    pot = project_copy / "locales" / "messages.pot"
    text = pot.read_text("utf-8")
    # an edited plural form keeps its translation (pybabel matches plurals by their singular), fuzzy …
    text = text.replace(f'msgid_plural "{many}"', 'msgid_plural "Shift: press %(count)s more times to leave now."')
    # … and a new plural string close to an existing one starts untranslated, not as a copy
    text += ('\n#, python-format\nmsgid "Shift: press %(count)s more time to leave this page."\n'
             'msgid_plural "Shift: press %(count)s more times to leave this page."\nmsgstr[0] ""\nmsgstr[1] ""\n')
    pot.write_text(text, "utf-8")
    result = run_guidekit(["catalogs", "update", "--lang", "ko"], cwd=project_copy)
    assert result.returncode == 0, result.stderr
    after = read_catalog(po)
    edited = after[one]
    assert edited.string == before and edited.id[1].endswith("leave now."), "the edited plural keeps its translation"
    assert edited.fuzzy, "… marked fuzzy: it translates the old plural"
    new = after["Shift: press %(count)s more time to leave this page."]
    assert not new.fuzzy and not any(new.string), "the new plural string is not a copy of the other"
