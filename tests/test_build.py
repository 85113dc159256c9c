"""The multilingual build: every language, its lang and dir, search, 404, fallback, switcher, and
that a failing build leaves the previous site/ untouched."""
from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import html_files, language_of, run_guidekit
from guidekit.project import Project

ROOT = Path(__file__).resolve().parents[1]
PROJECT = Project.load(ROOT)
LANGS = PROJECT.all_languages
DEFAULT = PROJECT.default_language
HTML_LANG = {"zh": "zh"}  # Material's code for Simplified Chinese


def lang_root(site: Path, lang: str) -> Path:
    return site if lang == DEFAULT else site / lang


def test_languages_are_discovered_from_locales():
    assert set(LANGS) >= {"en", "ko", "ja", "zh", "vi"}
    assert PROJECT.source_language == "en" and DEFAULT == "ko"


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_is_built(site, lang):
    base = lang_root(site, lang)
    assert (base / "index.html").is_file()
    assert (base / "404.html").is_file()
    assert (base / "sitemap.xml").is_file()
    assert (base / "search" / "search_index.json").is_file()


def test_lang_and_dir_on_every_page(site):
    checked = 0
    for page in html_files(site):
        lang = language_of(site, page, LANGS, DEFAULT)
        text = page.read_text(encoding="utf-8")
        html_tag = re.search(r"<html\b[^>]*>", text)
        if html_tag is None:  # not a page (e.g. an asset fragment)
            continue
        assert f'lang="{HTML_LANG.get(lang, lang)}"' in html_tag.group(0), page
        assert re.search(r'<body\b[^>]*\bdir="ltr"', text), page
        checked += 1
    assert checked >= 5 * len(LANGS)


@pytest.mark.parametrize("lang", LANGS)
def test_search_index_declares_its_language(site, lang):
    """Its own language where lunr has rules for it; else one lunr has (the worker loads
    lunr.<lang>.min.js for it, so a language without that file would break search)."""
    from guidekit.search_segments import lunr_languages
    index = json.loads((lang_root(site, lang) / "search" / "search_index.json").read_text("utf-8"))
    [declared] = index["config"]["lang"]
    assert declared == lang if lang in lunr_languages() else declared in lunr_languages(), declared
    assert declared == "en" or (lang_root(site, lang) / "assets" / "javascripts" / "lunr" / "min"
                                / f"lunr.{declared}.min.js").is_file()
    assert index["docs"], "the index has documents"


@pytest.mark.parametrize("lang", LANGS)
def test_404_page_is_in_its_language_with_the_quick_exit(site, lang):
    from babel.support import Translations
    from guidekit.i18n import compiled_dir
    text = (lang_root(site, lang) / "404.html").read_text("utf-8")
    assert f'<html lang="{HTML_LANG.get(lang, lang)}"' in text
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S).group(1).strip()
    if lang != PROJECT.source_language:
        catalog = Translations.load(str(compiled_dir(PROJECT) / "locales"), [lang])
        assert heading == html.escape(catalog.gettext("This page does not exist"), quote=False), heading
    else:
        assert heading == "This page does not exist"
    exit_url = yaml.safe_load((ROOT / "locales" / lang / "mkdocs.yml").read_text("utf-8"))["extra"]["quick_exit"]["url"]
    assert exit_url.startswith("https://")
    assert re.search(rf'<a id="quick-exit"[^>]*href="{re.escape(exit_url)}"', text), "the language's own quick exit"


def test_korean_404_uses_korean_interface(site):
    text = (site / "404.html").read_text("utf-8")
    assert "검색" in text  # Material's Korean label for search


