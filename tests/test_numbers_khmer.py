"""The number check reads Khmer month names (with ខែ, "month") and not the ones inside other words."""
from number_values import values




def test_khmer_date_matches_english():
    assert values("ចាប់តាំងពីថ្ងៃទី 18 ខែមីនា ឆ្នាំ 2024", "km")[0] == values("since 18 March 2024", "en")[0]


def test_a_changed_khmer_month_differs():
    assert values("ថ្ងៃទី 10 ខែវិច្ឆិកា ឆ្នាំ 2026", "km")[0] != values("10 December 2026", "en")[0]


def test_court_is_not_october():
    assert values("នៅតុលាការ (មាត្រា 180)", "km")[0] == {180}


def test_khmer_million_matches_english():
    assert values("ពិន័យរហូតដល់ 50 លានវ៉ុន", "km")[0] == values("a fine of up to 50 million won", "en")[0]
    assert values("50 លានវ៉ុន", "km")[0] != values("5 million won", "en")[0]
