"""Checks of a language's settings before anything is built: the quick exit needs a real
destination, and the settings Material inserts as they are stay plain text. Errors name the file
and line where the setting is written (the language's mkdocs.yml, the base it inherits, or the
hosting profile)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from guidekit import security
from guidekit.errors import GuidekitError
from guidekit.positions import YamlDoc

if TYPE_CHECKING:
    from guidekit.language_build import LanguageBuild

# Language settings that Material's templates insert as they are: plain text only.
PLAIN_TEXT_SETTINGS = ("site_name", "site_description", "copyright")


def setting_line(build: "LanguageBuild", loc) -> tuple[Path, int | None]:
    """Where a setting is written: the language's mkdocs.yml, else the base it inherits."""
    own = build.project.config_file(build.lang)
    for path in (own, build.project.root / "mkdocs.yml"):
        try:
            doc = YamlDoc.read(path)
        except GuidekitError:
            continue
        node = doc.data
        for part in loc:
            node = node.get(part) if isinstance(node, dict) else None
        if node is not None:
            return path, doc.line(loc)
    return own, None


def check(config, build: "LanguageBuild") -> None:
    quick_exit = config.extra.get("quick_exit")
    exit_url = (quick_exit if isinstance(quick_exit, dict) else {}).get("url")
    problem = security.https_url_problem(exit_url)
    if problem:
        if build.profile and build.lang in build.profile.model.quick_exit:
            path, line = build.profile.path, build.profile.line(("quick_exit", build.lang))
        else:
            path, line = setting_line(build, ("extra", "quick_exit", "url"))
            if exit_url is None:
                problem = "is missing"
        raise GuidekitError(
            f"the quick-exit destination (extra.quick_exit.url) of '{build.lang}' {problem}", file=path, line=line,
            hint="set extra: quick_exit: url: to the https:// address of a neutral site in this language "
                 "(a weather or news page); without it the exit button would reload the guide")
    for key in PLAIN_TEXT_SETTINGS:
        value = getattr(config, key, None)
        if isinstance(value, str) and re.search(r"[<>]", value):
            path, line = setting_line(build, (key,))
            raise GuidekitError(f"{key} is plain text and may not contain < or >: {value[:60]!r}",
                                file=path, line=line, hint="write it without HTML")
