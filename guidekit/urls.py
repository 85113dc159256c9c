"""URLs between languages in the assembled site (root language at /, the others at /<lang>/)."""
from __future__ import annotations

from guidekit.project import Project


def to_site_root(page_url: str, lang: str, project: Project) -> str:
    """Relative path from a page of `lang` up to the root of the assembled site."""
    depth = page_url.count("/") + (0 if lang == project.default_language else 1)
    return "../" * depth


def cross_language(page_url: str, lang: str, target: str, project: Project) -> str:
    """Relative URL from a page in `lang` to the same page in `target`."""
    url = to_site_root(page_url, lang, project) + project.url_prefix(target) + page_url
    return url or "./"


def absolute(site_url: str, target: str, page_url: str, project: Project) -> str:
    return site_url.rstrip("/") + "/" + project.url_prefix(target) + page_url
