"""guidekit.catalogs.update in-process, on a copy of the project's catalogs: an edited English
string never keeps its old translation without a fuzzy flag, and nothing else changes."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from guidekit import catalogs
from guidekit.i18n import read_catalog, translations
from guidekit.project import Project

ROOT = Path(__file__).resolve().parents[1]
ONE = "Shift: press %(count)s more time to leave this site."
MANY = "Shift: press %(count)s more times to leave this site."
NEW_MANY = "Shift: press %(count)s more times to leave now."
ADVICE = "delete its '#, fuzzy' line and the '#|' lines above it"


@pytest.fixture
def project(tmp_path) -> Project:
    """The catalogs and the configuration they need, in a throw-away folder."""
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "locales", tmp_path / "locales", ignore=shutil.ignore_patterns("*.mo"))
    return Project.load(tmp_path)


def edit_template(project: Project, old: str, new: str) -> None:
    text = project.template.read_text("utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in the template"
    project.template.write_text(text.replace(old, new), "utf-8")


def line_of(po: Path, needle: str) -> int:
    return next(n for n, line in enumerate(po.read_text("utf-8").splitlines(), start=1) if line == needle)


def test_an_edited_plural_form_is_fuzzy_with_its_previous_plural(project):
    """Only msgid_plural changes: the singular still matches, but the translation is of the old English."""
    assert f'msgid "{ONE}"\nmsgid_plural "{MANY}"' in project.template.read_text("utf-8")
    edit_template(project, f'msgid_plural "{MANY}"', f'msgid_plural "{NEW_MANY}"')
    po = {lang: project.catalog(lang) for lang in ("ko", "ru", "en")}
    before = {lang: read_catalog(path)[ONE].string for lang, path in po.items()}
    assert any(before["ko"]) and any(before["ru"]) and not any(before["en"])

    report = catalogs.update(project, ["ko", "ru", "en"])

    for lang in ("ko", "ru"):
        entry = read_catalog(po[lang])[ONE]
        assert entry.id == (ONE, NEW_MANY)
        assert entry.fuzzy, f"{lang}: the translation of the old plural is marked fuzzy"
        assert entry.string == before[lang], f"{lang}: the translation is kept, as the translator's start"
        msgstrs = "".join(f'msgstr[{i}] "{text}"\n' for i, text in enumerate(before[lang]))
        assert (f'#, fuzzy, python-format\n#| msgid "{ONE}"\n#| msgid_plural "{MANY}"\n'
                f'msgid "{ONE}"\nmsgid_plural "{NEW_MANY}"\n{msgstrs}\n') in po[lang].read_text("utf-8")
        rel = f"locales/{lang}/LC_MESSAGES/messages.po"
        line = line_of(po[lang], f'msgid "{ONE}"')
        assert f"{rel}:{line}: fuzzy: msgid {ONE!r} (its plural was {MANY!r})" in report, report
        assert any(r.startswith(f"{rel}: 1 translation(s) are fuzzy") and ADVICE in r for r in report), report
    # an untranslated entry has nothing to check: it is not fuzzy, and not reported
    english = read_catalog(po["en"])[ONE]
    assert english.id == (ONE, NEW_MANY) and not english.fuzzy
    assert not any(r.startswith("locales/en/") for r in report), report


def test_a_fuzzy_plural_is_not_used_the_reader_sees_the_english(project):
    edit_template(project, f'msgid_plural "{MANY}"', f'msgid_plural "{NEW_MANY}"')
    catalogs.update(project, ["ko"])
    ko = translations(project, "ko")
    assert ko.ngettext(ONE, NEW_MANY, 1) == ONE
    assert ko.ngettext(ONE, NEW_MANY, 3) == NEW_MANY
    # the other strings still are translated
    assert ko.gettext("Verified on %(date)s") != "Verified on %(date)s"


def test_a_plural_and_a_singular_edited_in_one_update(project):
    """A singular edit is still pybabel's fuzzy match with its `#| msgid`, next to the plural edit."""
    edit_template(project, f'msgid_plural "{MANY}"', f'msgid_plural "{NEW_MANY}"')
    edit_template(project, 'msgid "Verified on %(date)s"', 'msgid "Checked on %(date)s"')
    report = catalogs.update(project, ["ko"])
    po = project.catalog("ko")
    text = po.read_text("utf-8")
    assert re.search(r'#, fuzzy, python-format\n#\| msgid "Verified on %\(date\)s"\nmsgid "Checked on %\(date\)s"\n'
                     r'msgstr "%\(date\)s 확인"\n', text)
    assert f'#| msgid "{ONE}"\n#| msgid_plural "{MANY}"\nmsgid "{ONE}"\n' in text
    rel = "locales/ko/LC_MESSAGES/messages.po"
    singular_line, plural_line = line_of(po, 'msgid "Checked on %(date)s"'), line_of(po, f'msgid "{ONE}"')
    assert (f"{rel}:{singular_line}: fuzzy: msgid 'Checked on %(date)s' "
            "(it was 'Verified on %(date)s')") in report, report
    assert f"{rel}:{plural_line}: fuzzy: msgid {ONE!r} (its plural was {MANY!r})" in report, report
    assert any(r.startswith(f"{rel}: 2 translation(s) are fuzzy") for r in report), report


