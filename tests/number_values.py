"""What the number check (guidekit/checks/numbers.py) reads in a text: the shared helper of the
per-language number tests."""
from __future__ import annotations

from guidekit.checks.numbers import _Text, numbers_in


def values(text: str, lang: str):
    """(the set of number values, the number words found) in `text` read as language `lang`."""
    numbers, words = numbers_in(_Text(list(enumerate(text.splitlines(), start=1))), lang)
    return {n.value for n in numbers}, words
