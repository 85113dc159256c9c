"""Hosting profiles: an organisation's overlay, applied without editing the project's files.

    guidekit build --profile profiles/example-ngo.yml

A profile names the organisation (and its logo and contact), where the copy is published
(site_url), which languages to build and which one to serve at the root, channels of its own
(same schema and checks as data/), where to place them (home page, support page, emergency card),
channels to hide, the quick-exit destination per language, its colours (checked against WCAG
contrast), and whether moving between pages keeps one history entry per visit (history: single,
the default) or the browser's usual history (history: normal). Every error names the file, the
line and the key, inside channels: too.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (AfterValidator, BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator,
                      model_validator)

from guidekit.channels import DATA_FILES, Entry, Text, _text, load_file, validate_entry
from guidekit.errors import GuidekitError
from guidekit.positions import YamlDoc
from guidekit.project import Project
from guidekit.security import https_url_problem

HEX = re.compile(r"#[0-9a-fA-F]{6}")
MIN_CONTRAST = 4.5  # WCAG 2.1 AA for normal text


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
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


class Placement(_Strict):
    """Channel ids (the profile's own or data/'s) to show without editing docs/."""
    home: list[str] = []     # the home page, after its 24-hour numbers
    support: list[str] = []  # the support page, at its end
    card: list[str] = []     # the emergency card, after its numbers (entries with a phone number)


def _known_language(code: str, info: ValidationInfo) -> str:
    known = (info.context or {}).get("languages")
    if known is not None and code not in known:
        raise ValueError(f"unknown language code '{code}'; this project has {', '.join(known)}")
    return code


def _exit_url(url: str) -> str:
    problem = https_url_problem(url)
    if problem:
        raise ValueError(f"the destination {problem}; give the https:// address of a neutral site (a weather "
                         "or news page)")
    return url


LanguageCode = Annotated[str, AfterValidator(_known_language)]
ExitUrl = Annotated[str, AfterValidator(_exit_url)]


class ProfileModel(_Strict):
    organisation: Organisation
    site_url: str | None = None
    languages: list[LanguageCode] | None = None
    root_language: LanguageCode | None = None
    channels: list[dict] = []
    place_channels: Placement | None = None
    hide_channels: list[str] = []
    quick_exit: dict[LanguageCode, ExitUrl] = {}
    colours: Colours | None = None
    # "single": moving between the guide's pages replaces the history entry (one entry per visit,
    # so Back after quick exit leaves the guide); "normal": the browser's usual history.
    history: Literal["single", "normal"] = "single"

    @field_validator("site_url")
    @classmethod
    def _site_url(cls, v):
        if v is not None and (not re.fullmatch(r"https?://[^\s/]+(/\S*)?", v) or re.search(r"[\"'<>`]", v)):
            raise ValueError("must be the full address of the copy, e.g. https://help.example.org/guide/")
        return v if v is None or v.endswith("/") else v + "/"

    @model_validator(mode="after")
    def _root_in_languages(self):
        if self.languages and self.root_language and self.root_language not in self.languages:
            raise ValueError(f"root_language '{self.root_language}' is not in languages")
        return self


class Profile:
    def __init__(self, path: Path, model: ProfileModel, project: Project, doc: YamlDoc | None = None):
        self.path, self.model, self.project, self.doc = path, model, project, doc
        self._channels: list[Entry] = []

    def line(self, loc) -> int | None:
        return self.doc.line(loc) if self.doc else None

    @classmethod
    def load(cls, path: Path, project: Project) -> "Profile":
        path = Path(path).resolve()
        doc = YamlDoc.read(path, what="profile")
        raw = doc.data
        if not isinstance(raw, dict):
            raise GuidekitError("a profile is a mapping of settings (organisation:, languages:, …)", file=path,
                                line=1)
        doc.check_commented_values()
        try:
            model = ProfileModel.model_validate(raw, context={"languages": project.all_languages})
        except ValidationError as e:
            err = next((x for x in e.errors() if x["type"] == "extra_forbidden"), e.errors()[0])
            if err["type"] == "extra_forbidden" and len(err["loc"]) == 1:
                raise GuidekitError(f"unknown key '{err['loc'][0]}'", file=path, line=doc.line(err["loc"]),
                                    hint="see profiles/example-ngo.yml for the keys a profile takes") from None
            raise doc.validation_error(e, hint="see profiles/example-ngo.yml for the keys a profile takes") from None
        profile = cls(path, model, project, doc)
        profile._channels = [validate_entry(c, doc, ("channels", i), prefix="channels: ")
                             for i, c in enumerate(model.channels)]
        profile._check_channel_ids()
        if model.organisation.logo and not (path.parent / model.organisation.logo).is_file():
            raise GuidekitError(f"logo file '{model.organisation.logo}' not found next to the profile",
                                file=path, line=doc.line(("organisation", "logo")))
        return profile

    def _check_channel_ids(self) -> None:
        """Hidden and placed ids exist; placed ones are not hidden; the card's have a phone."""
        entries = {e.id: e for name in DATA_FILES for e in load_file(self.project.root / "data" / name)}
        for e in self._channels:
            if e.id in entries:
                raise GuidekitError(f"channels: id '{e.id}' is already in data/; give your entry its own id",
                                    file=self.path, line=self.line(("channels", self._channels.index(e), "id")))
            entries[e.id] = e
        for i, ident in enumerate(self.model.hide_channels):
            if ident not in entries:
                raise GuidekitError(f"hide_channels: unknown channel id '{ident}'", file=self.path,
                                    line=self.line(("hide_channels", i)),
                                    hint="use an id from data/channels.yml or data/platforms.yml")
        for where in ("home", "support", "card"):
            for i, ident in enumerate(self.placed(where)):
                loc = ("place_channels", where, i)
                if ident not in entries:
                    raise GuidekitError(f"place_channels.{where}: unknown channel id '{ident}'", file=self.path,
                                        line=self.line(loc), hint="use an id from channels: above or from data/")
                if ident in self.model.hide_channels:
                    raise GuidekitError(f"place_channels.{where}: '{ident}' is also in hide_channels",
                                        file=self.path, line=self.line(loc))
                if where == "card" and not entries[ident].phones:
                    raise GuidekitError(f"place_channels.card: '{ident}' has no phone number for the card",
                                        file=self.path, line=self.line(loc),
                                        hint="the card lists numbers; place an entry with phones:")

    def placed(self, where: str | None) -> list[str]:
        placement = self.model.place_channels
        return list(getattr(placement, where, [])) if placement and where else []

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
