"""Channels as data: the schema, placing entries in pages, the directory and freshness."""
from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path

import pytest

from conftest import run_guidekit
from guidekit.channels import Registry, load_file
from guidekit.checks.content import typed_numbers
from guidekit.checks.freshness import check_freshness
from guidekit.errors import GuidekitError
from guidekit.placeholders import Renderer, find
from guidekit.project import Project

ROOT = Path(__file__).resolve().parents[1]
PROJECT = Project.load(ROOT)

GOOD = """\
- id: helpline
  need: support
  name: {en: Helpline, ko: 상담전화}
  what: {en: Someone to talk to.}
  phones:
    - display: 02-735-8994
      tel: "+8227358994"
    - display: "1366"
      tel: "1366"
      key: short
  links:
    - url: https://example.org/help
  hours: always
  cost: free
  source: https://example.org/about
  verified: 2026-01-31
"""


def write(tmp_path, text, name="channels.yml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), "utf-8")
    return path


def reject(tmp_path, text) -> str:
    path = write(tmp_path, text)
    with pytest.raises(GuidekitError) as err:
        load_file(path)
    return str(err.value)


def test_good_entry_loads(tmp_path):
    [entry] = load_file(write(tmp_path, GOOD))
    assert entry.phone().href == "tel:+8227358994"
    assert entry.phone("short").href == "tel:1366"
    assert entry.name.get_text("ko") == "상담전화"
    assert entry.name.get_text("ja") == "Helpline"  # falls back to the source language


def test_missing_source_is_rejected(tmp_path):
    message = reject(tmp_path, GOOD.replace("  source: https://example.org/about\n", ""))
    assert message.startswith(f"{tmp_path / 'channels.yml'}:1: entry 'helpline', field 'source': is required")


def test_missing_verified_date_is_rejected(tmp_path):
    message = reject(tmp_path, GOOD.replace("  verified: 2026-01-31\n", ""))
    assert "entry 'helpline', field 'verified': is required" in message


def test_invalid_e164_is_rejected(tmp_path):
    message = reject(tmp_path, GOOD.replace('"+8227358994"', '"02-735-8994"'))
    assert "entry 'helpline', field 'phones.0.tel': '02-735-8994' is not a valid E.164 number" in message


def test_impossible_number_is_rejected(tmp_path):
    message = reject(tmp_path, GOOD.replace('"+8227358994"', '"+82273589"'))
    assert "field 'phones.0.tel': '+82273589' is not a valid E.164 number" in message


def test_http_url_is_rejected(tmp_path):
    message = reject(tmp_path, GOOD.replace("https://example.org/help", "http://example.org/help"))
    assert "entry 'helpline', field 'links.0.url': 'http://example.org/help' is not an https URL" in message


def test_unknown_language_code_is_rejected(tmp_path):
    message = reject(tmp_path, GOOD.replace("ko: 상담전화", "xx: 상담전화"))
    assert "entry 'helpline', field 'name': unknown language code 'xx'" in message


def test_unknown_field_is_rejected(tmp_path):
    message = reject(tmp_path, GOOD.replace("  hours: always\n", "  hours: always\n  opening: 9-5\n"))
    assert "entry 'helpline', field 'opening': is not a known field" in message


def test_duplicate_id_is_rejected(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    write(data, GOOD, "channels.yml")
    write(data, GOOD, "platforms.yml")
    with pytest.raises(GuidekitError, match=r"platforms\.yml: duplicate id 'helpline' \(also in .*channels\.yml\)"):
        Registry.load(data)


def test_error_names_the_line_of_the_entry(tmp_path):
    text = GOOD + "\n" + GOOD.replace("id: helpline", "id: second").replace("https://example.org/about", "ftp://x")
    message = reject(tmp_path, text)
    # the line of the field itself (the entry starts on line 18, its source is on line 32)
    assert re.match(rf"{re.escape(str(tmp_path / 'channels.yml'))}:32: entry 'second', field 'source'", message)


def test_project_data_is_valid():
    registry = Registry.load(ROOT / "data")
    assert len(registry.entries) >= 10
    for entry in registry.entries.values():
        assert entry.source.startswith("https://")
        assert entry.what.has("en") and entry.what.has("ko"), entry.id  # Korean is complete


def test_required_channels_are_present():
    registry = Registry.load(ROOT / "data")
    numbers = {p.tel for e in registry.entries.values() for p in e.phones}
    assert {"112", "1366", "+8227358994", "1377", "132", "1388"} <= numbers


# -- rendering ------------------------------------------------------------------------------------

@pytest.fixture
def renderer(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    write(data, GOOD, "channels.yml")
    write(data, "", "platforms.yml")
    return Renderer(Registry.load(data), "ko", "ko", lambda s: s)


def test_inline_phone_renders_tel_link(renderer):
    html = renderer.replace_all("Call [[phone:helpline]] now.", "page.md")
    assert html == 'Call <a class="gk-tel" href="tel:+8227358994">02-735-8994</a> now.'


def test_inline_phone_by_key(renderer):
    html = renderer.replace_all("[[phone:helpline#short]]", "page.md")
    assert 'href="tel:1366">1366</a>' in html


def test_card_renders_accessible_html(renderer):
    html = renderer.replace_all("Intro\n[[channel:helpline]]\nMore", "page.md")
    assert '<div class="gk-card" data-channel="helpline">' in html
    assert '<p class="gk-card__name">상담전화</p>' in html
    assert '<a class="gk-tel" href="tel:+8227358994">Call 02-735-8994</a>' in html
    assert "<dt>Hours</dt><dd>Open 24 hours, every day</dd>" in html
    assert "<dt>Cost</dt><dd>Free</dd>" in html
    assert '<a class="gk-link" href="https://example.org/help">example.org</a>' in html
    assert "Verified on 2026년 1월 31일" in html
    # a blank line around the card keeps Markdown from wrapping it in a paragraph
    assert "\n\n<div class=\"gk-card\"" in html


def test_missing_translation_falls_back_with_lang(renderer):
    html = renderer.replace_all("[[channel:helpline]]", "page.md")
    assert '<p class="gk-card__what" lang="en">Someone to talk to.</p>' in html


def test_unknown_id_names_page_and_line(renderer):
    with pytest.raises(GuidekitError) as err:
        renderer.replace_all("one\ntwo [[phone:nobody]]\n", "docs/en/x.md", line_offset=5)
    assert str(err.value).startswith("docs/en/x.md:7: unknown channel id 'nobody'")


@pytest.mark.parametrize("text", ["[[chanel:helpline]]", "[[phone: helpline]]", "[[phone:Helpline]]"])
def test_malformed_placeholder_is_an_error(renderer, text):
    with pytest.raises(GuidekitError, match="malformed placeholder"):
        renderer.replace_all(f"x {text}", "p.md")


def test_card_must_stand_alone(renderer):
    with pytest.raises(GuidekitError, match="must stand on a line of its own"):
        renderer.replace_all("Call [[channel:helpline]] now", "p.md")


def test_placeholders_in_code_blocks_are_left_alone():
    assert find("```\n[[not:a placeholder]]\n```\n", "p.md") == []


def test_unknown_id_fails_the_build_with_page_and_line(project_copy):
    page = project_copy / "docs" / "en" / "index.md"
    lines = page.read_text("utf-8").splitlines()
    lines.append("")
    lines.append("Call [[phone:no-such-line]].")
    page.write_text("\n".join(lines) + "\n", "utf-8")
    result = run_guidekit(["build", "--lang", "en"], cwd=project_copy)
    assert result.returncode != 0
    assert f"docs/en/index.md:{len(lines)}: unknown channel id 'no-such-line'" in result.stderr


# -- the directory page -----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "ko"])
def test_directory_lists_every_entry(site, lang):
    registry = Registry.load(ROOT / "data")
    page = site / ("" if lang == PROJECT.default_language else lang) / "directory" / "index.html"
    html = page.read_text("utf-8")
    for ident in registry.entries:
        assert f'data-channel="{ident}" id="{ident}"' in html, ident
    for need in ("emergency", "reporting", "deletion", "legal", "support", "platforms"):
        assert f'id="{need}"' in html


def test_directory_shows_verified_dates_in_the_language(site):
    assert re.search(r"\d{4}년 \d{1,2}월 \d{1,2}일 확인", (site / "directory" / "index.html").read_text("utf-8"))
    assert re.search(r"Verified on [A-Z][a-z]+ \d{1,2}, \d{4}", (site / "en" / "directory" / "index.html").read_text("utf-8"))


# -- freshness --------------------------------------------------------------------------------------

def test_freshness_lists_old_entries(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    write(data, GOOD + "\n" + GOOD.replace("id: helpline", "id: old").replace("2026-01-31", "2024-01-01"))
    write(data, "", "platforms.yml")
    lines = []
    ok = check_freshness(PROJECT, 365, today=dt.date(2026, 6, 1), data_dir=data, out=lines.append)
    assert not ok
    assert any("old (verified 2024-01-01" in line for line in lines)
    assert not any("helpline (" in line for line in lines)
    assert check_freshness(PROJECT, 1000, today=dt.date(2026, 6, 1), data_dir=data, out=lines.append)


def test_freshness_command_exit_status():
    # A fixed date: the data's verification dates must not make this test fail by themselves one day.
    fresh = run_guidekit(["check", "--freshness", "--max-age", "365", "--today", "2026-12-01"], cwd=ROOT)
    assert fresh.returncode == 0, fresh.stdout + fresh.stderr
    stale = run_guidekit(["check", "--freshness", "--max-age", "365", "--today", "2099-01-01"], cwd=ROOT)
    assert stale.returncode == 1 and "verified more than 365 days ago" in stale.stdout


# -- no number or channel URL typed into a page ---------------------------------------------------

def test_no_phone_number_or_channel_url_typed_into_pages():
    """The rule of guidekit check --content, over every page of every language."""
    registry = Registry.load(ROOT / "data")
    problems = typed_numbers(Project.load(ROOT), registry, sorted((ROOT / "docs").rglob("*.md")))
    assert not problems, "\n".join(map(str, problems))


@pytest.mark.parametrize("line, found", [
    ("전화 02-735-8994", "phone number 02-735-8994"), ("call 1577-0199 now", "phone number 1577-0199"),
    ("dial +82212345678", "phone number +82212345678"), ("call 112 now", "service number 112"),
    ("see https://ecrm.police.go.kr/minwon/main", "channel URL https://ecrm.police.go.kr/minwon/main"),
    ("2024년 112", "service number 112"),
])
def test_typed_numbers_are_found(tmp_path, line, found):
    page = tmp_path / "page.md"
    page.write_text(f"---\ntitle: t\n---\nA first line.\n{line}\n", "utf-8")
    problems = typed_numbers(Project.load(ROOT), Registry.load(ROOT / "data"), [page])
    assert [str(p) for p in problems if found in p.message] == [f"{page}:5: {found} typed into the page: place it with [[phone:…]] or [[link:…]] from data/"]


def test_a_year_and_a_placeholder_are_not_typed_numbers(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("---\ntitle: t\n---\nSince 2024년, call [[phone:police#emergency]] or 1388년.\n", "utf-8")
    assert typed_numbers(Project.load(ROOT), Registry.load(ROOT / "data"), [page]) == []
