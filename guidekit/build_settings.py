"""What every language build of one `guidekit build` shares, decided once.

The settings come from the base mkdocs.yml (extra.guidekit: the source language and the language
at the site root), the hosting profile and the command line. `guidekit build` decides them here,
loads the profile once, and hands the same object to each language's MkDocs build as
`extra.guidekit`. A plain `mkdocs build` or `guidekit serve` of one language has only its
mkdocs.yml: `from_mkdocs` makes the same object from that.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from guidekit.profiles import Profile
from guidekit.project import Project


@dataclass(frozen=True)
class BuildSettings:
    project: Project                # its languages and root language are this build's
    profile: Profile | None = None
    offline_bundles: dict[str, str] = field(default_factory=dict)  # language → ZIP on the downloads page
    # The translation status of every language (status.report), shown on each language's status
    # page: worked out once for the whole build rather than in each language's worker.
    translation_status: list[dict] | None = None

    @property
    def source_language(self) -> str:
        return self.project.source_language

    @property
    def root_language(self) -> str:
        return self.project.default_language

    @property
    def languages(self) -> list[str]:
        """This build's languages, the root language first."""
        return self.project.languages

    @classmethod
    def decide(cls, project: Project, langs: list[str] | None = None, profile: Profile | None = None,
               ) -> "BuildSettings":
        """The languages are --lang, else the profile's, else all. At the root goes the first of
        these that the build has: the profile's root language, mkdocs.yml's default_language, the
        build's first language (a subset without the root language is still a site)."""
        chosen = project.check_languages(list(langs or (profile.languages if profile else None)
                                              or project.all_languages))
        preferred = [profile.root_language] if profile and profile.root_language else []
        root = next((l for l in [*preferred, project.default_language] if l in chosen), chosen[0])
        return cls(dataclasses.replace(project, only_languages=chosen, root_language_override=root), profile)

    @classmethod
    def from_mkdocs(cls, settings: dict, root: Path) -> "BuildSettings":
        """From a language's mkdocs.yml alone (its extra.guidekit, which may name a profile)."""
        project = Project(root=root, _settings=settings)
        return cls.decide(project, profile=Profile.from_settings(settings.get("profile"), project))

    def with_bundles(self, bundles: dict[str, str]) -> "BuildSettings":
        return dataclasses.replace(self, offline_bundles=dict(bundles))

    def with_translation_status(self) -> "BuildSettings":
        from guidekit import status
        return dataclasses.replace(self, translation_status=status.report(self.project, translated_languages(self.project)))


def translated_languages(project: Project) -> list[str]:
    return [lang for lang in project.all_languages if lang != project.source_language]
