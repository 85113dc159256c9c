"""Where the project lives and what its languages are.

Languages are discovered from locales/<code>/mkdocs.yml; the source language and the language
served at the site root are settings in the base mkdocs.yml (extra.guidekit), not code.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from guidekit.errors import GuidekitError
from guidekit.positions import YamlDoc


def read_yaml(path: Path, *, what: str = "YAML file") -> object:
    """A configuration file's value (mkdocs.yml may carry MkDocs' !ENV and !!python/… tags: they
    read as None); an error names the file and line (guidekit.positions)."""
    return YamlDoc.read(path, what=what).data


def find_root(start: Path | None = None) -> Path:
    """The project root: the nearest folder upwards with mkdocs.yml and locales/."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "locales").is_dir():
            return folder
    raise GuidekitError("no guidekit project here (looked for mkdocs.yml beside a locales/ folder)",
                        file=here, hint="run the command from the project's checkout")


@dataclass
class Project:
    root: Path
    # This build's languages and the one at the root, when BuildSettings.decide has chosen them.
    only_languages: list[str] | None = None
    root_language_override: str | None = None
    _settings: dict = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, root: Path | None = None) -> "Project":
        root = find_root(root)
        base = read_yaml(root / "mkdocs.yml", what="base configuration") or {}
        settings = ((base.get("extra") or {}).get("guidekit") or {}) if isinstance(base, dict) else {}
        return cls(root=root, _settings=settings)

    @property
    def source_language(self) -> str:
        return self._settings.get("source_language", "en")

    @property
    def default_language(self) -> str:
        return self.root_language_override or self._settings.get("default_language", self.source_language)

    @cached_property
    def all_languages(self) -> list[str]:
        found = sorted(p.parent.name for p in (self.root / "locales").glob("*/mkdocs.yml"))
        if self.source_language not in found:
            raise GuidekitError(f"the source language '{self.source_language}' has no locales/"
                                f"{self.source_language}/mkdocs.yml", file=self.root / "mkdocs.yml",
                                hint="set extra.guidekit.source_language to a language that exists")
        return found

    @property
    def languages(self) -> list[str]:
        """Languages to build, the root language first."""
        langs = self.only_languages or self.all_languages
        return sorted(langs, key=lambda code: (code != self.default_language, code))

    def config_file(self, lang: str) -> Path:
        return self.root / "locales" / lang / "mkdocs.yml"

    def docs_dir(self, lang: str) -> Path:
        return self.root / "docs" / lang

    def catalog(self, lang: str) -> Path:
        return self.root / "locales" / lang / "LC_MESSAGES" / "messages.po"

    @property
    def template(self) -> Path:
        return self.root / "locales" / "messages.pot"

    @property
    def cache_dir(self) -> Path:
        return self.root / ".cache" / "guidekit"

    def check_languages(self, codes: list[str]) -> list[str]:
        unknown = [c for c in codes if c not in self.all_languages]
        if unknown:
            raise GuidekitError(f"unknown language code(s): {', '.join(unknown)}; this project has "
                                f"{', '.join(self.all_languages)}",
                                hint="pick from those, or add one with `guidekit add-language CODE`")
        return codes

    def url_prefix(self, lang: str) -> str:
        """Where a language lives in the assembled site, relative to its root ('' or 'en/')."""
        return "" if lang == self.default_language else f"{lang}/"
