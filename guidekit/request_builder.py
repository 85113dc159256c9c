"""The removal-request builder: letters put together from data/requests.yml.

The letter templates (blocks of text per language, each used under conditions) and the way each
platform takes a request are data, validated here with the same strictness as data/channels.yml.
For the builder page this module produces two things, both in the language being built:

- `page_context`: what the page's template needs: the platform list, the letter languages, the
  templates of every platform with blanks for the reader to fill in by hand (the page without
  JavaScript), and one JSON payload for request-builder.js, which fills the same blocks in the
  reader's browser. Nothing the reader types ever reaches this code or any server.
- the interface strings of the script (`ui_strings`), from the gettext catalog.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from guidekit.channels import SOURCE_LANGUAGE, Entry, Link, Registry, Text, _text
from guidekit.positions import YamlDoc
from guidekit.errors import GuidekitError
from guidekit.i18n import language_name

DATA_FILE = "requests.yml"
PAGE = "remove/request.md"
REQUIRED_LETTERS = ("en", "ko")
MAIN_LINK = "main"  # the entry's first link in data/platforms.yml

# Flags the reader sets through the form; the others follow from the platform.
READER_FLAGS = ("self", "other", "fake", "real", "unsure", "minor", "account", "dates", "name", "contact")
PLATFORM_FLAGS = ("policy", "form", "search", "site", "us", "eu")
FLAGS = READER_FLAGS + PLATFORM_FLAGS
KINDS = ("fake", "real", "unsure")
# What a {field} needs before it can be filled; {platform} and {links} are always there.
FIELDS = {"platform": None, "links": None, "account": "account", "dates": "dates", "name": "name",
          "contact": "contact", "policy_name": "policy", "policy_url": "policy",
          "form_name": "form", "form_url": "form"}
FIELD = re.compile(r"\{([a-z_]+)\}")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class Block(Strict):
    id: str
    when: tuple[str, ...] = ()
    text: Text

    _text = field_validator("text", mode="before")(lambda v: _text(v))

    @field_validator("when")
    @classmethod
    def _flags(cls, v):
        for flag in v:
            name = flag.removeprefix("!")
            if name not in FLAGS:
                raise ValueError(f"unknown flag '{flag}' (known: {', '.join(FLAGS)})")
            if flag.startswith("!") and name in READER_FLAGS:
                raise ValueError(f"'{flag}': only platform flags ({', '.join(PLATFORM_FLAGS)}) can be negated")
        return v

    @model_validator(mode="after")
    def _fields(self):
        wanted = set(FIELD.findall(self.text[SOURCE_LANGUAGE]))
        for lang, text in self.text.items():
            found = set(FIELD.findall(text))
            unknown = found - set(FIELDS)
            if unknown:
                raise ValueError(f"the '{lang}' text has unknown field(s) {{{', '.join(sorted(unknown))}}}")
            if found != wanted:
                raise ValueError(f"the '{lang}' text must use the same fields as the English one "
                                 f"({', '.join('{' + f + '}' for f in sorted(wanted)) or 'none'})")
        for name in wanted:
            if FIELDS[name] and FIELDS[name] not in self.when:
                raise ValueError(f"{{{name}}} needs '{FIELDS[name]}' in when, or it could be left empty")
        return self


LinkRef = str | dict[Literal["fake", "real", "unsure"], str]


class PlatformRequest(Strict):
    route: Literal["form", "help", "app", "tool"]
    search: bool = False
    form: LinkRef | None = None
    policy: LinkRef | None = None
    letter: Literal["en", "ko"] | None = None
    serves: tuple[Literal["us", "eu"], ...] = ()
    sources: tuple[str, ...] = ()

    @field_validator("form", "policy")
    @classmethod
    def _every_kind(cls, v):
        if isinstance(v, dict) and set(v) != set(KINDS):
            raise ValueError(f"a mapping needs exactly the keys {', '.join(KINDS)}")
        return v

    @field_validator("sources")
    @classmethod
    def _https(cls, v):
        for url in v:
            if not re.fullmatch(r"https://\S+", url):
                raise ValueError(f"'{url}' is not an https URL")
        return v

    @model_validator(mode="after")
    def _sourced(self):
        if self.serves and not self.sources:
            raise ValueError("'serves' needs 'sources' that show the platform serves the US or the EU")
        if self.route != "tool" and self.form is None:
            raise ValueError(f"route '{self.route}' needs a 'form': the link the reader opens")
        return self

    def link_key(self, which: str, kind: str) -> str | None:
        ref = getattr(self, which)
        return ref.get(kind) if isinstance(ref, dict) else ref


class Other(Strict):
    id: str
    name: Text
    search: bool = False

    _name = field_validator("name", mode="before")(lambda v: _text(v))


class RequestData(Strict):
    subject: Text
    blocks: tuple[Block, ...]
    platforms: dict[str, PlatformRequest]
    others: tuple[Other, ...] = ()
    path: Path = Field(default=Path(DATA_FILE), exclude=True)

    _subject = field_validator("subject", mode="before")(lambda v: _text(v))

    @property
    def letter_languages(self) -> list[str]:
        """Languages in which every block and the subject are written, en and ko first."""
        common = set(self.subject)
        for block in self.blocks:
            common &= set(block.text)
        return [l for l in REQUIRED_LETTERS if l in common] + sorted(common - set(REQUIRED_LETTERS))


def load(path: Path, registry: Registry) -> RequestData:
    """Read and check data/requests.yml against the schema and against data/platforms.yml."""
    if not path.exists():
        raise GuidekitError("data file not found", file=path, hint="the request builder needs data/requests.yml")
    doc = YamlDoc.read(path, what="data file")
    raw = doc.data
    if not isinstance(raw, dict):
        raise GuidekitError("expected the keys subject, blocks, platforms and others", file=path, line=1)
    blocks: list = raw["blocks"] if isinstance(raw.get("blocks"), list) else []
    try:
        data = RequestData.model_validate({**raw, "path": path})
    except ValidationError as e:
        def describe(loc) -> str:
            where = [str(p) for p in loc]
            if where[:1] == ["blocks"] and len(loc) > 1 and isinstance(loc[1], int):
                block = blocks[loc[1]] if loc[1] < len(blocks) else None
                ident = block.get("id") if isinstance(block, dict) else None
                where = [f"blocks[{ident or loc[1]}]"] + where[2:]
            return ".".join(where) or "(file)"
        raise doc.validation_error(e, describe=describe, hint="see the comments at the top of data/requests.yml") from None
    block_line = {b.get("id"): doc.line(("blocks", i)) for i, b in enumerate(blocks) if isinstance(b, dict)}
    for lang in REQUIRED_LETTERS:
        if lang not in data.letter_languages:
            missing = [b.id for b in data.blocks if lang not in b.text] or ["subject"]
            raise GuidekitError(f"letters must exist in {lang}; block '{missing[0]}' has no '{lang}' text",
                                file=path, line=block_line.get(missing[0]), hint=f"add a '{lang}' text to it")
    for ident, conf in data.platforms.items():
        entry = registry.get(ident)
        if entry is None:
            raise GuidekitError(f"platforms.{ident}: no entry '{ident}' in data/", file=path,
                                line=doc.line(("platforms", ident)), hint="use an id from data/platforms.yml")
        for which in ("form", "policy"):
            for kind in KINDS:
                key = conf.link_key(which, kind)
                if key is not None and _link(entry, key) is None:
                    raise GuidekitError(f"platforms.{ident}.{which}: '{ident}' has no link '{key}'",
                                        file=path, line=doc.line(("platforms", ident)),
                                        hint=f"use '{MAIN_LINK}' or a key of its links in data/platforms.yml")
    for i, other in enumerate(data.others):
        if registry.get(other.id) is not None or other.id in data.platforms:
            raise GuidekitError(f"others: '{other.id}' is also a platform id", file=path,
                                line=doc.line(("others", i)), hint="give it an id of its own")
    return data


def _link(entry: Entry, key: str | None) -> Link | None:
    return entry.link(None if key in (MAIN_LINK, None) else key)


def default_conf() -> PlatformRequest:
    """A platform a hosting profile adds without configuring it here: its first link is the way in."""
    return PlatformRequest(route="help", form=MAIN_LINK)


# -- the page -------------------------------------------------------------------------------------

def ui_strings(_) -> dict[str, str]:
    """What request-builder.js says to the reader, in the page's language. %(name)s is filled in
    by the script (links become links)."""
    return {
        "route_form": _("Copy the text, open %(link)s and paste it into the form."),
        "route_help": _("Copy the text, open %(link)s and follow it to the report form, then paste the text there."),
        "route_app": _("Copy the text, then report the post in the %(platform)s app. If the report has a "
                       "box for details, paste the text there. More: %(link)s"),
        "route_tool": _("%(platform)s does not need a letter: it works from your own device. Start here: %(link)s"),
        "route_contact": _("This site gives no way to ask for removal. If you find an e-mail address on the "
                           "site, or of the company that hosts it, write it in the form to open the text in "
                           "your own e-mail app."),
        "route_email": _("Check the text, then open it in your own e-mail app and send it to %(email)s."),
        "steps": _("Our page on %(link)s explains each step."),
        "note": _("Please note: %(note)s"),
        "under18": _("Because the person shown is under 18, you can also use %(link)s."),
        "us_needs": _("A request under the US law needs your name, as a signature, and a way to contact "
                      "you. Without them, %(platform)s may not treat it as one."),
        "centre": _("You do not have to do this alone. The state support centre can ask for deletion "
                    "for you, day or night: %(name)s, %(phone)s."),
        "copied": _("Copied. After you paste it, you can empty the clipboard."),
        "copy_failed": _("Your browser did not allow copying. Select the text in the box and copy it yourself."),
        "clipboard_emptied": _("The clipboard is empty now. A clipboard history on your device may still keep the text."),
        "errors_title": _("Please check these answers:"),
        "err_platform": _("Choose where the material is."),
        "err_site": _("Write the name or address of the site."),
        "err_links": _("Add at least one link to the material."),
        "err_who": _("Say who is writing."),
        "err_kind": _("Say whether the material is real or made or edited."),
        "err_age": _("Say how old the person shown is."),
        "err_email": _("This e-mail address does not look complete."),
    }


def condition_labels(_) -> dict[str, str]:
    """Shown above a paragraph of a template that applies only in some cases (without JavaScript)."""
    return {
        "self": _("If you are the person shown:"),
        "other": _("If you write for the person shown:"),
        "fake": _("If it was made or edited, for example with AI:"),
        "real": _("If it is a real image or video:"),
        "unsure": _("If you are not sure whether it is real:"),
        "minor": _("If the person shown is under 19:"),
        "account": _("If you know the account or channel:"),
        "dates": _("If you know the dates:"),
        "name": _("If you give your name:"),
        "contact": _("If you give a way to contact you:"),
        "us": _("If the site serves users in the United States:"),
        "eu": _("If the site operates in the European Union:"),
    }


def kind_label(kinds: list[str], _) -> str:
    """The condition for a part of a template that applies to some kinds of material only."""
    labels = condition_labels(_)
    if len(kinds) == 1:
        return labels[kinds[0]]
    return {("fake", "real"): _("If it is real, or made or edited:"),
            ("fake", "unsure"): _("If it was made or edited, or you are not sure:"),
            ("real", "unsure"): _("If it is a real image or video, or you are not sure:")}[(kinds[0], kinds[1])]


def blank_labels(_) -> dict[str, str]:
    return {
        "links": _("[links to the material, one per line]"),
        "account": _("[account or channel]"),
        "dates": _("[dates]"),
        "name": _("[your name]"),
        "contact": _("[e-mail address or phone number]"),
        "site": _("[name or address of the site]"),
        "search-engine": _("[name of the search engine]"),
    }


def _link_info(entry: Entry | None, conf: PlatformRequest, which: str, letters: list[str]) -> dict | None:
    """{fake|real|unsure: {url, names: {lang: name}}} for the form or policy link, or None."""
    if entry is None or getattr(conf, which) is None:
        return None
    out = {}
    for kind in KINDS:
        link = _link(entry, conf.link_key(which, kind))
        assert link is not None  # load() has checked every key against data/platforms.yml
        label = link.label or entry.name
        out[kind] = {"url": link.url, "names": {lang: label.get_text(lang) for lang in letters}}
    return out


def _parts(text: str, values: dict[str, str], blanks: dict[str, str]) -> list[dict]:
    """A template text split into plain parts and blanks (for the page without JavaScript)."""
    parts: list[dict[str, str | bool]] = []
    pos = 0
    for m in FIELD.finditer(text):
        if m.start() > pos:
            parts.append({"text": text[pos:m.start()]})
        name = m.group(1)
        if name in values:
            parts.append({"text": values[name]})
        else:
            parts.append({"text": blanks[name], "blank": True})
        pos = m.end()
    if pos < len(text):
        parts.append({"text": text[pos:]})
    return parts


def _kind_groups(link: dict | None) -> list[tuple[list[str], dict | None]]:
    """The kinds of material grouped by the link they lead to: one group when they all share it."""
    if not link:
        return [(list(KINDS), None)]
    groups: dict[str, list[str]] = {}
    for kind in KINDS:
        groups.setdefault(link[kind]["url"], []).append(kind)
    return [(kinds, link[kinds[0]]) for kinds in groups.values()]


def _template(data: RequestData, platform: dict, letter: str, labels: dict, blanks: dict, _) -> list[dict]:
    """The paragraphs of one platform's letter in one language, with blanks and conditions."""
    known = {flag: flag in platform["flags"] for flag in PLATFORM_FLAGS}
    if platform["id"] == "website":  # the reader says whether the site serves the US or the EU
        known.pop("us"), known.pop("eu")
    values = {}
    if platform["site"]:
        blanks = {**blanks, "platform": blanks["search-engine" if platform["search"] else "site"]}
    else:
        values["platform"] = platform["names"][letter]
    paragraphs = []
    for block in data.blocks:
        conditions, used = [], True
        for flag in block.when:
            name, negated = flag.removeprefix("!"), flag.startswith("!")
            if name in known:
                used = used and (known[name] != negated)
            else:
                conditions.append(labels[name])
        if not used:
            continue
        text = block.text.get_text(letter)
        which = "policy" if "{policy_url}" in text else "form" if "{form_url}" in text else None
        groups = _kind_groups(platform[which]) if which else [(list(KINDS), None)]
        for kinds, link in groups:
            extra = dict(values)
            if link:
                extra[f"{which}_name"], extra[f"{which}_url"] = link["names"][letter], link["url"]
            kind_labels = [kind_label(kinds, _)] if len(groups) > 1 else []
            paragraphs.append({"condition": " ".join(conditions + kind_labels),
                               "parts": _parts(text, extra, blanks)})
    return paragraphs


