"""The number check reads Nepali: month names next to a date, लाख/करोड, number words."""
import pytest

from number_values import values




@pytest.mark.parametrize("ne, en", [
    ("18 मार्च 2024 देखि", "since 18 March 2024"),
    ("अप्रिल\n2025 मा", "in April 2025"),
    ("5 करोड वनसम्म जरिवाना", "a fine of up to 50 million won"),
    ("30 लाख वन", "3 million won"),
])
def test_nepali_numbers_match_english(ne, en):
    assert values(ne, "ne")[0] == values(en, "en")[0]


def test_a_changed_nepali_month_differs():
    assert values("18 अप्रिल 2024 देखि", "ne")[0] != values("since 18 March 2024", "en")[0]


def test_me_is_a_month_only_next_to_a_number():
    assert values("मेरो फोन", "ne")[0] == set()
    assert values("मे 2025 मा", "ne")[0] == {5, 2025}


def test_number_words_excuse_digits():
    words = values("सातवटा प्रदेश, दुई पटक, छ महिना", "ne")[1]
    assert {7, 2, 6} <= words
    assert 6 not in values("केही छैन", "ne")[1]
    assert 24 in values("दिन होस् वा रात फोन गर्नुहोस्", "ne")[1]
