"""What the number check (guidekit/checks/numbers.py) reads in a text: the shared helpers of the
per-language number tests."""
from __future__ import annotations

from guidekit.checks.numbers import _Text, numbers_in


def values(text: str, lang: str):
    """(the set of number values, the number words found) in `text` read as language `lang`."""
    numbers, words = numbers_in(_Text(list(enumerate(text.splitlines(), start=1))), lang)
    return {n.value for n in numbers}, words


def readings(text: str, lang: str) -> list:
    """Every number value read in `text`, in the order written: a value read twice (a digit and a
    month name taken for the same number) shows twice, which the set of `values` hides."""
    numbers, _ = numbers_in(_Text(list(enumerate(text.splitlines(), start=1))), lang)
    return [n.value for n in numbers]
