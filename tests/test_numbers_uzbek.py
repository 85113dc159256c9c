"""The number check reads Uzbek: month names, article numbers, large units, 'kechayu kunduz' as 24."""
import pytest

from number_values import values




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
