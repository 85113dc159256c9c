"""The number check reads Filipino (Tagalog): month names, milyong/libong units, number words."""
import pytest

from number_values import values




@pytest.mark.parametrize("tl, en", [
    ("Simula Disyembre 10, 2026", "From 10 December 2026"),
    ("Noong Enero\n      2020, humingi ito", "In January 2020 it asked"),
    ("multang hanggang 50 milyong won", "a fine of up to 50 million won"),
    ("hanggang 6 milyon na won", "up to 6 million won"),
])
def test_filipino_numbers_match_english(tl, en):
    assert values(tl, "tl")[0] == values(en, "en")[0]


def test_a_changed_filipino_month_differs():
    assert values("Mula Nobyembre 16, 2024", "tl")[0] != values("Since 16 October 2024", "en")[0]


def test_number_words_and_day_or_night_excuse_digits():
    words = values("anim na buwan, araw man o gabi", "tl")[1]
    assert 6 in words and 24 in words
