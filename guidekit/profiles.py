"""Hosting profiles: an organisation's overlay, applied without editing the project's files.

    guidekit build --profile profiles/example-ngo.yml

A profile names the organisation (and its logo and contact), where the copy is published
(site_url), which languages to build and which one to serve at the root, channels of its own
(same schema and checks as data/), channels to hide, the quick-exit destination per language and
its colours (checked against WCAG contrast), and whether moving between pages keeps one history
entry per visit (history: single, the default) or the browser's usual history (history: normal).
Unknown keys are errors that name the key.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from guidekit.channels import Entry, _text, Text
from guidekit.errors import GuidekitError
from guidekit.project import Project, read_yaml

HEX = re.compile(r"#[0-9a-fA-F]{6}")
MIN_CONTRAST = 4.5  # WCAG 2.1 AA for normal text


def _luminance(colour: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)


class Organisation(_Strict):
    name: Text
    logo: str | None = None
    contact: Text | None = None
    url: str | None = None

    _texts = field_validator("name", "contact", mode="before")(lambda v: None if v is None else _text(v))

    @field_validator("url")
    @classmethod
    def _https(cls, v):
        if v is not None and not v.startswith("https://"):
            raise ValueError("must be an https URL")
        return v


class Colours(_Strict):
    primary: str | None = None  # header background, under white text
    accent: str | None = None   # links and buttons, on the white page

    @field_validator("primary", "accent")
    @classmethod
    def _colour(cls, v, info):
        if v is None:
            return v
        if not HEX.fullmatch(v):
            raise ValueError(f"'{v}' is not a colour written #rrggbb")
        ratio = contrast(v, "#ffffff")
        if ratio < MIN_CONTRAST:
            raise ValueError(f"{v} has a contrast of {ratio:.2f}:1 with white; WCAG AA needs at least "
                             f"{MIN_CONTRAST}:1, choose a darker colour")
        return v.lower()


class ProfileModel(_Strict):
    organisation: Organisation
    site_url: str | None = None
    languages: list[str] | None = None
    root_language: str | None = None
    channels: list[dict] = []
    hide_channels: list[str] = []
    quick_exit: dict[str, str] = {}
    colours: Colours | None = None
    # "single": moving between the guide's pages replaces the history entry (one entry per visit,
    # so Back after quick exit leaves the guide); "normal": the browser's usual history.
    history: Literal["single", "normal"] = "single"

    @field_validator("site_url")
    @classmethod
    def _site_url(cls, v):
        if v is not None and not re.fullmatch(r"https?://[^\s/]+(/\S*)?", v):
            raise ValueError("must be the full address of the copy, e.g. https://help.example.org/guide/")
        return v if v is None or v.endswith("/") else v + "/"

    @field_validator("quick_exit")
    @classmethod
    def _exit(cls, v):
        for lang, url in v.items():
            if not str(url).startswith("https://"):
                raise ValueError(f"the '{lang}' destination must be an https URL")
        return v

    @model_validator(mode="after")
    def _root_in_languages(self):
        if self.languages and self.root_language and self.root_language not in self.languages:
            raise ValueError(f"root_language '{self.root_language}' is not in languages")
        return self


class Profile:
    def __init__(self, path: Path, model: ProfileModel, project: Project):
        self.path, self.model, self.project = path, model, project
        self._channels: list[Entry] = []

    @classmethod
    def load(cls, path: Path, project: Project) -> "Profile":
        path = Path(path).resolve()
        raw = read_yaml(path, what="profile")
        if not isinstance(raw, dict):
            raise GuidekitError("a profile is a mapping of settings (organisation:, languages:, …)", file=path)
        try:
            model = ProfileModel.model_validate(raw)
        except ValidationError as e:
            err = e.errors()[0]
            key = ".".join(str(p) for p in err["loc"])
            if err["type"] == "extra_forbidden":
                raise GuidekitError(f"unknown key '{key}'", file=path, line=_line_of(path, err["loc"][-1]),
                                    hint="see profiles/example-ngo.yml for the keys a profile takes") from None
            raise GuidekitError(f"'{key}': {err['msg'].removeprefix('Value error, ')}", file=path,
                                line=_line_of(path, err["loc"][-1] if err["loc"] else None)) from None
        if model.languages:
            project.check_languages(model.languages)
        if model.root_language:
            project.check_languages([model.root_language])
        for lang in model.quick_exit:
            project.check_languages([lang])
        profile = cls(path, model, project)
        try:
            profile._channels = [_entry(c, i) for i, c in enumerate(model.channels)]
        except GuidekitError as e:
            e.file = path
            raise
        if model.organisation.logo and not (path.parent / model.organisation.logo).is_file():
            raise GuidekitError(f"logo file '{model.organisation.logo}' not found next to the profile",
                                file=path, line=_line_of(path, "logo"))
        return profile

    @classmethod
    def from_settings(cls, value, project: Project) -> "Profile | None":
        return cls.load(Path(value), project) if value else None

    @property
    def languages(self) -> list[str] | None:
        return self.model.languages

    @property
    def root_language(self) -> str | None:
        return self.model.root_language or (self.model.languages[0] if self.model.languages else None)

    def channels(self) -> tuple[list[tuple[Path, Entry]], tuple[str, ...]]:
        return [(self.path, e) for e in self._channels], tuple(self.model.hide_channels)

    @property
    def site_url(self) -> str | None:
        return self.model.site_url

    def logo_path(self) -> Path | None:
        logo = self.model.organisation.logo
        return (self.path.parent / logo) if logo else None

    def apply_to_config(self, config, lang: str) -> None:
        if lang in self.model.quick_exit:
            config.extra.setdefault("quick_exit", {})["url"] = self.model.quick_exit[lang]
        config.extra["history"] = self.model.history
        org = self.model.organisation
        config.extra["organisation"] = {
            "name": org.name.get_text(lang), "contact": org.contact.get_text(lang) if org.contact else None,
            "url": org.url,
        }

    def css(self) -> str:
        c = self.model.colours
        if not c:
            return ""
        rules = []
        if c.primary:
            rules.append(f"--md-primary-fg-color: {c.primary}; --md-primary-fg-color--dark: {c.primary};")
        if c.accent:
            rules.append(f"--md-accent-fg-color: {c.accent}; --md-typeset-a-color: {c.accent};")
        return ":root, [data-md-color-scheme=default] { " + " ".join(rules) + " }\n"


def _entry(raw: dict, index: int) -> Entry:
    try:
        return Entry.model_validate(raw)
    except ValidationError as e:
        err = e.errors()[0]
        field = ".".join(str(p) for p in err["loc"])
        ident = raw.get("id", f"#{index + 1}") if isinstance(raw, dict) else f"#{index + 1}"
        raise GuidekitError(f"channels: entry '{ident}', field '{field}': "
                            f"{err['msg'].removeprefix('Value error, ')}") from None


def _line_of(path: Path, key) -> int | None:
    if key is None:
        return None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if re.match(rf"\s*{re.escape(str(key))}\s*:", line):
            return number
    return None
