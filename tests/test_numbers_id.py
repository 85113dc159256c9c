"""The number check reads Indonesian: month names, large units (juta), number words."""
import pytest

from number_values import values




@pytest.mark.parametrize("id_, en", [
    ("mulai 10 Desember 2026", "from 10 December 2026"),
    ("Pada Januari\n2020, pusat itu", "In January 2020 it"),
    ("denda hingga 50 juta won", "a fine of up to 50 million won"),
    ("sejak 18 Maret 2024", "since 18 March 2024"),
])
def test_indonesian_numbers_match_english(id_, en):
    assert values(id_, "id")[0] == values(en, "en")[0]


def test_a_changed_indonesian_month_differs():
    assert values("mulai 10 November 2026", "id")[0] != values("from 10 December 2026", "en")[0]


def test_indonesian_number_words_excuse_digits():
    assert {6, 2} <= values("enam bulan kemudian, dua kali", "id")[1]
