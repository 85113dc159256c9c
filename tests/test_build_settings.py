"""The build's settings are decided once (guidekit/build_settings.py): which languages, which one
at the site root, and the hosting profile, which the language builds get from the command line
instead of loading it again."""
from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from guidekit.build import build_all
from guidekit.build_settings import BuildSettings
from guidekit.errors import GuidekitError
from guidekit.profiles import Profile
from guidekit.project import Project

ROOT = Path(__file__).resolve().parents[1]
PROFILE = ROOT / "profiles" / "example-ngo.yml"


@pytest.fixture(scope="module")
def project() -> Project:
    return Project.load(ROOT)


@pytest.fixture(scope="module")
def profile(project) -> Profile:
    return Profile.load(PROFILE, project)


def test_every_language_with_the_configured_root_first(project):
    settings = BuildSettings.decide(project)
    assert settings.languages[0] == settings.root_language == "ko"
    assert sorted(settings.languages) == project.all_languages
    assert settings.project.url_prefix("ko") == "" and settings.project.url_prefix("en") == "en/"


def test_a_subset_without_the_root_language_puts_its_first_language_at_the_root(project):
    settings = BuildSettings.decide(project, ["vi", "en"])
    assert settings.root_language == "vi" and settings.languages == ["vi", "en"]
    assert settings.project.url_prefix("vi") == "" and settings.project.url_prefix("en") == "en/"
    assert project.default_language == "ko", "the project it was decided from is left as it was"


def test_the_profile_decides_languages_and_root_unless_lang_narrows_them(project, profile):
    settings = BuildSettings.decide(project, profile=profile)
    assert settings.languages == [profile.root_language, *[l for l in profile.languages if l != profile.root_language]]
    narrowed = BuildSettings.decide(project, ["en"], profile)
    assert narrowed.languages == ["en"] and narrowed.root_language == "en"
    # the worker processes get the settings pickled, the loaded profile with them
    copy = pickle.loads(pickle.dumps(settings))
    assert copy.languages == settings.languages and copy.profile.channels()[1] == profile.channels()[1]


def test_without_its_root_language_the_profile_falls_back_to_the_configured_root(project):
    profile = Profile.load(PROFILE, project)
    profile.model = profile.model.model_copy(update={"root_language": "en"})
    assert BuildSettings.decide(project, ["vi", "ko"], profile).root_language == "ko"
    assert BuildSettings.decide(project, ["vi", "ja"], profile).root_language == "vi"


def test_a_plain_mkdocs_build_makes_the_same_settings_from_mkdocs_yml(project):
    settings = BuildSettings.from_mkdocs({"source_language": "en", "default_language": "ko"}, ROOT)
    assert settings.profile is None and settings.root_language == "ko"
    assert settings.languages == BuildSettings.decide(project).languages


def test_an_unknown_language_is_refused(project):
    with pytest.raises(GuidekitError, match="unknown language code"):
        BuildSettings.decide(project, ["xx"])


def test_the_language_builds_use_the_profile_the_command_line_loaded(project_copy, tmp_path, monkeypatch):
    project = Project.load(project_copy)
    profile = Profile.load(project_copy / "profiles" / "example-ngo.yml", project)

    def loaded_again(*args, **kwargs):
        raise AssertionError("a language build loaded the profile again")
    monkeypatch.setattr(Profile, "load", classmethod(loaded_again))
    results = build_all(project, langs=["en"], profile=profile, jobs=1, site_dir=tmp_path / "site",
                        log=lambda message: None)
    assert results["en"].ok, results["en"].error
    home = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert profile.model.organisation.name.get_text("en") in home, "the profile's name is on the page"
