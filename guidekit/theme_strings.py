"""Material's own interface strings (skip link, search box, "Copied to clipboard", footer …) for
every language Babel knows.

Material ships a partial with these strings for some sixty languages
(material/templates/partials/languages/CODE.html). For a language it has none for (Nepali, Khmer …)
the site uses ours, overrides/partials/languages/catalog.html, whose strings are msgids of the
project's gettext catalogs: a translator then translates locales/CODE/LC_MESSAGES/messages.po and
nothing else. overrides/partials/language.html picks the partial named here.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

CATALOG_PARTIAL = "partials/languages/catalog.html"
SETTING = "guidekit_theme_strings"


@lru_cache(maxsize=None)
def material_languages() -> frozenset[str]:
    """The languages Material for MkDocs has a partial of interface strings for."""
    import material
    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    return frozenset(p.stem for p in folder.glob("*.html"))


def partial_for(language: str) -> str:
    """The template with the theme's strings for `language` (its theme.language)."""
    if language in material_languages():
        return f"partials/languages/{language}.html"
    return CATALOG_PARTIAL


TEMPLATE_FILE = "overrides/" + CATALOG_PARTIAL  # where its msgids are extracted from


def uses_catalog(project, lang: str) -> bool:
    """Whether `lang` takes the theme's strings from its catalog (so they count in its status)."""
    from guidekit.project import read_yaml
    conf = read_yaml(project.config_file(lang), what="language configuration") or {}
    theme = conf.get("theme") if isinstance(conf, dict) else None
    return partial_for((theme or {}).get("language") or lang) == CATALOG_PARTIAL


def configure(config) -> None:
    """Tell partials/language.html which partial to import (MkDocs config, before any template
    is rendered: Material's search plugin reads its settings through that partial)."""
    config.extra[SETTING] = partial_for(config.theme["language"])
