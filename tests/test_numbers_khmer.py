"""The number check reads Khmer month names (with ខែ, "month") and not the ones inside other words."""
from guidekit.checks.numbers import _Text, numbers_in


def values(text, lang):
    numbers, _ = numbers_in(_Text(list(enumerate(text.splitlines(), start=1))), lang)
    return {n.value for n in numbers}


def test_khmer_date_matches_english():
    assert values("ចាប់តាំងពីថ្ងៃទី 18 ខែមីនា ឆ្នាំ 2024", "km") == values("since 18 March 2024", "en")


def test_a_changed_khmer_month_differs():
    assert values("ថ្ងៃទី 10 ខែវិច្ឆិកា ឆ្នាំ 2026", "km") != values("10 December 2026", "en")


def test_court_is_not_october():
    assert values("នៅតុលាការ (មាត្រា 180)", "km") == {180}


def test_khmer_million_matches_english():
    assert values("ពិន័យរហូតដល់ 50 លានវ៉ុន", "km") == values("a fine of up to 50 million won", "en")
    assert values("50 លានវ៉ុន", "km") != values("5 million won", "en")