def test_fallback_page_has_notice_and_source_lang(project_copy):
    """A page a language does not have yet is built from English, marked as English, with a
    notice in the reader's language; the interface around it stays in that language."""
    (project_copy / "docs" / "ja" / "safety.md").unlink()
    # The fallback is made from docs/en/ whether or not English is built: Japanese alone (at
    # the root of this build, as the first language of a subset without Korean).
    result = run_guidekit(["build", "--lang", "ja"], cwd=project_copy)
    assert result.returncode == 0, result.stderr
    assert not (project_copy / "site" / "en").exists()
    text = (project_copy / "site" / "safety" / "index.html").read_text("utf-8")
    assert 'data-notice="fallback"' in text
    assert re.search(r'<div lang="en" dir="ltr">\s*<h1', text), "content is marked as English"
    assert '<html lang="ja"' in text, "the interface stays Japanese"


def test_language_switcher_points_to_the_same_page(site):
    text = (site / "en" / "directory" / "index.html").read_text("utf-8")
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="([a-z-]+)" lang="[a-z-]+" class="md-select__link"', text))
    by_lang = {lang: href for href, lang in links.items()}
    assert by_lang["ko"] == "../../directory/"
    assert by_lang["ja"] == "../../ja/directory/"
    assert by_lang["en"] == "../../en/directory/"
    for lang, href in by_lang.items():
        target = (site / "en" / "directory" / href / "index.html").resolve()
        assert target.is_file(), f"{lang}: {href}"


def test_language_names_in_their_own_script(site):
    text = (site / "index.html").read_text("utf-8")
    for name in ("English", "한국어", "日本語", "Tiếng Việt"):
        assert f">{name}</a>" in text
    assert re.search(r">中文[^<]*</a>", text)


def test_template_string_translated_from_compiled_catalog(site):
    text = (site / "index.html").read_text("utf-8")
    en = (site / "en" / "index.html").read_text("utf-8")
    assert ">Exit this page</a>" in en
    assert ">Exit this page</a>" not in text
    assert "나가기" in text  # the Korean label, from locales/ko/LC_MESSAGES/messages.po


def test_nav_section_titles_come_from_the_catalog(site):
    en = (site / "en" / "index.html").read_text("utf-8")
    ko = (site / "index.html").read_text("utf-8")
    assert "About" in en
    assert re.search(r'md-nav__link[^>]*>\s*(<span[^>]*>\s*)?소개', ko)


def tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        h.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()


def build_copy(project, *args):
    return run_guidekit(["build", *args], cwd=project)


def previous_site(project: Path) -> Path:
    """A stand-in for an earlier build's site/ (what a failed build must leave as it was)."""
    site = project / "site"
    (site / "en").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>previous build</title>", "utf-8")
    (site / "en" / "index.html").write_text("<!doctype html><title>previous build</title>", "utf-8")
    (site / ".guidekit-site").write_text("made by guidekit build\n", "utf-8")
    return site


def test_failing_language_keeps_previous_site(project_copy):
    """Korean builds, English fails: nothing of either replaces the site that was there."""
    before = tree_digest(previous_site(project_copy))
    page = project_copy / "docs" / "en" / "index.md"
    page.write_text(page.read_text("utf-8") + "\n[[channel:no-such-channel]]\n", "utf-8")
    bad = build_copy(project_copy, "--lang", "ko,en")
    assert bad.returncode != 0
    assert "[en]" in bad.stderr and "no-such-channel" in bad.stderr
    assert "docs/en/index.md" in bad.stderr
    assert tree_digest(project_copy / "site") == before


def test_subset_build_and_root_language(offline_project):
    """`--lang ko,en` (the shared build of the session: `build --offline --lang ko,en`, whose
    site/ is the same subset with the bundles added under downloads/)."""
    site = offline_project / "site"
    assert '<html lang="ko"' in (site / "index.html").read_text("utf-8")
    assert (site / "en" / "index.html").exists()
    assert not (site / "ja").exists()


