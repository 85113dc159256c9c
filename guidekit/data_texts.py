"""Per-language texts of data entries: locales/<lang>/data.yml.

A translator gives the texts of the entries of data/channels.yml and data/platforms.yml in one
file of their own, so that translators of several languages never edit the same lines:

    # locales/th/data.yml
    police:                                    # entry id
      name: ตำรวจ (경찰)
      what: …
      who: …                                   # only fields the entry has: name, what, who, hours_note, note
      phones: {emergency: …, complaints: …}    # label of each phone, by its `key`
      links: {fake: …}                         # label of each link, by its `key`
      texts: {sms: …}                          # label of each text route, by its `key`

When the data is loaded, each text becomes that language's text of the field (as if written
inline, `{en: …, th: …}`). Mistakes are errors with the file, the line and what to do: an unknown
entry id, field or key, a field or label the entry does not have, an empty text, and a text the
data file already gives inline for that language (one place for each text).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from guidekit.errors import GuidekitError
from guidekit.positions import YamlDoc

FILE_NAME = "data.yml"
TEXT_FIELDS = ("name", "what", "who", "hours_note", "note")
LABELLED = {"phones": "phone", "links": "link", "texts": "text route"}
HINT = "see 'Texts of data entries' in TRANSLATING.md"


@dataclass
class RawFile:
    """A data file as read, before the schema: its entries are dicts, changed in place."""
    path: Path
    doc: YamlDoc
    entries: list


def overlay_files(locales_dir: Path) -> list[tuple[str, Path]]:
    """(language, locales/<lang>/data.yml) for every language that has one, by code."""
    if not locales_dir.is_dir():
        return []
    return [(p.parent.name, p) for p in sorted(locales_dir.glob(f"*/{FILE_NAME}"))]


def _where(raw: RawFile, loc: tuple) -> str:
    return f"{raw.path.parent.name}/{raw.path.name}:{raw.doc.line(loc)}"


def _as_text(value) -> dict:
    """A text field as written inline: a plain string is the source language's text."""
    from guidekit.channels import SOURCE_LANGUAGE
    return dict(value) if isinstance(value, dict) else {SOURCE_LANGUAGE: value}


def _check_text(doc: YamlDoc, loc: tuple, value, what: str) -> str:
    if value is not None and not isinstance(value, str):
        raise doc.error(f"{what}: expected a text, not a {type(value).__name__}", loc,
                        hint="write the text on the same line after the colon")
    if not value or not value.strip():
        raise doc.error(f"{what}: the text is empty", loc,
                        hint="write the translated text after the colon (quote it if it contains ': ' "
                             "or starts with #), or delete the line to show the English")
    return value


def merge(locales_dir: Path, files: list[RawFile]) -> None:
    """Merge every locales/<lang>/data.yml into the raw entries of `files` (in place)."""
    from guidekit.channels import known_language
    by_id: dict[str, tuple[RawFile, int, dict]] = {}
    for raw in files:
        for index, entry in enumerate(raw.entries):
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                by_id.setdefault(entry["id"], (raw, index, entry))
    for lang, path in overlay_files(locales_dir):
        doc = YamlDoc.read(path, what="data texts")
        if doc.data is None:
            continue
        if not known_language(lang):
            raise GuidekitError(f"'{lang}' is not a language code Babel knows", file=path)
        if not isinstance(doc.data, dict):
            raise doc.error("expected entry ids, each with its texts ('police:' then '  name: …')", hint=HINT)
        doc.check_commented_values()
        for ident, texts in doc.data.items():
            if ident not in by_id:
                raise doc.error(f"unknown entry id '{ident}': no entry of data/channels.yml or "
                                "data/platforms.yml has it", (ident,),
                                hint="use the id of an entry exactly as in data/ (its '- id:' line)")
            raw, index, entry = by_id[ident]
            if not isinstance(texts, dict):
                raise doc.error(f"entry '{ident}': expected its fields (name:, what: …)", (ident,), hint=HINT)
            for name, value in texts.items():
                loc = (ident, name)
                if name in TEXT_FIELDS:
                    if entry.get(name) is None:
                        raise doc.error(f"entry '{ident}' has no field '{name}' in data/{raw.path.name}, so there "
                                        "is nothing to translate", loc, hint="delete this line")
                    text = _check_text(doc, loc, value, f"entry '{ident}', field '{name}'")
                    entry[name] = _add(entry[name], lang, text, doc, loc, raw, (index, name),
                                       f"entry '{ident}', field '{name}'")
                elif name in LABELLED:
                    _merge_labels(doc, loc, value, lang, raw, index, entry, name)
                else:
                    raise doc.error(f"entry '{ident}': unknown field '{name}'", loc,
                                    hint="a data text is one of " + ", ".join(TEXT_FIELDS + tuple(LABELLED)))


def _merge_labels(doc: YamlDoc, loc: tuple, value, lang: str, raw: RawFile, index: int, entry: dict,
                  name: str) -> None:
    ident, kind = entry["id"], LABELLED[name]
    if not isinstance(value, dict):
        raise doc.error(f"entry '{ident}', {name}: expected the label of each {kind} by its key "
                        f"({{key: text}})", loc, hint=HINT)
    items = entry.get(name) or []
    keys = {item.get("key"): i for i, item in enumerate(items) if isinstance(item, dict) and item.get("key")}
    for key, text in value.items():
        here = loc + (key,)
        if key not in keys:
            known = ", ".join(str(k) for k in keys) or "none"
            raise doc.error(f"entry '{ident}' has no {kind} with key '{key}' (its keys: {known})", here,
                            hint=f"use the `key` of the {kind} in data/{raw.path.name}")
        item = items[keys[key]]
        if item.get("label") is None:
            raise doc.error(f"entry '{ident}': {kind} '{key}' has no label in data/{raw.path.name}, so there is "
                            "nothing to translate", here, hint="delete this line")
        text = _check_text(doc, here, text, f"entry '{ident}', {kind} '{key}'")
        item["label"] = _add(item["label"], lang, text, doc, here, raw, (index, name, keys[key], "label"),
                             f"entry '{ident}', {kind} '{key}'")


def _add(value, lang: str, text: str, doc: YamlDoc, loc: tuple, raw: RawFile, inline: tuple,
         what: str) -> dict:
    merged = _as_text(value)
    if lang in merged:
        raise doc.error(f"{what}: the '{lang}' text is also given inline at {_where(raw, inline)}; "
                        "each text has one place", loc,
                        hint=f"keep one: delete this line, or the '{lang}:' text in data/{raw.path.name}")
    merged[lang] = text
    return merged


def entry_texts(entry) -> list:
    """The texts of an entry a reader sees (its fields and the labels of its numbers and links)."""
    texts = [getattr(entry, name) for name in TEXT_FIELDS
             # a name written the same in every language that gives it is a brand name (Telegram)
             if not (name == "name" and len(set(entry.name.values())) == 1)]
    texts += [item.label for name in LABELLED for item in getattr(entry, name)]
    return [t for t in texts if t is not None]


def has_texts(entry, lang: str) -> bool:
    return all(t.has(lang) for t in entry_texts(entry))

