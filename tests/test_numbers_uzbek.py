"""The number check reads Uzbek: month names, article numbers, large units, 'kechayu kunduz' as 24."""
import pytest

from number_values import readings, values




@pytest.mark.parametrize("uz, en", [
    ("2024 yil 18 martdan beri", "since 18 March 2024"),
    ("2025-yil 17-apreldan", "from 17 April 2025"),
    ("2025-yil\n      oktabr oyida", "in October 2025"),
    ("50 million vongacha jarima", "a fine of up to 50 million won"),
    ("14-2-modda", "Article 14-2"),
    ("Ijro farmoni, 92-2-modda, 5-band", "Enforcement Decree, Article 92-2 item 5"),
])
def test_uzbek_numbers_match_english(uz, en):
    assert values(uz, "uz")[0] == values(en, "en")[0]


def test_a_changed_uzbek_month_differs():
    assert values("2024 yil 18 apreldan", "uz")[0] != values("since 18 March 2024", "en")[0]


def test_a_changed_uzbek_article_differs():
    assert values("14-3-modda", "uz")[0] != values("Article 14-2", "en")[0]


def test_day_and_night_stands_for_24_hours():
    assert 24 in values("kechayu kunduz qoʻngʻiroq qiling", "uz")[1]


# "marta" after a number is "times" (3 marta = three times), not the month mart; the month is
# written 18-mart, or mart before or after a year. Each text has both, so the month is read once.
@pytest.mark.parametrize("uz, read", [
    ("Shift tugmasini 7 marta bosing.", [7]),
    ("Shift tugmasini 7 marta bosing, 2024-yil 18-mart", [7, 2024, 18, 3]),
    ("birinchi marta 2026-yil 12-martda yigʻildi", [2026, 12, 3]),
    ("2 martadan, 5 martagacha, 3 martaba; 2024-yil mart oyida", [2, 5, 3, 2024, 3]),
    ("uch marta, 3 marta bosing, 31-martgacha", [3, 31, 3]),
])
def test_marta_is_times_and_mart_is_march(uz, read):
    assert readings(uz, "uz") == read


@pytest.mark.parametrize("uz, en", [
    ("Shift tugmasini 7 marta bosing", "Press Shift 7 times"),
    ("birinchi marta 2026-yilda", "for the first time in 2026"),
])
def test_a_count_of_times_matches_english(uz, en):
    assert values(uz, "uz")[0] == values(en, "en")[0]


def test_maydon_is_a_field_not_may():
    assert readings("5 maydon, 2025-yil 31-maygacha", "uz") == [5, 2025, 31, 5]