def test_a_deleted_or_renamed_page_makes_the_site_out_of_date(project_copy):
    """The test session rebuilds site/ when it is older than the sources (conftest.pytest_configure);
    deleting or renaming a page leaves no newer file behind, but changes its folder's time."""
    import os
    import time
    from conftest import SOURCES, site_is_current
    from guidekit.project import Project
    project = Project.load(project_copy)
    stamp = time.time() + 10  # the sources were copied with their own times; the site is newer
    for lang in project.all_languages:
        home = project_copy / "site" / project.url_prefix(lang) / "index.html"
        home.parent.mkdir(parents=True, exist_ok=True)
        home.write_text("<html></html>", "utf-8")
        os.utime(home, (stamp, stamp))
    for part in SOURCES:
        for path in [project_copy / part, *(project_copy / part).rglob("*")]:
            os.utime(path, (stamp - 20, stamp - 20))
    assert site_is_current(project_copy)
    (project_copy / "docs" / "en" / "evidence.md").rename(project_copy / "docs" / "en" / "evidence-kept.md")
    os.utime(project_copy / "docs" / "en" / "evidence-kept.md", (stamp - 20, stamp - 20))  # mv keeps a file's time
    os.utime(project_copy / "docs" / "en", (stamp + 5, stamp + 5))  # as the rename did, after the build
    assert not site_is_current(project_copy)


def test_unknown_language_code_is_refused(project_copy):
    result = build_copy(project_copy, "--lang", "ko,xx")
    assert result.returncode != 0
    assert "unknown language code" in result.stderr and "xx" in result.stderr


@pytest.mark.parametrize("bad, expected", [
    ("---\ntitle: [unclosed\n---\n\nBody\n", "malformed front matter"),
    ("---\ntitle: x\n", "front matter is not closed"),
])
def test_malformed_front_matter_is_reported_with_file_and_line(project_copy, bad, expected):
    # Only the language of the broken page: the error and the untouched site are the same with more.
    before = tree_digest(previous_site(project_copy))
    (project_copy / "docs" / "en" / "index.md").write_text(bad, "utf-8")
    result = build_copy(project_copy, "--lang", "en")
    assert result.returncode != 0
    assert expected in result.stderr
    assert re.search(r"docs/en/index\.md:\d+", result.stderr), result.stderr
    assert tree_digest(project_copy / "site") == before


def test_malformed_yaml_config_is_reported(project_copy):
    config = project_copy / "locales" / "en" / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "theme: [unclosed\n", "utf-8")
    result = build_copy(project_copy, "--lang", "en")
    assert result.returncode != 0
    assert "locales/en/mkdocs.yml" in result.stderr


def test_malformed_po_is_reported_with_file_and_line(project_copy):
    po = project_copy / "locales" / "ko" / "LC_MESSAGES" / "messages.po"
    lines = po.read_text("utf-8").splitlines()
    lines.insert(30, 'msgstr "dangling')
    po.write_text("\n".join(lines) + "\n", "utf-8")
    result = build_copy(project_copy, "--lang", "ko")
    assert result.returncode != 0
    assert re.search(r"locales/ko/LC_MESSAGES/messages\.po:\d+: malformed catalog", result.stderr), result.stderr


def test_po_placeholder_mismatch_is_reported(project_copy):
    po = project_copy / "locales" / "ko" / "LC_MESSAGES" / "messages.po"
    text = po.read_text("utf-8")
    text = re.sub(r'(msgid "Verified on %\(date\)s"\nmsgstr ")[^"]*(")', r"\1%(datum)s 확인\2", text)
    po.write_text(text, "utf-8")
    result = build_copy(project_copy, "--lang", "ko")
    assert result.returncode != 0
    assert "messages.po" in result.stderr and "placeholder" in result.stderr.lower()


def test_language_without_any_page_builds_from_the_source(project_copy):
    """A fresh language (or a clone where it has no page yet) is all fallback, not an error."""
    import shutil
    shutil.rmtree(project_copy / "docs" / "vi", ignore_errors=True)
    result = build_copy(project_copy, "--lang", "vi")  # alone: at the root of this build
    assert result.returncode == 0, result.stderr
    page = (project_copy / "site" / "index.html").read_text("utf-8")
    assert '<html lang="vi"' in page and 'data-notice="fallback"' in page
