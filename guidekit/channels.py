"""Reporting channels, support services and platform tools as typed data (data/*.yml).

Every phone number and URL a page shows comes from here, with the source and the date that back
it. The schema rejects an entry without source or verified date (or with one in the future), a
phone number that is not a valid E.164 number (or a Korean service number such as 112) or whose
digits differ from the number it displays, a URL that is not https, a duplicate id and an unknown
language code; the error names the file, the line, the entry and the field.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Literal

import phonenumbers
from babel import Locale, UnknownLocaleError
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from guidekit import data_texts
from guidekit.data_texts import RawFile
from guidekit.errors import GuidekitError
from guidekit.positions import YamlDoc
NEEDS = ("emergency", "reporting", "deletion", "legal", "support", "platforms")
DATA_FILES = ("channels.yml", "platforms.yml")
SOURCE_LANGUAGE = "en"  # text maps must always have the source language
# Korean service numbers that libphonenumber's short-number data does not know yet, each with
# what backs it. Any other 3–4 digit number must be one libphonenumber knows for the country.
SERVICE_NUMBERS = {
    "KR": {"109": "suicide prevention line, one number since 1 January 2024 (data/channels.yml: suicide-109)"},
}


def known_language(code: str) -> bool:
    try:
        Locale.parse(code.replace("-", "_"))
        return True
    except (ValueError, UnknownLocaleError):
        return False


class Text(dict):
    """Text per language, e.g. {en: Police, ko: 경찰}; falls back to the source language."""

    def get_text(self, lang: str) -> str:
        return self.get(lang) or self[SOURCE_LANGUAGE]

    def has(self, lang: str) -> bool:
        return bool(self.get(lang))


def _text(value: object) -> Text:
    if isinstance(value, str):
        value = {SOURCE_LANGUAGE: value}
    if not isinstance(value, dict):
        raise ValueError("must be a text, or a mapping of language code to text")
    for code, text in value.items():
        if not known_language(str(code)):
            raise ValueError(f"unknown language code '{code}'")
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"the '{code}' text must be a non-empty string")
    if SOURCE_LANGUAGE not in value:
        raise ValueError(f"needs at least the source language '{SOURCE_LANGUAGE}'")
    return Text(value)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class Phone(Strict):
    display: str = Field(description="as written locally, e.g. 02-735-8994")
    tel: str = Field(description="E.164 (+8227358994), or a short code dialled as is (112)")
    key: str | None = None
    label: Text | None = None
    country: str = "KR"

    _check_label = field_validator("label", mode="before")(lambda v: None if v is None else _text(v))

    @field_validator("tel")
    @classmethod
    def _valid_tel(cls, v: str) -> str:
        if re.fullmatch(r"\d{3,4}", v):  # a service number (112, 1366 …), checked with the country below
            return v
        try:
            number = phonenumbers.parse(v, None)
        except phonenumbers.NumberParseException:
            number = None
        if not v.startswith("+") or number is None or not phonenumbers.is_valid_number(number) \
                or phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) != v:
            raise ValueError(f"'{v}' is not a valid E.164 number (write it as +<country><number> with "
                             "no spaces, e.g. +8227358994) nor a 3–4 digit Korean service number")
        return v

    @model_validator(mode="after")
    def _display_matches_tel(self):
        """The number a reader sees is the number a tap dials: 02-735-8994 ⇔ +8227358994."""
        if re.fullmatch(r"\d{3,4}", self.tel):
            short = phonenumbers.parse(self.tel, self.country)
            if not (phonenumbers.shortnumberinfo.is_valid_short_number_for_region(short, self.country)
                    or self.tel in SERVICE_NUMBERS.get(self.country, {})):
                raise ValueError(f"tel '{self.tel}' is not a service number known for {self.country}; check "
                                 "it against its source (a new one goes into SERVICE_NUMBERS in "
                                 "guidekit/channels.py with what backs it), or write the full number as E.164")
            if re.sub(r"\D", "", self.display) != self.tel:
                raise ValueError(f"display '{self.display}' does not show the number tel '{self.tel}' dials; "
                                 "write the same digits in both")
            return self
        number = phonenumbers.parse(self.tel, None)
        region = phonenumbers.region_code_for_number(number) or self.country
        shown = {phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164)
                 for m in phonenumbers.PhoneNumberMatcher(self.display, region)}
        if shown != {self.tel}:
            national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
            raise ValueError(f"display '{self.display}' does not show the number tel '{self.tel}' dials "
                             f"({national}); write the same number in both")
        return self

    @property
    def href(self) -> str:
        return f"tel:{self.tel}"


class Link(Strict):
    url: str
    key: str | None = None
    label: Text | None = None

    _check_label = field_validator("label", mode="before")(lambda v: None if v is None else _text(v))

    @field_validator("url")
    @classmethod
    def _https(cls, v: str) -> str:
        if not re.fullmatch(r"https://[^\s/$.?#][^\s]*", v):
            raise ValueError(f"'{v}' is not an https URL (write the full address, starting with https://)")
        return v


# -- text routes (issue 12): reaching a channel by text message or KakaoTalk ---------------------
class TextRoute(Strict):
    """A way to write to a channel instead of calling it: an SMS number (`sms`, checked like a
    phone's `tel`) or a KakaoTalk channel (`kakaotalk`, its https address), with the source that
    says the channel answers there. Its card shows it as a button next to the call button."""
    sms: str | None = None
    kakaotalk: str | None = None
    display: str | None = Field(default=None, description="the number as written locally; defaults to sms")
    key: str | None = None
    label: Text | None = None
    source: str

    _check_label = field_validator("label", mode="before")(lambda v: None if v is None else _text(v))

    @field_validator("sms")
    @classmethod
    def _sms(cls, v):
        if v is None:
            return v
        try:
            Phone(display=v, tel=v)
        except ValidationError as e:
            raise ValueError(e.errors()[0]["msg"].removeprefix("Value error, ")) from None
        return v

    @field_validator("kakaotalk", "source")
    @classmethod
    def _https(cls, v):
        if v is not None and not re.fullmatch(r"https://[^\s/$.?#][^\s]*", v):
            raise ValueError(f"'{v}' is not an https URL (write the full address, starting with https://)")
        return v

    @model_validator(mode="after")
    def _one_route(self):
        if (self.sms is None) == (self.kakaotalk is None):
            raise ValueError("a text route has either 'sms' (a number) or 'kakaotalk' (an https address)")
        return self

    @property
    def href(self) -> str:
        return f"sms:{self.sms}" if self.sms else str(self.kakaotalk)

    @property
    def shown(self) -> str:
        return self.display or self.sms or ""
# -- end of text routes -----------------------------------------------------------------------------


class Entry(Strict):
    id: str
    need: Literal[NEEDS]  # type: ignore[valid-type]
    name: Text
    what: Text
    who: Text | None = None
    phones: tuple[Phone, ...] = ()
    links: tuple[Link, ...] = ()
    texts: tuple[TextRoute, ...] = ()  # text message / KakaoTalk routes (issue 12)
    hours: Literal["always", "online", "office", "varies"] | None = None
    hours_note: Text | None = None
    cost: Literal["free", "free-service", "varies"] | None = None
    languages: tuple[str, ...] = ()
    note: Text | None = Field(default=None, description="what is uncertain about this entry")
    source: str
    sources: tuple[str, ...] = ()
    verified: dt.date

    _texts = field_validator("name", "what", "who", "hours_note", "note", mode="before")(
        lambda v: None if v is None else _text(v))

    @field_validator("verified")
    @classmethod
    def _not_in_the_future(cls, v: dt.date) -> dt.date:
        if v > dt.date.today():
            raise ValueError(f"{v} is in the future (today is {dt.date.today()}); write the day you "
                             "checked the entry against its source")
        return v

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", v):
            raise ValueError(f"'{v}' is not a valid id: use lower-case letters, digits and hyphens")
        return v

    @field_validator("source", "sources")
    @classmethod
    def _source_https(cls, v):
        for url in ([v] if isinstance(v, str) else v):
            if not re.fullmatch(r"https://\S+", url):
                raise ValueError(f"'{url}' is not an https URL; the source must be a page a reader can open")
        return v

    @field_validator("languages")
    @classmethod
    def _languages(cls, v):
        for code in v:
            if not known_language(code):
                raise ValueError(f"unknown language code '{code}'")
        return v

    @model_validator(mode="after")
    def _reachable(self):
        if not self.phones and not self.links:
            raise ValueError("an entry needs at least one phone number or link")
        keys = [p.key for p in self.phones if p.key] + [l.key for l in self.links if l.key]
        if len(keys) != len(set(keys)):
            raise ValueError("phone and link keys must be unique within an entry")
        return self

    def phone(self, key: str | None = None) -> Phone | None:
        if key is None:
            return self.phones[0] if self.phones else None
        return next((p for p in self.phones if p.key == key), None)

    def link(self, key: str | None = None) -> Link | None:
        if key is None:
            return self.links[0] if self.links else None
        return next((l for l in self.links if l.key == key), None)


def validate_entry(raw: object, doc: YamlDoc, base: tuple, prefix: str = "") -> Entry:
    """One entry, checked by the schema; an error names the file, the line of the field, the entry
    and the field (data/ and the channels: of a profile alike)."""
    ident = raw.get("id", f"#{base[-1] + 1}") if isinstance(raw, dict) else f"#{base[-1] + 1}"
    try:
        return Entry.model_validate(raw)
    except ValidationError as e:
        def describe(loc):
            return f"{prefix}entry '{ident}', field '{'.'.join(str(p) for p in loc) or '(entry)'}'"
        raise doc.validation_error(e, base=base, describe=describe,
                                   hint="see data/README.md for the fields an entry takes") from None


def read_file(path: Path) -> RawFile:
    """A data file as read, its entries not yet checked by the schema."""
    doc = YamlDoc.read(path, what="data file")
    raw = doc.data
    if raw is None:
        return RawFile(path, doc, [])
    if not isinstance(raw, list):
        raise GuidekitError("expected a list of entries (each starting with '- id: …')", file=path, line=1)
    doc.check_commented_values()
    return RawFile(path, doc, raw)


def validate_file(raw: RawFile) -> list[Entry]:
    return [validate_entry(item, raw.doc, (i,)) for i, item in enumerate(raw.entries)]


def load_file(path: Path) -> list[Entry]:
    return validate_file(read_file(path))


class Registry:
    """All entries by id, from data/ plus a hosting profile's own (minus the ones it hides)."""

    def __init__(self, entries: list[tuple[Path, Entry]], hidden: tuple[str, ...] = ()):
        # Hidden entries (a hosting profile's choice) get no card and no directory entry, but
        # inline numbers in a sentence still resolve, so no page loses its meaning.
        self.hidden = set(hidden)
        self.entries: dict[str, Entry] = {}
        self.origin: dict[str, Path] = {}
        for path, entry in entries:
            if entry.id in self.entries:
                raise GuidekitError(f"duplicate id '{entry.id}' (also in {self.origin[entry.id]})",
                                    file=path, hint="give each entry its own id")
            self.entries[entry.id] = entry
            self.origin[entry.id] = path

    @classmethod
    def load(cls, data_dir: Path, extra: tuple[tuple[Path, Entry], ...] | list[tuple[Path, Entry]] = (), hide: tuple[str, ...] = (),
             locales_dir: Path | None = None):
        """data/*.yml with the texts of locales/<lang>/data.yml merged in (locales_dir: beside
        data/ unless given), plus a profile's own entries, minus the hidden ones."""
        files = [read_file(data_dir / name) for name in DATA_FILES]
        data_texts.merge(locales_dir or data_dir.parent / "locales", files)
        entries = [(raw.path, e) for raw in files for e in validate_file(raw)]
        registry = cls(entries + list(extra), hidden=tuple(hide))
        unknown = registry.hidden - set(registry.entries)
        if unknown:
            raise GuidekitError(f"cannot hide unknown channel id(s): {', '.join(sorted(unknown))}",
                                hint="use ids from data/channels.yml or data/platforms.yml")
        return registry

    def get(self, ident: str) -> Entry | None:
        return self.entries.get(ident)

    def by_need(self) -> dict[str, list[Entry]]:
        groups: dict[str, list[Entry]] = {need: [] for need in NEEDS}
        for entry in self.entries.values():
            groups[entry.need].append(entry)
        return groups

    def stale(self, today: dt.date, max_age_days: int) -> list[Entry]:
        return [e for e in self.entries.values() if (today - e.verified).days > max_age_days]