def _route_parts(template: str, values: dict[str, str | dict]) -> list[dict]:
    """A UI sentence with %(name)s fields, split so that links can be rendered as links."""
    parts, pos = [], 0
    for m in re.finditer(r"%\((\w+)\)s", template):
        if m.start() > pos:
            parts.append({"text": template[pos:m.start()]})
        value = values.get(m.group(1), "")
        parts.append(value if isinstance(value, dict) else {"text": value})
        pos = m.end()
    if pos < len(template):
        parts.append({"text": template[pos:]})
    return parts


def page_context(data: RequestData, registry: Registry, lang: str, _, *,
                 remove_pages: dict[str, str]) -> dict:
    """Everything the builder page needs, in language `lang`. remove_pages maps platform ids to the
    relative URL of their remove/ page, where one exists."""
    available = data.letter_languages
    letters = [l for l in dict.fromkeys([lang, "ko", "en"]) if l in available]
    named = list(dict.fromkeys(letters + [lang]))  # link names: letter languages and the page's
    platforms: list[dict[str, Any]] = []
    entries = [e for e in registry.by_need()["platforms"] if e.id not in registry.hidden]
    for entry in entries:
        conf = data.platforms.get(entry.id) or default_conf()
        flags: list[str] = list(conf.serves)
        if conf.search:
            flags.append("search")
        if conf.policy is not None:
            flags.append("policy")
        elif conf.route == "form":
            flags.append("form")
        platforms.append({
            "id": entry.id, "route": conf.route, "search": conf.search, "site": False,
            "letter": conf.letter if conf.letter in letters else None,
            "flags": flags,
            "name": entry.name.get_text(lang),
            "names": {l: entry.name.get_text(l) for l in letters},
            "form": _link_info(entry, conf, "form", named) if conf.route != "tool" else None,
            "policy": _link_info(entry, conf, "policy", named),
            "start": {"url": entry.links[0].url, "name": (entry.links[0].label or entry.name).get_text(lang)},
            "note": entry.note.get_text(lang) if entry.note else None,
            "page": remove_pages.get(entry.id),
        })
    for other in data.others:
        platforms.append({
            "id": other.id, "route": "contact", "search": other.search, "site": True, "letter": None,
            "flags": ["site"] + (["search"] if other.search else []),
            "name": other.name.get_text(lang), "names": {}, "form": None, "policy": None,
            "start": None, "note": None, "page": None,
        })
    labels, blanks = condition_labels(_), blank_labels(_)
    ui = ui_strings(_)
    templates = []
    for p in platforms:
        if p["route"] == "tool":
            continue
        shown = [l for l in dict.fromkeys([lang if lang in letters else None, p["letter"] or letters[0]]) if l]
        route = ui[f"route_{p['route']}"]
        how = []
        groups = _kind_groups(p["form"])
        for kinds, link in groups:
            target = {"text": link["names"][lang], "href": link["url"]} if link else ""
            how.append({"condition": kind_label(kinds, _) if len(groups) > 1 else "",
                        "parts": _route_parts(route, {"platform": p["name"], "link": target})})
        templates.append({
            "id": p["id"], "name": p["name"], "how": how, "note": p["note"],
            "page": p["page"],
            "letters": [{"lang": l, "language": language_name(l),
                         "paragraphs": _template(data, p, l, labels, blanks, _)} for l in shown],
        })
    d4u, take_it_down = registry.get("d4u"), registry.get("take-it-down")
    payload = {
        "lang": lang,
        "letters": {l: {"subject": data.subject.get_text(l),
                        "blocks": [{"when": list(b.when), "text": b.text.get_text(l)} for b in data.blocks]}
                    for l in letters},
        "platforms": platforms,
        "ui": ui,
        "centre": ({"name": d4u.name.get_text(lang), "phone": d4u.phones[0].display, "tel": d4u.phones[0].href}
                   if d4u and d4u.phones else None),
        "take_it_down": ({"name": take_it_down.name.get_text(lang), "url": take_it_down.links[0].url}
                         if take_it_down else None),
    }
    return {
        "platforms": [{"id": p["id"], "name": p["name"], "site": p["site"], "search": p["search"]} for p in platforms],
        "letters": [{"code": l, "name": language_name(l)} for l in letters],
        "templates": templates,
        # Inside <script type="application/json">: no "<" may close the element early.
        "json": json.dumps(payload, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c"),
    }
