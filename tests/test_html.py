"""Every built page is valid HTML (Nu HTML Checker, errors only)."""
from __future__ import annotations

import shutil

import pytest
from pathlib import Path

from guidekit.checks.html import validate

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def java():
    from system import find, require
    return require(find("java"), "default-jre-headless", "The HTML check (Nu HTML Checker)")


def test_every_page_is_valid_html(site):
    count, errors, _ = validate(site, ROOT)
    assert count >= 25
    assert not errors, "\n".join(f"{e.get('url')}:{e.get('lastLine')}: {e.get('message')}" for e in errors[:30])


def test_checker_finds_planted_errors(site, tmp_path):
    copy = tmp_path / "site"
    copy.mkdir()
    shutil.copy2(site / "index.html", copy / "index.html")
    page = copy / "index.html"
    page.write_text(page.read_text("utf-8").replace("</article>", "<p><div>bad nesting</p></article>", 1), "utf-8")
    count, errors, _ = validate(copy, ROOT)
    assert count == 1 and errors
