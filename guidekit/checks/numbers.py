"""The numbers of a translated page against its source: ages, years, dates, amounts, article
numbers, counts. A translation that says 5년 where the source says 7 years is reported with both
files and lines.

Numbers are compared as values, after each language's way of writing them is normalised:
thousands separators (5,000 · 5.000 · 5 000), decimals with a thousands group as the language
writes them by CLDR (10,305.5 · 10.305,5 in vi and id · 10 305,5 in ru and uz), large units
(5,000만 원 · 5000万 · 50 million · ₩50M · 50 triệu all become 50000000), month names (17 April
2025 → 17, 4, 2025), fractions (2분의 1 · half → 0.5), ranges written with an exclusive bound
(만 10세 이상 14세 미만 ⇔ aged 10 to 13), ordinal suffixes (18th), idioms in which a digit is not
a quantity (1인당 "per person", 1년 내내 "all year", 10대 "teenagers"), and terms the law defines by
an age (아동·청소년: under 19).

Pages are compared section by section (sections start at headings with an explicit {#id}, which
`check --translations` already requires to be the same in both). Within a section a number
written in digits on one side must appear on the other, in digits or as a word (three years ⇔
3년, 6개월 ⇔ six months, 한 번 ⇔ once): words only excuse, they are never required, so a
translation may write a number either way.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from babel import UnknownLocaleError
from babel.numbers import NumberFormatError, get_decimal_symbol, get_group_symbol, parse_decimal

from guidekit import pages

HEADING_ID = re.compile(r"^#{1,6}\s.*\{[^}]*#(?P<id>[\w-]+)[^}]*\}\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
TOP = "(top)"

# What is not prose: placeholders (their numbers come from data/), attribute lists and heading
# ids, link targets (the link text stays), HTML tags, addresses, inline code, list markers.
NOT_PROSE = [
    re.compile(r"\[\[[^\]\n]*\]\]"),
    re.compile(r"\{[:#.][^}\n]*\}"),
    re.compile(r"(?<=\])\([^)\s]*(?:\s+\"[^\"]*\")?\)"),
    re.compile(r"<[^>\n]+>"),
    re.compile(r"\b(?:https?|ftp)://\S+|\bwww\.\S+"),
    re.compile(r"`[^`\n]+`"),
    re.compile(r"(?m)^[ \t]*\d+[.)](?=[ \t]+\S)"),  # a list marker, not a number ending a wrapped line
]

NUMBER = r"\d+(?:[.,]\d+)*"
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]
MONTH_NAME = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
              r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
# Month names of languages that write a date's month as a word (18 มีนาคม 2024 → 18, 3, 2024).
MONTH_WORDS = {
    "th": ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม",
           "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"],
    # Khmer months with ខែ ("month"): តុលា alone is also in តុលាការ (court), កញ្ញា is also "Miss".
    "km": ["ខែមករា", "ខែកុម្ភៈ", "ខែមីនា", "ខែមេសា", "ខែឧសភា", "ខែមិថុនា", "ខែកក្កដា", "ខែសីហា",
           "ខែកញ្ញា", "ខែតុលា", "ខែវិច្ឆិកា", "ខែធ្នូ"],
}
# Month names of languages that separate words by spaces, counted only next to a day or a year
# (18 मार्च 2024), since some are also short words (मे).
SPACED_MONTH_WORDS = {
    "ne": ["जनवरी", "फेब्रुअरी", "मार्च", "अप्रिल", "मे", "जुन", "जुलाई", "अगस्ट", "सेप्टेम्बर",
           "अक्टोबर", "नोभेम्बर", "डिसेम्बर"],
}
DEVANAGARI = "\u0900-\u097F"

# Large units: the number before them is multiplied (5천만 = 5 × 1000 × 10000).
SMALL_UNITS = {"십": 10, "백": 100, "천": 1000, "十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"만": 10**4, "억": 10**8, "万": 10**4, "萬": 10**4, "億": 10**8, "亿": 10**8}
WORD_UNITS = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "m": 10**6, "bn": 10**9,
              "nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9,
              "тыс": 10**3, "тысяча": 10**3, "тысячи": 10**3, "тысяч": 10**3, "млн": 10**6,
              "миллион": 10**6, "миллиона": 10**6, "миллионов": 10**6, "млрд": 10**9,
              "миллиард": 10**9, "миллиарда": 10**9, "миллиардов": 10**9,
              "พัน": 10**3, "หมื่น": 10**4, "แสน": 10**5, "ล้าน": 10**6,
              "ming": 10**3, "mln": 10**6, "milliard": 10**9, "mlrd": 10**9,
              "libo": 10**3, "libong": 10**3, "milyon": 10**6, "milyong": 10**6,
              "bilyon": 10**9, "bilyong": 10**9,
              "мянга": 10**3, "мянган": 10**3, "сая": 10**6, "тэрбум": 10**9,
              "हजार": 10**3, "लाख": 10**5, "करोड": 10**7, "अर्ब": 10**9}
# Khmer large units (50 លានវ៉ុន = 50 million won).
KM_UNITS = {"ពាន់": 10**3, "ម៉ឺន": 10**4, "សែន": 10**5, "លាន": 10**6, "ពាន់លាន": 10**9}
# Russian month names in any case (17 апреля 2025 · в октябре 2025 · март 2024), by their stems.
RU_MONTHS = ["январ", "феврал", "март", "апрел", "ма[йяе]", "июн", "июл", "август", "сентябр",
             "октябр", "ноябр", "декабр"]
# Uzbek (Latin) month names, as written after a day (18-mart · 17 aprel) or before a year, with
# any suffix (18-martdan, martida); not the words that begin like one: marta/martaba ("times":
# 3 marta, 2 martadan, birinchi marta 2026-yilda) and maydon ("field": 5 maydon).
UZ_MONTHS = ["yanvar", "fevral", "mart(?!a)", "aprel", "may(?!don)", "iyun", "iyul", "avgust",
             "sent[ya]+br", "okt[ya]+br", "noyabr", "dekabr"]

# Filipino (Tagalog) month names (Disyembre 10, 2026 · noong Enero 2020), in calendar order.
TL_MONTHS = ["enero", "pebrero", "marso", "abril", "mayo", "hunyo", "hulyo", "agosto", "setyembre",
             "oktubre", "nobyembre", "disyembre"]
WORD_UNITS.update({"ribu": 10**3, "juta": 10**6, "miliar": 10**9})  # Indonesian: 50 juta won
# Indonesian month names (17 April 2025 · 30 Desember 2025 · Januari 2020).
ID_MONTHS = ["januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
             "oktober", "november", "desember"]

# Idioms in which a digit is not a quantity of the source, per language.
IDIOMS = {
    "ko": [r"1인당", r"1년\s*365일", r"1년\s*내내", r"(?<!\d)[1-9]0대(?=[가-힣\s,.)]|$)"],
    "ja": [r"1人(?:当たり|あたり)", r"1年中", r"(?<!\d)[1-9]0代"],
    "zh": [r"每1人", r"全年"],
    "vi": [],
    "ru": [],
    "uz": [],
    "tl": [],
    "id": [],
    "en": [],
}
# An exclusive upper bound in a range (10세 이상 14세 미만) is the inclusive "10 to 13".
EXCLUSIVE_RANGE = {
    "ko": re.compile(r"(\d+)\s*세\s*이상\s*(\d+)\s*세\s*미만"),
    "ja": re.compile(r"(\d+)\s*歳以上\s*(\d+)\s*歳未満"),
    "zh": re.compile(r"(\d+)\s*岁以上\s*(?:不满|未满)\s*(\d+)\s*岁"),
}
# Article numbers with a branch (Article 14-2 is 제14조의2); where the language has no marker a
# hyphenated pair counts as one only when the second part is the smaller (14-2, not 2021-2023).
ARTICLE = {
    "ko": re.compile(r"(\d+)\s*조\s*의\s*(\d+)"),
    "ja": re.compile(r"(\d+)\s*条\s*の\s*(\d+)"),
    "zh": re.compile(r"(\d+)\s*条\s*之\s*(\d+)"),
    "uz": re.compile(r"(?<![\d-])(\d+)-(\d+)-(?=modda)"),  # 14-2-modda
}
HYPHENATED = re.compile(r"(?<![\d.,-])(\d{1,3})-(\d{1,2})(?![\d-])")
# Fractions written with the denominator first (2분의 1 = 1/2).
FRACTION = re.compile(r"(\d+)\s*(?:분의|分の|分之)\s*(\d+)")

# Number words: they excuse a number written in digits on the other side, nothing more.
WORDS = {
    "en": {"none": 0, "zero": 0, "no": 0, "one": 1, "once": 1, "single": 1, "two": 2,
           "twice": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
           "forty": 40, "fifty": 50, "hundred": 100, "half": 0.5, "first": 1, "second": 2, "third": 3},
    "ko": {"한": 1, "하나": 1, "첫": 1, "두": 2, "둘": 2, "세": 3, "셋": 3, "네": 4, "넷": 4, "다섯": 5,
           "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10, "반": 0.5, "절반": 0.5, "없": 0},
    "ja": {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
           "半": 0.5, "ひと": 1, "ふた": 2},
    "zh": {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
           "十": 10, "半": 0.5, "零": 0},
    "vi": {"hai": 2, "ba": 3, "bốn": 4, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
           "mười": 10, "nửa": 0.5, "không": 0},
    "ru": {"один": 1, "одна": 1, "одно": 1, "одного": 1, "одной": 1, "однажды": 1, "первый": 1,
           "два": 2, "две": 2, "двух": 2, "дважды": 2, "вдвое": 2, "оба": 2, "обе": 2, "второй": 2,
           "три": 3, "трёх": 3, "трех": 3, "трое": 3, "третий": 3, "четыре": 4, "четырёх": 4,
           "пять": 5, "пяти": 5, "шесть": 6, "шести": 6, "семь": 7, "семи": 7, "восемь": 8,
           "девять": 9, "десять": 10, "половина": 0.5, "половину": 0.5, "ноль": 0, "нет": 0},
    "uz": {"bir": 1, "bitta": 1, "birinchi": 1, "ikki": 2, "ikkita": 2, "ikkinchi": 2, "ikkala": 2,
           "ikkalasi": 2, "uch": 3, "uchta": 3, "uchinchi": 3, "to\u02bbrt": 4, "to\u02bbrtta": 4,
           "besh": 5, "beshta": 5, "olti": 6, "oltita": 6, "yetti": 7, "yettita": 7, "sakkiz": 8,
           "to\u02bbqqiz": 9, "o\u02bbn": 10, "yarim": 0.5, "yarmi": 0.5, "nol": 0, "yo\u02bbq": 0},
    "tl": {"wala": 0, "isa": 1, "isang": 1, "una": 1, "unang": 1, "minsan": 1, "dalawa": 2,
           "dalawang": 2, "ikalawa": 2, "ikalawang": 2, "pangalawa": 2, "pangalawang": 2, "kapwa": 2,
           "parehong": 2, "tatlo": 3, "tatlong": 3, "ikatlo": 3, "ikatlong": 3, "apat": 4, "lima": 5,
           "limang": 5, "anim": 6, "pito": 7, "pitong": 7, "walo": 8, "walong": 8, "siyam": 9,
           "sampu": 10, "sampung": 10, "labing-isa": 11, "labindalawa": 12, "labinlima": 15,
           "labinlimang": 15, "dalawampu": 20, "dalawampung": 20, "tatlumpu": 30, "tatlumpung": 30,
           "apatnapu": 40, "apatnapung": 40, "limampu": 50, "limampung": 50, "isandaan": 100,
           "kalahati": 0.5},
    "id": {"nol": 0, "satu": 1, "sekali": 1, "pertama": 1, "dua": 2, "kedua": 2, "keduanya": 2,
           "tiga": 3, "ketiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
           "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100, "setengah": 0.5,
           "separuh": 0.5},
    "mn": {"нэг": 1, "нэгэн": 1, "ганц": 1, "нэгдүгээр": 1, "хоёр": 2, "хоёулаа": 2, "хоёрдугаар": 2,
           "гурав": 3, "гурван": 3, "гуравдугаар": 3, "дөрөв": 4, "дөрвөн": 4, "тав": 5, "таван": 5,
           "зургаа": 6, "зургаан": 6, "долоо": 7, "долоон": 7, "найм": 8, "найман": 8, "ес": 9,
           "есөн": 9, "арав": 10, "арван": 10, "хагас": 0.5, "тэг": 0},
    # Nepali: matched at the start of a word, so that सातवटा (seven of) and दुईपटक (twice) count;
    # छ (six) only before a counter, since छ is also "is".
    "ne": {"एक": 1, "एउटा": 1, "पहिलो": 1, "दुई": 2, "दोस्रो": 2, "दुवै": 2, "तीन": 3, "तेस्रो": 3,
           "चार": 4, "पाँच": 5, "छ(?=\\s*(?:वटा|महिना|हप्ता|दिन|वर्ष))": 6, "छवटा": 6, "सात": 7,
           "आठ": 8, "नौ": 9, "दस": 10, "आधा": 0.5, "शून्य": 0},
}
CJK_WORD_LANGS = {"ja", "zh"}  # words there are single characters inside running text
# Terms the law defines by an age, which a translation may use instead of the age: in Korean law
# 아동·청소년 is a person under 19 (Youth Sex Protection Act, Article 2). They excuse, like words.
DEFINED_TERMS = {
    "ko": {r"아동·청소년": 19},
    "en": {r"(?i)\bday (?:or|and) night\b": 24, r"(?i)\baround the clock\b": 24},  # 24시간 · 24時間
    "ru": {r"(?i)круглосуточн": 24, r"(?i)\bднём (?:и|или) ночью\b": 24},
    "uz": {r"(?i)\bkechayu kunduz\b": 24, r"(?i)\bkecha-kunduz\b": 24, r"(?i)\bsutka davomida\b": 24},
    "tl": {r"(?i)\baraw (?:man )?(?:o|at) gabi\b": 24},
    "mn": {r"(?i)өдөр шөнөгүй": 24},
    "ne": {r"दिन होस् वा रात": 24, r"दिनरात": 24, r"चौबीसै घण्टा": 24},
}
# A range of years with the second shortened (2023–24) is both years.
YEAR_RANGE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-–—~〜]\s*(\d\d)(?!\d)")


@dataclass(frozen=True)
class Number:
    value: float
    line: int
    text: str  # as written, for the report


@dataclass
class Block:
    numbers: list[Number]
    words: set
    line: int = 0  # its first line in the file


@dataclass
class Section:
    line: int
    blocks: list[Block] = field(default_factory=list)

    @property
    def numbers(self) -> list[Number]:
        return [n for b in self.blocks for n in b.numbers]

    @property
    def words(self) -> set:
        return set().union(*(b.words for b in self.blocks)) if self.blocks else set()


def _value(text: str, family: str) -> float | None:
    """5,000 · 5.000 (groups of three: thousands) and 80.3 · 80,3 (decimals) in any language; a
    number with more than one separator as the language writes it (10,305.5 in English, 10.305,5
    in Vietnamese, 12,34,567.25 in Nepali), which Babel reads with the language's CLDR symbols."""
    if re.fullmatch(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*", text):
        return float(re.sub(r"[.,]", "", text))
    if re.fullmatch(r"\d+", text):
        return float(text)
    if re.fullmatch(r"\d+[.,]\d+", text):
        return float(text.replace(",", "."))
    return _cldr_value(text, family)


@functools.cache
def _cldr_value(text: str, family: str) -> float | None:
    """The number as the language's CLDR format writes it, or None (10,305.5 is no number in
    Vietnamese, which writes 10.305,5: its parts are read one by one)."""
    try:
        return float(parse_decimal(text, locale=family, strict=True))
    except (NumberFormatError, UnknownLocaleError, ValueError):
        return None


# Where the language groups thousands with a space (CLDR: ru and uz write 10 305 and 10 305,5), a
# space-grouped number is one number, with its decimals after the language's decimal symbol; a typed
# space is accepted as well as the no-break spaces CLDR gives.
SPACES = "[ \u00a0\u202f]"


def _join_groups(m: re.Match) -> str:
    """10 305,5 → 10305,5 and a space after it, so that offsets (and lines) stay right."""
    joined = re.sub(SPACES, "", m.group(0))
    return joined + " " * (len(m.group(0)) - len(joined))


@functools.cache
def _space_grouped(family: str) -> re.Pattern | None:
    """The pattern of a space-grouped number in the language, or None where it groups otherwise."""
    try:
        if not get_group_symbol(family).isspace():
            return None
        decimal = re.escape(get_decimal_symbol(family))
    except (UnknownLocaleError, ValueError):
        return None
    return re.compile(rf"(?<![\d.,])\d{{1,3}}(?:{SPACES}\d{{3}})+(?:{decimal}\d+)?(?!\d)")


def _lang_family(lang: str) -> str:
    return lang.split("-")[0].split("_")[0]


class _Text:
    """One block of prose with a map from character offsets back to file lines."""

    def __init__(self, lines: list[tuple[int, str]]):
        self.text, self.starts = "", []
        for number, line in lines:
            self.starts.append((len(self.text), number))
            self.text += line + "\n"

    def line_at(self, offset: int) -> int:
        line = self.starts[0][1]
        for start, number in self.starts:
            if start > offset:
                break
            line = number
        return line


def _context(text: str, start: int, end: int, width: int = 12) -> str:
    """The number as written with a few characters around it, on one line."""
    before = text[max(0, start - width):start].split("\n")[-1]
    after = text[end:end + width].split("\n")[0]
    snippet = re.sub(r"\s+", " ", (before + text[start:end] + after)).strip()
    return ("…" if len(before) == width else "") + snippet + ("…" if len(after) == width else "")


def _blank(text: str, pattern: re.Pattern | str) -> str:
    """Replace matches by spaces of the same length, so offsets (and lines) stay right."""
    return re.sub(pattern, lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def numbers_in(block: _Text, lang: str) -> tuple[list[Number], set[float]]:
    family = _lang_family(lang)
    # NFKC turns the ideographic full-width comma into ",", which would join 之3，2025 into 3,2025.
    text = unicodedata.normalize("NFKC", block.text.replace("，", "、"))
    if len(text) != len(block.text):  # NFKC changed lengths: normalise digits only
        text = "".join(unicodedata.normalize("NFKC", c) if unicodedata.category(c) == "Nd" else c
                       for c in block.text)
    space_grouped = _space_grouped(family)
    if space_grouped:
        text = re.sub(space_grouped, _join_groups, text)
    for pattern in NOT_PROSE:
        text = _blank(text, pattern)
    for idiom in IDIOMS.get(family, []):
        text = _blank(text, idiom)
    found: list[tuple[float, int, str]] = []  # value, offset, text

    def take(pattern, convert):
        nonlocal text
        def repl(m):
            for value in convert(m):
                if value is not None:
                    found.append((value, m.start(), _context(block.text, m.start(), m.end())))
            return re.sub(r"[^\n]", " ", m.group(0))
        text = re.sub(pattern, repl, text)

    if family in EXCLUSIVE_RANGE:
        take(EXCLUSIVE_RANGE[family], lambda m: [float(m.group(1)), float(m.group(2)) - 1])
    take(FRACTION, lambda m: [float(m.group(2)) / float(m.group(1))])
    take(YEAR_RANGE, lambda m: [float(m.group(1)), float(m.group(1)[:2] + m.group(2))])
    # Article numbers with a branch number are one value: 14-2 · 제14조의2 · 第14条の2 · 第14条之2
    if family in ARTICLE:
        take(ARTICLE[family], lambda m: [f"{int(m.group(1))}-{int(m.group(2))}"])
    take(HYPHENATED, lambda m: [f"{int(m.group(1))}-{int(m.group(2))}"] if int(m.group(2)) < int(m.group(1))
         else [float(m.group(1)), float(m.group(2))])
    # 5천만 · 3,000만 · 1억 5천만 · 1만 535 · 5000万 · 3千万
    group = rf"{NUMBER}\s*[십백천十百千]?\s*[만억万萬億亿]|{NUMBER}\s*[천千](?![만억万萬億亿])"
    if family in ("ko", "ja", "zh"):
        def big(m):
            total = 0.0
            rest = m.group(0)
            for g in re.finditer(rf"({NUMBER})\s*([십백천十百千])?\s*([만억万萬億亿])?", rest):
                value = _value(g.group(1), family) or 0.0
                if g.group(2):
                    value *= SMALL_UNITS[g.group(2)]
                if g.group(3):
                    value *= BIG_UNITS[g.group(3)]
                total += value
            return [total]
        take(rf"(?:(?:{group})\s*)+(?:{NUMBER}(?!\s*[십백천十百千만억万萬億亿\d]))?", big)
    # 50 million · ₩50M · 6 triệu · 1,5 tỷ
    take(rf"({NUMBER})\s*(thousand|million|billion|bn|M|nghìn|ngàn|triệu|tỷ|tỉ"
         rf"|тысячи|тысяча|тысяч|тыс|миллионов|миллиона|миллион|млн|миллиардов|миллиарда|миллиард|млрд"
         rf"|ming|mln|milliard|mlrd"
         rf"|libong|libo|milyong|milyon|bilyong|bilyon"
         rf"|ribu|juta|miliar"
         rf"|мянган|мянга|сая|тэрбум)"
         rf"(?![A-Za-zÀ-ỹА-Яа-яЁё])",
         lambda m: [(_value(m.group(1), family) or 0) * WORD_UNITS[m.group(2).lower()]])
    # Thai units are followed by a word without a space (50 ล้านวอน)
    take(rf"({NUMBER})\s*(พัน|หมื่น|แสน|ล้าน)", lambda m: [(_value(m.group(1), family) or 0) * WORD_UNITS[m.group(2)]])
    # Nepali units (5 करोड वन = 50 million won)
    take(rf"({NUMBER})\s*(हजार|लाख|करोड|अर्ब)(?![{DEVANAGARI}])",
         lambda m: [(_value(m.group(1), family) or 0) * WORD_UNITS[m.group(2)]])
    # Khmer units, also without a space (50 លានវ៉ុន); ពាន់លាន (a thousand million) before ពាន់
    take(rf"({NUMBER})\s*(ពាន់លាន|លាន|សែន|ម៉ឺន|ពាន់)", lambda m: [(_value(m.group(1), family) or 0) * KM_UNITS[m.group(2)]])
    if family == "en":  # month names next to a day or a year
        def month(m):
            return [float(MONTHS.index(next(x for x in MONTHS if m.group(0).lower().startswith(x[:3]))) + 1)]
        take(rf"(?<=\d )\b{MONTH_NAME}|\b{MONTH_NAME}(?= \d)", month)
    if family == "ru":  # 17 апреля 2025 · в октябре 2025
        def ru_month(m):
            word = m.group(0).lower()
            return [float(next(i for i, stem in enumerate(RU_MONTHS, 1) if re.match(stem, word)))]
        ru_month_name = rf"(?:{'|'.join(RU_MONTHS)})[а-я]*"
        take(rf"(?i)(?<=\d\s)\b{ru_month_name}|\b{ru_month_name}(?=\s+\d)", ru_month)
    if family == "id":  # 17 April 2025 · Januari 2020
        id_month_name = rf"(?:{'|'.join(ID_MONTHS)})"
        take(rf"(?i)(?<=\d\s)\b{id_month_name}\b|\b{id_month_name}(?=\s+\d)",
             lambda m: [float(ID_MONTHS.index(m.group(0).lower()) + 1)])
    if family in SPACED_MONTH_WORDS:
        spaced = SPACED_MONTH_WORDS[family]
        alternatives = "|".join(spaced)
        take(rf"(?<=\d\s)(?:{alternatives})(?![{DEVANAGARI}])|(?<![{DEVANAGARI}])(?:{alternatives})(?=\s+\d)",
             lambda m: [float(spaced.index(m.group(0)) + 1)])
    if family in MONTH_WORDS:
        names = MONTH_WORDS[family]
        take("|".join(names), lambda m: [float(names.index(m.group(0)) + 1)])
    if family == "uz":  # 2024-yil 18-mart · 17 aprel 2025 · 2025-yil oktabr oyida
        def uz_month(m):
            word = m.group(0).strip().lower()
            return [float(next(i for i, stem in enumerate(UZ_MONTHS, 1) if re.match(stem, word)))]
        uz_month_name = rf"(?:{'|'.join(UZ_MONTHS)})[a-z\u02bb\u02bc]*"
        take(rf"(?i)(?<=\d[\s-])\b{uz_month_name}|(?<=yil)\s+{uz_month_name}|\b{uz_month_name}(?=\s+\d)",
             uz_month)
    if family == "tl":  # Disyembre 10, 2026 · noong Enero 2020
        tl_month_name = rf"(?:{'|'.join(TL_MONTHS)})"
        take(rf"(?i)(?<=\d\s)\b{tl_month_name}\b|\b{tl_month_name}(?=\s+\d)",
             lambda m: [float(TL_MONTHS.index(m.group(0).lower()) + 1)])
    # Plain numbers; not inside a word (d4u, H2), but 18th, 1990s, under-19s are numbers.
    take(rf"(?<![A-Za-z\d])(?<!\d[.,])({NUMBER})(?:st|nd|rd|th|s)?(?![A-Za-z\d])",
         lambda m: [_value(m.group(1).rstrip(".,"), family)] if _value(m.group(1).rstrip(".,"), family) is not None
         else [_value(p, family) for p in re.split(r"[.,]", m.group(1)) if p])
    numbers = [Number(v if isinstance(v, str) else int(v) if float(v).is_integer() else v, block.line_at(offset), t)
               for v, offset, t in sorted(found, key=lambda x: x[1])]
    words: set[float] = set()
    vocabulary = WORDS.get(family, {})
    if family in CJK_WORD_LANGS:
        words = {v for w, v in vocabulary.items() if w in block.text}
    elif family == "ne":
        words = {v for w, v in vocabulary.items() if re.search(rf"(?<![{DEVANAGARI}])(?:{w})(?!\u094D)", block.text)}
    elif family == "ko":
        words = {v for w, v in vocabulary.items() if re.search(rf"(?<![가-힣\d]){w}(?=\s|[가-힣])", block.text)}
    else:
        tokens = set(re.findall(r"[^\W\d_]+", block.text.lower()))
        words = {v for w, v in vocabulary.items() if w in tokens}
    words |= {v for term, v in DEFINED_TERMS.get(family, {}).items() if re.search(term, block.text)}
    return numbers, words


def blocks(page: pages.Page) -> list[tuple[str, int, _Text]]:
    """(section id, section line, block) for every paragraph, list item, table row and heading."""
    out: list[tuple[str, int, _Text]] = []
    buffer: list[tuple[int, str]] = []
    current, in_fence = (TOP, page.body_line), False

    def flush():
        if buffer:
            out.append((*current, _Text(list(buffer))))
            buffer.clear()
    for number, line in enumerate(page.body.splitlines(), start=page.body_line):
        if FENCE.match(line):
            in_fence = not in_fence
            flush()
            continue
        if in_fence:
            continue
        heading = HEADING_ID.match(line)
        if heading:
            flush()
            current = (heading.group("id"), number)
        if not line.strip() or re.match(r"\s*(?:[-*+]|\d+[.)]|\|)\s", line) or line.lstrip().startswith("#"):
            flush()
        if line.strip():
            buffer.append((number, line))
        if line.lstrip().startswith("#"):
            flush()
    flush()
    return out


def sections(page: pages.Page, lang: str) -> dict[str, Section]:
    found: dict[str, Section] = {}
    for ident, line, block in blocks(page):
        section = found.setdefault(ident, Section(line))
        section.blocks.append(Block(*numbers_in(block, lang), line=block.starts[0][1]))
    return found


def _differences(a: Block | Section, b: Block | Section) -> tuple[list[Number], list[Number]]:
    a_values, b_values = {n.value for n in a.numbers}, {n.value for n in b.numbers}
    missing = [n for n in _first(a.numbers) if n.value not in b_values and n.value not in b.words]
    extra = [n for n in _first(b.numbers) if n.value not in a_values and n.value not in a.words]
    return missing, extra


def _fmt(value) -> str:
    if isinstance(value, str):
        return value
    if abs(value) < 10000:
        return f"{value:g}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"  # 1,234,567.25, not 1.23457e+06


def compare(source: Path, translation: Path, source_lang: str, lang: str) -> list[str]:
    src, tr = sections(pages.read(source), source_lang), sections(pages.read(translation), lang)
    # Sections only one side has (parity reports their ids) are compared as one remainder.
    for side, other in ((src, tr), (tr, src)):
        orphans = [k for k in side if k not in other]
        if orphans:
            rest = side.setdefault("(rest)", Section(side[orphans[0]].line))
            for k in orphans:
                rest.blocks += side.pop(k).blocks
    problems = []
    for ident in src:
        if ident not in tr:
            continue
        a, b = src[ident], tr[ident]
        where = f"section #{ident}" if ident not in (TOP, "(rest)") else "the page"
        if len(a.blocks) == len(b.blocks):
            # Paragraphs, list items and table rows correspond: compare them one by one, so a
            # number changed into another that the section also has (7년 → 5년) is noticed and
            # both lines are named.
            groups = [(*_differences(x, y), x.line, y.line, f"{where}, the paragraph, item or row at")
                      for x, y in zip(a.blocks, b.blocks)]
        else:
            groups = [(*_differences(a, b), a.line, b.line, f"{where} at")]
        for missing, extra, source_line, translation_line, place in groups:
            while missing and extra:
                m, e = missing.pop(0), extra.pop(0)
                problems.append(f"{translation}:{e.line}: number {_fmt(e.value)} (“{e.text}”) where the source "
                                f"has {_fmt(m.value)} (“{m.text}”) at {source}:{m.line}")
            for m in missing:
                problems.append(f"{translation}:{translation_line}: number {_fmt(m.value)} is missing; the source "
                                f"has it at {source}:{m.line} (“{m.text}”)")
            for e in extra:
                problems.append(f"{translation}:{e.line}: number {_fmt(e.value)} (“{e.text}”) is not in the source "
                                f"({place} {source}:{source_line})")
    return problems


def _first(numbers: list[Number]) -> list[Number]:
    seen, out = set(), []
    for n in numbers:
        if n.value not in seen:
            seen.add(n.value)
            out.append(n)
    return out
