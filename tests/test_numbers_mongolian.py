"""The number check reads Mongolian: large units (сая), number words, 'өдөр шөнөгүй' as 24 hours."""
import pytest

from number_values import values




@pytest.mark.parametrize("mn, en", [
    ("2024 оны 10 дугаар сарын 16-наас хойш", "since 16 October 2024"),
    ("50 сая вон хүртэл торгууль", "a fine of up to 50 million won"),
    ("6 сая вон хүртэл", "up to 6 million won"),
])
def test_mongolian_numbers_match_english(mn, en):
    assert values(mn, "mn")[0] == values(en, "en")[0]


def test_a_changed_mongolian_amount_differs():
    assert values("30 сая вон", "mn")[0] != values("50 million won", "en")[0]


def test_number_words_excuse_digits():
    assert 7 in values("долоон муж, хотод", "mn")[1]
    assert 3 in values("гурван жил", "mn")[1]


def test_day_or_night_stands_for_24_hours():
    assert 24 in values("өдөр шөнөгүй залгаарай", "mn")[1]