def test_an_unchanged_template_leaves_every_catalog_byte_identical(project):
    before = {lang: project.catalog(lang).read_bytes() for lang in project.all_languages}
    assert len(before) > 5
    report = catalogs.update(project)
    assert report == []
    for lang, content in before.items():
        assert project.catalog(lang).read_bytes() == content, lang


def test_a_second_update_keeps_the_record_of_a_fuzzy_entry(project):
    """Until the translator checks it, the entry keeps its `#|` lines and its report, update after update."""
    edit_template(project, f'msgid_plural "{MANY}"', f'msgid_plural "{NEW_MANY}"')
    edit_template(project, 'msgid "Verified on %(date)s"', 'msgid "Checked on %(date)s"')
    first = catalogs.update(project, ["ko"])
    after_first = project.catalog("ko").read_bytes()
    assert catalogs.update(project, ["ko"]) == first
    text = project.catalog("ko").read_text("utf-8")
    assert text.encode("utf-8") == after_first
    assert '#, fuzzy, python-format\n#| msgid "Verified on %(date)s"\nmsgid "Checked on %(date)s"' in text
    assert f'#, fuzzy, python-format\n#| msgid "{ONE}"\n#| msgid_plural "{MANY}"\nmsgid "{ONE}"' in text


def test_an_edited_long_msgid_is_kept_as_fuzzy(project):
    """A msgid on several lines: Babel writes its `#| msgid` wrapped like a comment; it is read back."""
    old = "Keep evidence: web addresses, account names, dates and screenshots of messages. Do not download or forward the images."
    new = old.replace("forward", "send on")
    edit_template(project, '"messages. Do not download or forward the images."', '"messages. Do not download or send on the images."')
    before = read_catalog(project.catalog("ko"))[old].string
    report = catalogs.update(project, ["ko"])
    entry = read_catalog(project.catalog("ko"))[new]
    assert entry.fuzzy and entry.string == before
    assert any(r.endswith(f"fuzzy: msgid {new!r} (it was {old!r})") for r in report), report


def test_an_old_comment_is_not_taken_for_the_previous_msgid(project):
    """ko has '# | msgid "Office hours"' above "Offline copies", left by an older update: when
    "Offline copies" is edited, its previous msgid is "Offline copies", from pybabel's `#|`."""
    po = project.catalog("ko")
    assert '# | msgid "Office hours"\n#: overrides/generated/downloads.html:9\nmsgid "Offline copies"' in po.read_text("utf-8")
    edit_template(project, 'msgid "Offline copies"', 'msgid "Offline copy"')
    report = catalogs.update(project, ["ko"])
    line = line_of(po, 'msgid "Offline copy"')
    assert f"locales/ko/LC_MESSAGES/messages.po:{line}: fuzzy: msgid 'Offline copy' (it was 'Offline copies')" in report, report
