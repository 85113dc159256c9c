"""YAML with positions: an error about a YAML file names the file, the line and the key.

One helper for every YAML file a person edits (data/*.yml, profiles, the front matter of pages,
the language configurations):

    doc = YamlDoc.read(path, what="profile")
    doc.data                                   # the value, with dates left as text for pydantic
    doc.line(("channels", 0, "verified"))      # the line of that key, or of the nearest parent
    doc.validation_error(e)                    # a GuidekitError: file:line: key '…': message
    doc.commented_values()                     # `primary: #0d47a1`, which YAML reads as empty

Dates stay text so that an impossible date (2026-11-31) is a validation error with its line
instead of a traceback from the YAML parser.
"""
from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import ValidationError

from guidekit.errors import GuidekitError

if TYPE_CHECKING:
    from yaml import SafeLoader as _Base
else:
    _Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when present
TIMESTAMP = "tag:yaml.org,2002:timestamp"


class Loader(_Base):
    """Safe loading; no timestamps (dates are checked by the schema); unknown tags (MkDocs'
    !ENV, !!python/…) load as None."""


Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def _key(loc) -> str:
    return ".".join(str(p) for p in loc)


def pydantic_message(err: Mapping[str, Any]) -> str:
    """A pydantic error in the words of the rest of guidekit."""
    if err["type"] == "missing":
        return "is required"
    if err["type"] == "extra_forbidden":
        return "is not a known field"
    message = err["msg"].removeprefix("Value error, ")
    if err["type"].startswith("date") and isinstance(err.get("input"), str):
        message = f"'{err['input']}' is not a valid date ({message.lower()}); write it YYYY-MM-DD"
    return message


@dataclass
class YamlDoc:
    path: Path | str
    text: str
    first_line: int = 1  # the file line of the text's first line (front matter starts on line 2)
    data: object = None

    @classmethod
    def read(cls, path: Path, *, what: str = "YAML file") -> "YamlDoc":
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise GuidekitError(f"{what} not found", file=path) from None
        return cls.parse(text, path)

    @classmethod
    def parse(cls, text: str, path: Path | str, first_line: int = 1) -> "YamlDoc":
        doc = cls(path, text, first_line)
        try:
            doc.data = yaml.load(text, Loader=Loader)
        except yaml.MarkedYAMLError as e:
            mark = e.problem_mark or e.context_mark
            raise GuidekitError(f"malformed YAML: {e.problem or e}", file=path,
                                line=mark.line + first_line if mark else None,
                                hint="fix the YAML syntax on that line (indentation, quotes, colons; "
                                     "quote text that contains a colon or starts with #)") from None
        except yaml.YAMLError as e:
            raise GuidekitError(f"malformed YAML: {e}", file=path) from None
        return doc

    # -- positions --------------------------------------------------------------------------------
    @property
    def root(self):
        if not hasattr(self, "_root"):
            self._root = yaml.compose(self.text, Loader=Loader)
        return self._root

    def line(self, loc=()) -> int | None:
        """The line of the key or item at loc (a path of keys and indices), or of the deepest
        parent that exists (for a missing key: the entry that lacks it)."""
        node = self.root
        if node is None:
            return None
        line = node.start_mark.line
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if str(key.value) == str(part):
                        line, node = key.start_mark.line, value
                        break
                else:
                    break
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
                line = node.start_mark.line
            else:
                break
        return line + self.first_line

    def commented_values(self) -> list[tuple[tuple, int, str]]:
        """Keys whose value YAML read as a comment: `primary: #0d47a1` is primary: null."""
        lines, found = self.text.splitlines(), []

        def walk(node, loc):
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    here = loc + (key.value,)
                    if isinstance(value, yaml.ScalarNode) and value.tag.endswith(":null") and value.value == "" \
                            and not value.style:
                        rest = lines[key.end_mark.line][key.end_mark.column:] if key.end_mark.line < len(lines) else ""
                        stripped = rest.lstrip().removeprefix(":").lstrip()
                        if stripped.startswith("#") and len(stripped) > 1 and not stripped[1].isspace():
                            found.append((here, key.start_mark.line + self.first_line, stripped.split()[0]))
                    walk(value, here)
            elif isinstance(node, yaml.SequenceNode):
                for i, item in enumerate(node.value):
                    walk(item, loc + (i,))
        if self.root is not None:
            walk(self.root, ())
        return found

    def check_commented_values(self) -> None:
        for loc, line, comment in self.commented_values():
            raise GuidekitError(f"key '{_key(loc)}' is empty: YAML reads {comment} as a comment",
                                file=self.path, line=line,
                                hint=f'put the value in quotes: {loc[-1]}: "{comment}"')

    # -- errors -----------------------------------------------------------------------------------
    def error(self, message: str, loc=(), hint: str | None = None) -> GuidekitError:
        return GuidekitError(message, file=self.path, line=self.line(loc), hint=hint)

    def validation_error(self, e: ValidationError, base=(), describe=None, hint: str | None = None) -> GuidekitError:
        """The first error of a pydantic validation, at the line of its key. `base` is where the
        validated value sits in the file; `describe(loc)` may name it (e.g. "entry 'police'")."""
        errors = e.errors()
        # a misspelt key also makes the right one "missing": name the misspelling
        err = next((x for x in errors if x["type"] == "extra_forbidden"), errors[0])
        loc = tuple(base) + tuple(err["loc"])
        name = describe(err["loc"]) if describe else f"key '{_key(loc)}'"
        return GuidekitError(f"{name}: {pydantic_message(err)}", file=self.path, line=self.line(loc), hint=hint)
