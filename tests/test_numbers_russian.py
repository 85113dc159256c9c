"""The number check reads Russian: month names, large units, 'круглосуточно' as 24 hours."""
import pytest

from number_values import values




@pytest.mark.parametrize("ru, en", [
    ("с 16 октября 2024 года", "since 16 October 2024"),
    ("В январе\n      2020 года", "In January 2020"),
    ("штраф до 50 миллионов вон", "a fine of up to 50 million won"),
    ("до 30 млн вон", "up to 30 million won"),
])
def test_russian_numbers_match_english(ru, en):
    assert values(ru, "ru")[0] == values(en, "en")[0]


def test_a_changed_russian_month_differs():
    assert values("с 16 ноября 2024 года", "ru")[0] != values("since 16 October 2024", "en")[0]


def test_around_the_clock_stands_for_24_hours():
    assert 24 in values("звоните круглосуточно", "ru")[1]


@pytest.mark.parametrize("lang", ["ru", "uz"])
@pytest.mark.parametrize("grouped", ["10\u00a0305", "10 305", "10\u202f305"])
def test_thousands_grouped_with_a_space_are_one_number(lang, grouped):
    assert values(f"В 2024 году помог {grouped} пострадавшим", lang)[0] == \
        values("In 2024 it supported 10,305 victims", "en")[0]
    assert values(f"{grouped.replace('305', '300')}", lang)[0] == {10300}


@pytest.mark.parametrize("ru, en", [
    ("штраф до 30\u00a0000 млн вон", "a fine of up to 30,000 million won"),
])
def test_space_grouped_numbers_with_units(ru, en):
    assert values(ru, "ru")[0] == values(en, "en")[0]


def test_space_grouping_is_read_only_where_the_language_groups_with_a_space():
    assert values("10 305", "en")[0] == {10, 305}
