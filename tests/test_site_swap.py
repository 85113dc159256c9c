"""Replacing site/ is atomic: at every moment of the swap a reader finds a complete site, the old
one or the new one, never a missing or half-deleted folder."""
from __future__ import annotations

import os
import shutil

import pytest

from guidekit import build


def make_site(folder, label: str):
    (folder / "en").mkdir(parents=True)
    (folder / "index.html").write_text(label, "utf-8")
    (folder / "en" / "index.html").write_text(label, "utf-8")
    return folder


@pytest.fixture
def watched(monkeypatch, tmp_path):
    """Checks site/ after every file-system call the swap makes."""
    target = make_site(tmp_path / "site", "old")
    seen = []

    def check(what):
        home, inner = target / "index.html", target / "en" / "index.html"
        state = (home.read_text("utf-8") if home.exists() else None,
                 inner.read_text("utf-8") if inner.exists() else None)
        seen.append((what, state))
        assert state in (("old", "old"), ("new", "new")), f"after {what}, site/ is {state}"

    def watch(module, name):
        real = getattr(module, name)

        def wrapper(*args, **kwargs):
            result = real(*args, **kwargs)
            check(f"{module.__name__}.{name}")
            return result
        monkeypatch.setattr(module, name, wrapper)

    for name in ("replace", "rename", "rmdir", "remove", "unlink"):
        watch(os, name)
    for name in ("rmtree", "move", "copytree"):
        watch(shutil, name)
    return target, seen


def test_swap_never_leaves_site_missing_or_mixed(watched, tmp_path):
    target, seen = watched
    new = make_site(tmp_path / "new", "new")
    build.swap_in(new, target)
    assert (target / "index.html").read_text("utf-8") == "new"
    assert (target / "en" / "index.html").read_text("utf-8") == "new"
    assert not new.exists(), "the old site is removed afterwards"
    assert seen, "the swap was observed"


def test_the_check_catches_a_swap_in_two_steps(watched, tmp_path, monkeypatch):
    """Delete-then-rename, the mistake this guards against, is caught."""
    target, _ = watched
    new = make_site(tmp_path / "new", "new")

    def two_steps(new, target):
        shutil.rmtree(target)
        os.replace(new, target)
    monkeypatch.setattr(build, "swap_in", two_steps)
    with pytest.raises(AssertionError, match="site/ is"):
        build.swap_in(new, target)
