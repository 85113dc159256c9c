"""The guide's content: complete in Korean, front matter on every page, no placeholder text, and
a help finder that always leads to a number to call."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import run_guidekit
from guidekit import pages
from guidekit.checks import content
from guidekit.channels import Registry
from guidekit.project import Project

ROOT = Path(__file__).resolve().parents[1]
PROJECT = Project.load(ROOT)
EN, KO = PROJECT.docs_dir("en"), PROJECT.docs_dir("ko")
EN_PAGES = sorted(p.relative_to(EN).as_posix() for p in EN.rglob("*.md"))
REGISTRY = Registry.load(ROOT / "data")
FIRST_ANSWERS = list(content.FIRST_ANSWERS)


def test_the_plan_is_written():
    for page in ["index.md", "evidence.md", "support.md", "prevent.md", "safety.md", "about/index.md",
                 "about/license.md", "about/hosting.md", "about/translating.md", *FIRST_ANSWERS]:
        assert page in EN_PAGES, page
    assert sum(p.startswith("rights/") for p in EN_PAGES) >= 5
    assert sum(p.startswith("report/") for p in EN_PAGES) >= 5
    tools = {"stopncii", "take-it-down", "google", "bing", "telegram", "youtube", "meta", "x", "tiktok",
             "discord", "naver", "kakao"}
    assert {f"remove/{t}.md" for t in tools} <= set(EN_PAGES)


def test_every_english_page_exists_in_korean():
    missing = [p for p in EN_PAGES if not (KO / p).exists()]
    assert not missing, missing


@pytest.mark.parametrize("lang", PROJECT.all_languages)
def test_the_content_rules_hold(lang):
    """guidekit check --content: typed numbers, placeholder text, front matter and the help finder
    (every help page reachable, no dead end, last pages end on a card, a number within three taps)."""
    problems = content.content_problems(PROJECT, [lang])
    assert not problems, "\n".join(map(str, problems))


def test_the_content_check_names_each_planted_problem(project_copy):
    docs = project_copy / "docs"
    police = docs / "ko" / "report" / "police.md"
    text = police.read_text("utf-8").splitlines()
    text[8] += " 또는 02-735-8994로 전화하세요."
    police.write_text("\n".join(text) + "\n", "utf-8")
    (docs / "en" / "evidence.md").write_text((docs / "en" / "evidence.md").read_text("utf-8") + "\nTODO: more\n", "utf-8")
    finder = docs / "ko" / "help" / "index.md"
    finder.write_text(re.sub(r"\n[^\n]*\(not-korean\.md\)[^\n]*", "", finder.read_text("utf-8")), "utf-8")
    leaf = docs / "en" / "help" / "adult-fear.md"
    leaf.write_text(re.sub(r"\[\[channel:[a-z0-9-]+\]\]", "", leaf.read_text("utf-8")), "utf-8")
    short = docs / "ko" / "safety.md"
    short.write_text(re.sub(r"(?m)^description: .*$", "description: 짧아요", short.read_text("utf-8"), count=1), "utf-8")
    result = run_guidekit(["check", "--content", "--lang", "en,ko"], cwd=project_copy)
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    assert f"{police}:9: phone number 02-735-8994 typed into the page" in out, out
    assert f"{docs / 'en' / 'evidence.md'}:" in out and "placeholder text 'TODO'" in out, out
    assert f"{docs / 'ko' / 'help' / 'not-korean.md'}: no path leads here from help/index.md" in out, out
    assert f"{leaf}: a last page of the help finder with no channel card" in out, out
    assert f"{short}:1: the description is shorter than 40 characters" in out, out
    assert "Content rules (en, ko): " in out


def test_no_h1_in_bodies():
    """The title comes from front matter; a second H1 would repeat it."""
    for path in (ROOT / "docs").rglob("*.md"):
        body = pages.read(path).body
        assert not re.search(r"(?m)^# ", re.sub(r"(?ms)^```.*?^```", "", body)), path


def test_home_page_gives_the_24_hour_numbers():
    body = pages.read(EN / "index.md").body
    for placeholder in ("[[phone:police", "[[phone:women-1366]]", "[[phone:d4u]]"):
        assert placeholder in body


# -- issue 13: the communications commission's current name, and what StopNCII can do -------------

OLD_COMMISSION_NAMES = ("방송통신심의위원회", "放送通信審議委員会", "放送通信审议委员会",
                        "Korea Communications Standards Commission")


def _card_names(html: str) -> list[str]:
    """The text of every rendered card heading (`gk-card__name`) in a built page."""
    from html.parser import HTMLParser

    class Cards(HTMLParser):
        def __init__(self):
            super().__init__()
            self.depth, self.names = 0, []

        def handle_starttag(self, tag, attrs):
            if self.depth:
                self.depth += 1
            elif "gk-card__name" in (dict(attrs).get("class") or "").split():
                self.depth = 1
                self.names.append("")

        def handle_endtag(self, tag):
            if self.depth:
                self.depth -= 1

        def handle_data(self, data):
            if self.depth:
                self.names[-1] += data

    parser = Cards()
    parser.feed(html)
    return parser.names


def test_no_card_title_uses_the_abolished_commission_name():
    """방송통신심의위원회 was replaced on 1 October 2025; a card may say "formerly …" in its text,
    never in its title."""
    bad = [f"{entry.id}: {lang}: {name}" for entry in REGISTRY.entries.values()
           for lang, name in entry.name.items() if any(old in name for old in OLD_COMMISSION_NAMES)]
    assert not bad, bad


def test_no_rendered_card_heading_uses_the_abolished_commission_name(site):
    pages_with_cards = 0
    bad = []
    for page in site.rglob("*.html"):
        text = page.read_text("utf-8")
        if "gk-card__name" not in text:  # no card heading to read (the parser would find none)
            continue
        names = _card_names(text)
        pages_with_cards += bool(names)
        bad += [f"{page.relative_to(site)}: {n.strip()}" for n in names
                if any(old in n for old in OLD_COMMISSION_NAMES)]
    assert pages_with_cards > 10, "no card headings found: has the card markup changed?"
    assert not bad, bad


# StopNCII matches only images the person holds (FACTS E3): no page or card may say that it covers,
# removes or blocks deepfakes or AI-made images as such.
STOPNCII_AI_CLAIMS = {
    "en": re.compile(r"StopNCII[^.\n]{0,80}\b(covers?|includes?|can include|removes?|blocks?)\b[^.\n]{0,30}"
                     r"\b(deepfakes?|AI[- ]generated|AI-made|fake images)", re.I),
    "ko": re.compile(r"StopNCII[^.\n]{0,60}(딥페이크|AI로 만든)[^.\n]{0,20}(대상|신청할 수 있|포함|차단해|막아)"),
    "ja": re.compile(r"StopNCII[^。\n]{0,60}(ディープフェイク|AIで作られた)[^。\n]{0,20}(対象にな|含ま|ブロックでき)"),
    "zh": re.compile(r"StopNCII[^。\n]{0,40}(也涵盖|也可以包括|也包括|涵盖)[^。\n]{0,10}深度伪造"),
    "vi": re.compile(r"StopNCII[^.\n]{0,60}(áp dụng|bao gồm)[^.\n]{0,20}(cả |cho )?deepfake", re.I),
}


def _texts_by_language():
    for lang, pattern in STOPNCII_AI_CLAIMS.items():
        docs = PROJECT.docs_dir(lang)
        for page in sorted(docs.rglob("*.md")):
            yield lang, str(page.relative_to(ROOT)), re.sub(r"\s*\n\s*", " ", pages.read(page).body)
        for entry in REGISTRY.entries.values():
            if lang in entry.what:
                yield lang, f"data: {entry.id}", entry.what[lang]


NEGATION = re.compile(r"\b(not|cannot|only)\b|n't|못|없|아직|ません|ない|不|没|chưa|không", re.I)


def test_no_page_says_stopncii_covers_ai_images_it_does_not_hold():
    hits = [f"{where}: {m.group(0)}" for lang, where, text in _texts_by_language()
            for m in STOPNCII_AI_CLAIMS[lang].finditer(text) if not NEGATION.search(m.group(0))]
    assert not hits, hits


@pytest.mark.parametrize("lang,claim", [
    ("en", "StopNCII says it also covers deepfakes (fake images made with AI)."),
    ("ko", "StopNCII는 딥페이크(AI로 만든 가짜 이미지)도 신청할 수 있다고 밝히고 있어요."),
    ("ja", "StopNCIIは、ディープフェイク（AIで作られた偽の画像）も対象になるとしています。"),
    ("zh", "StopNCII 表示，它也涵盖深度伪造（用 AI 制作的假照片）。"),
    ("vi", "StopNCII cho biết công cụ này cũng áp dụng cho deepfake (hình ảnh giả được làm bằng AI)."),
])
def test_the_stopncii_pattern_catches_the_old_claim(lang, claim):
    match = STOPNCII_AI_CLAIMS[lang].search(claim)
    assert match and not NEGATION.search(match.group(0))
# -- minors and consent (issue 13), translation review findings (issue 14) ---------------------

def _flat(text: str) -> str:
    """A page body with its line breaks and indents folded, so a sentence wrapped over lines matches."""
    return re.sub(r"\s+", " ", text)


# Sentences that tell a young person a police report needs (or may need) a parent's consent or
# involvement. The law needs no one's consent to report (Youth Sex Protection Act, Art 34(1)).
CONSENT_TO_REPORT = {
    "en": [r"police[^.]{0,60}\bmay need\b[^.]{0,30}\b(parent|guardian)", r"\bbut a police report may\b",
           r"(parent|guardian)('s|s')? (consent|permission) (is )?(needed|required) to report"],
    "ko": [r"(경찰|신고)[^.。]{0,40}(보호자|부모)[^.。]{0,20}(동의가 필요할 수|동의가 필요해요|함께해야 할 수)",
           r"경찰 신고에는 필요할 수"],
    "ja": [r"警察[^。]{0,40}(親|保護者)[^。]{0,20}(同意が必要|関わる必要)", r"警察への通報には必要な場合"],
    "zh": [r"警察[^。]{0,30}可能需要[^。]{0,15}(父母|监护人)", r"向警察报案[^。]{0,5}可能需要"],
    "vi": [r"(cảnh sát|trình báo)[^.]{0,80}có thể cần (có )?(cha mẹ|người giám hộ)",
           r"trình báo với cảnh sát thì có thể cần"],
}


def consent_claims(docs_root: Path) -> list[str]:
    hits = []
    for lang, patterns in CONSENT_TO_REPORT.items():
        for path in sorted((docs_root / lang).rglob("*.md")):
            body = _flat(pages.read(path).body)
            hits += [f"{path.relative_to(docs_root)}: {m.group(0)!r}"
                     for p in patterns for m in re.finditer(p, body, re.I)]
    return hits


def test_no_page_says_a_parents_consent_is_needed_to_report():
    hits = consent_claims(ROOT / "docs")
    assert not hits, "reporting to the police needs no one's consent (Youth Sex Protection Act, Art 34(1)):\n" \
        + "\n".join(hits)


AGE_18 = re.compile(r"(?<!\d)18(?!\d)")
CONSENT_WORD = re.compile(r"consent|동의|同意|đồng ý", re.I)


def d4u_age_problems(registry: Registry) -> list[str]:
    entry = registry.get("d4u")
    problems = []
    for field in ("name", "what", "who", "note", "hours_note"):
        for lang, text in (getattr(entry, field) or {}).items():
            if AGE_18.search(text):
                problems.append(f"d4u {field}.{lang} states 18: {text}")
            elif CONSENT_WORD.search(text) and re.search(r"\d+\s*(세|歳|岁|tuổi)|under \d+", text) \
                    and "19" not in text:
                problems.append(f"d4u {field}.{lang} states an age for consent other than 19: {text}")
    return problems


def test_d4u_card_states_19_not_18_for_consent():
    """The guide is built on 'under 19' (Youth Sex Protection Act, Art 2; the Civil Act's age of
    majority); no current source gives 18 for the centre's guardian-consent rule."""
    entry = REGISTRY.get("d4u")
    assert entry is not None
    assert any(CONSENT_WORD.search(t) and "19" in t for t in entry.who.values()), "d4u card: the age for consent"
    problems = d4u_age_problems(REGISTRY)
    assert not problems, "\n".join(problems)


TRANSLATION_FINDINGS = {
    # 国選弁護士 alone reads as the accused's state lawyer: 国選の被害者弁護士（피해자 국선변호사）;
    # "the child and any guardian" (Youth Sex Protection Act, Art 38-2(1)): a guardian only if there
    # is one; producing (제작) sexual exploitation material is 製作, the statute's word, not 制作
    "ja": [r"(?<!被害者)国選弁護士", r"子どもと保護者に説明", r"性搾取物[^。]{0,40}制作"],
    # the same for zh: 国选被害人律师（피해자 국선변호사）; amounts in won keep their separator (5,000万韩元)
    "zh": [r"(?<!被害人)国选律师", r"\d{4}万韩元"],
    # the trusted-person right is for anyone the victim trusts, not only a friend;
    # one name for each institution and legal term (second translator's check, issue 14 item 6):
    # 한국여성인권진흥원 = Viện Thúc đẩy Nhân quyền Phụ nữ Hàn Quốc, 대한법률구조공단 = Tổ chức Trợ giúp
    # Pháp lý Hàn Quốc (as in data/channels.yml), 아동·청소년성착취물 = nội dung bóc lột tình dục …
    "vi": [r"một người bạn tin tưởng", r"Viện Phát triển Nhân quyền", r"Tổng công ty Trợ giúp Pháp lý",
           r"tài liệu bóc lột tình dục"],
    # second translator's check (issue 15 item 6): police and prosecutors "ask for" (요청) deletion,
    # запросить, not "demand" it (потребовать); the d4u centre "may not" act against clear wishes
    # (не вправе; не может reads as "is unable to"); Law 21273 took effect about 1 July 2026, so it is
    # no longer "вступает в силу"; секс-вымогательство, not the loan word сексторшн
    "ru": [r"обязан[аоы]?\s+потребовать\s+(?:их\s+)?удаления", r"удаления\s+требуют\s+прокуратура",
           r"[Цц]ентр не может действовать вопреки", r"вступает в силу\s+через шесть месяцев", r"секстор[шч]"],
    # th (second translator's check, issue 15 item 6): the victim's state lawyer is ทนายความผู้เสียหายที่รัฐจัดให้
    # (피해자 국선변호사); ทนายความของรัฐ reads as the state's own counsel. "You will not get in trouble" is
    # ไม่เดือดร้อน, not ไม่มีความผิด (a verdict); "zero tolerance" is ไม่ยอมรับโดยเด็ดขาด
    "th": [r"ทนายความของรัฐ", r"ไม่มีความผิดเพราะเป็นผู้เสียหาย", r"ไม่ยอมรับเลย"],
    # uz (second translator's check, issue 15 item 6): the centre "must not" act against clear wishes
    # (harakat qilishga haqli emas; qila olmaydi reads as "is unable to"); the victim's state-appointed
    # lawyer is davlat tomonidan tayinlanadigan jabrlanuvchi advokati (피해자 국선변호사), davlat advokati
    # reads as the state's own counsel; Law 21273 is already in force (kuchga kirgan, not kuchga kiradi);
    # "zero tolerance" is mutlaqo murosasiz, not the calque nol tolerantlik; no stray English words.
    # Illegally filmed (불법촬영) is noqonuniy suratga olingan; yashirin(cha) says "secretly", which the law
    # does not require. A penalty the law provides is nazarda tutilgan; beriladi says it "is given"
    "uz": [r"qarshi harakat qila olmaydi", r"davlat advokat", r"21273-son qonun[^.]{0,80}kuchga kiradi",
           r"nol tolerantlik", r"\((?:stalking|sextortion)\)|\bAI yordamida",
           r"[Yy]ashirin(?:cha)? suratga ol", r"(?:jarima|jazosi) beriladi",
           # dates as Uzbek spelling writes them: 2024-yil 18-mart, not 2024 yil 18 mart
           r"(?<![\d.,-])\d{4}\s+yil", r"(?<![\d.,-])\d{1,2}\s+(?:yanvar|fevral|mart(?!a)|aprel|may(?!don)|iyun|iyul"
           r"|avgust|sentabr|oktabr|noyabr|dekabr)"],
    # tl (second translator's check, issue 15 item 6): the official "decides" (napagpasyahan), not
    # "sentences" (hinatulan); the victim's state lawyer is abogado ng biktima na itinalaga ng estado
    # (피해자 국선변호사); 성착취물 is sekswal na pagsasamantala (exploitation), not pang-aabuso (abuse);
    # Law 21273 took effect about 1 July 2026 (nagkabisa, not magkakabisa); a lost StopNCII case
    # number "cannot be recovered" (makukuha muli), not "taken back" (mababawi); one name for the
    # commission, komisyon sa pamantayan ng komunikasyon
    "tl": [r"hinatulan ng opisyal", r"abogadong itinalaga ng estado",
           r"gamit ang materyal ng sekswal na pang-aabuso", r"21273[^.]{0,40}na magkakabisa",
           r"[Hh]indi na\s+(?:ito\s+)?mababawi", r"komisyon sa komunikasyon"],
    # mn (second translator's check, issue 15 item 6): the victim's state lawyer is төрөөс томилсон
    # хохирогчийн өмгөөлөгч (피해자 국선변호사); төрийн өмгөөлөгч reads as the state's own counsel.
    # Sextortion is бэлгийн шантааж, not the loan word сексторшн; "illegally filmed" is хууль бусаар
    # авсан (бичсэн reads as "written"); one spelling корпораци (instrumental корпорациар)
    "mn": [r"[Тт]өрийн өмгөөлөгч", r"[Сс]екстор[шч]", r"[Хх]ууль бусаар бичсэн", r"корпорац(?!и)"],
    # id (second translator's check, issue 15 item 6): the victim's state lawyer is pengacara korban dari
    # negara (피해자 국선변호사); "pengacara (dari) negara" alone reads as the state's own counsel (Jaksa
    # Pengacara Negara). The centre "memantau apakah" material comes back; "memantau jika" reads as
    # "monitors in case" (only if it comes back). The word removed in 2025, 알면서 ("knowingly"), is
    # "dengan mengetahui"; "dengan sengaja" is intent, another legal element
    "id": [r"(?<!korban )pengacara (?:dari |yang ditunjuk (?:oleh )?)?negara", r"memantau jika",
           r"dengan sengaja mengetahui"],
    # ne (second translator's check, issue 15 item 6): threatening someone "with" (using) the images is
    # प्रयोग गरेर; देखाएर says "by showing" them, which Art 14-3 does not require, and त्यसैले reads as
    # "therefore". The victim's state lawyer is राज्यले नियुक्त गर्ने पीडित वकिल (피해자 국선변호사); राज्यको
    # वकिल reads as the state's own counsel. One name for the commission (सञ्चार मापदण्ड आयोग) and for 1388
    # (युवा हेल्पलाइन); an ex-partner is not a former friend (पूर्व-साथी); the Supreme Court held that a deepfake
    # does not "automatically" (स्वतः) count as exploitation material, not that it does not count "by itself" (आफैं)
    "ne": [r"(?:फोटो|भिडियो|सामग्री|रेकर्डिङ)\s+देखाएर", r"त्यसैले\s+(?:कसैलाई\s+|तपाईंलाई\s+)?धम्की",
           r"राज्यको\s+वकिल", r"सञ्चार\s+आयोग", r"युवा\s+लाइन", r"पूर्व-साथी", r"डीपफेक\s+आफैं\s+यस्तो"],
    # km (second translator's check, issue 15 item 6): after a positive clause លុះត្រាតែ means "only if",
    # so "recorded on video លុះត្រាតែ you say you do not want it" said the opposite of the law, and
    # "threatens to share លុះត្រាតែ you pay" said paying makes them share; "unless" is លើកលែងតែ (or
    # "if you do not ..."), and លុះត្រាតែ stays only for "only if/only when" (ប៉ុន្តែលុះត្រាតែ, "counts only
    # when"). The Sunflower Center (해바라기센터) is មជ្ឈមណ្ឌលផ្កាឈូករ័ត្ន, not the English word
    "km": [r"(?<!ប៉ុន្តែ)(?<!ចាត់ទុកបែបនេះ )លុះត្រាតែ", r"មជ្ឈមណ្ឌល\s*Sunflower"],
}


def translation_findings(docs_root: Path) -> list[str]:
    hits = []
    for lang, patterns in TRANSLATION_FINDINGS.items():
        for path in sorted((docs_root / lang).rglob("*.md")):
            text = _flat(path.read_text("utf-8"))
            hits += [f"{path.relative_to(docs_root)}: {m.group(0)}" for p in patterns for m in re.finditer(p, text)]
    return hits


@pytest.mark.parametrize("lang", sorted(TRANSLATION_FINDINGS))
def test_translation_review_findings_stay_fixed(lang):
    hits = [h for h in translation_findings(ROOT / "docs") if h.startswith(f"{lang}/")]
    assert not hits, "\n".join(hits)


def letter_findings(requests_yml: Path) -> list[str]:
    """The same review patterns applied to the request builder's letters (data/requests.yml)."""
    data = yaml.safe_load(requests_yml.read_text("utf-8"))
    texts = [("subject", data["subject"])] + [(block["id"], block["text"]) for block in data["blocks"]]
    return [f"{where}.{lang}: {m.group(0)}" for where, by_lang in texts
            for lang, patterns in TRANSLATION_FINDINGS.items() if lang in by_lang
            for p in patterns for m in re.finditer(p, by_lang[lang])]


def test_translation_review_findings_stay_fixed_in_the_letters():
    hits = letter_findings(ROOT / "data" / "requests.yml")
    assert not hits, "\n".join(hits)


@pytest.mark.parametrize("lang,old_text", [
    ("ja", "検察官は国選弁護士を付けなければなりません。"),
    ("ja", "その進め方を子どもと保護者に説明しなければならなくなりました"),
    ("ja", "児童・青少年性搾取物にあたり、その制作・配布・所持・視聴は犯罪です"),
    ("zh", "检察官必须为其指派国选律师。"),
    ("zh", "最高7年有期徒刑或5000万韩元以下罚金。"),
    ("vi", "một người bạn tin tưởng có thể ngồi cùng bạn"),
    ("ru", "она обязана потребовать их удаления и объяснить, как происходит удаление"),
    ("ru", "а также когда удаления требуют прокуратура или полиция"),
    ("ru", "по закону центр не может действовать вопреки желаниям, которые вы ясно выразили"),
    ("ru", "закон № 21273 от 30 декабря 2025 года, вступает в силу через шесть месяцев"),
    ("ru", "Шантаж после видеозвонка или переписки (сексторшн)"),
    ("th", "คุณมีทนายความอยู่ด้วยได้ และอัยการแต่งตั้งทนายความของรัฐให้คุณได้"),
    ("th", "นี่ไม่ใช่ความผิดของคุณ และคุณจะไม่มีความผิดเพราะเป็นผู้เสียหาย"),
    ("th", 'และสัญญาว่าจะ "ไม่ยอมรับเลย" ต่ออาชญากรรมทางเพศด้วยดีพเฟก'),
    ("uz", "qonunga koʻra markaz siz aniq aytgan xohishingizga qarshi harakat qila olmaydi"),
    ("uz", "Yoningizda advokat boʻlishi mumkin va prokuror (검사) sizga davlat advokatini tayinlashi mumkin"),
    ("uz", "2025 yil 30 dekabrdagi 21273-son qonun, olti oydan keyin, taxminan 2026 yil 1 iyuldan kuchga kiradi)"),
    ("uz", 'va dipfeyk jinsiy jinoyatlariga "nol tolerantlik" vaʼda qilgan'),
    ("uz", "oiladagi zoʻravonlik, jinsiy zoʻravonlik va taʼqib (stalking) boʻyicha ham yordam beradi"),
    ("uz", "Yashirincha suratga olingan rasmlarga nisbatan bu avvaldan amal qilgan (14-modda 4-qism)."),
    ("uz", "Kakao yashirin suratga olish va dipfeyklar haqidagi shikoyatlarni oʻzining Clean Centerʼida"),
    ("uz", "Ularni tarqatish uchun 7 yilgacha qamoq yoki 50 million vongacha jarima beriladi"),
    ("uz", "Uni sotib olish, unga egalik qilish yoki koʻrish uchun kamida 1 yil qamoq jazosi beriladi"),
    ("uz", "2024 yil 16-oktabrdan beri"),
    ("uz", "2024-yil 16 oktabrdan beri"),
    ("uz", "2024-yil 18 martdan beri"),
    ("tl", "kapag hinatulan ng opisyal na dapat unahin ang pagtulong sa iyo bilang biktima"),
    ("tl", "at puwede kang bigyan ng prosecutor ng abogadong itinalaga ng estado (Artikulo 27)"),
    ("tl", "Ang pagbabanta sa isang wala pang 19 taong gulang gamit ang materyal ng sekswal na pang-aabuso sa bata"),
    ("tl", "Batas Blg. 21273 ng Disyembre 30, 2025, na magkakabisa pagkalipas ng anim na buwan"),
    ("tl", "Isulat ang case number at PIN na matatanggap mo: hindi na ito mababawi."),
    ("tl", "Kahit sino ay puwede ring magreport ng materyal sa komisyon sa komunikasyon"),
    ("mn", "Та өмгөөлөгчтэй байж болох бөгөөд прокурор танд төрийн өмгөөлөгч томилж болно"),
    ("mn", "Revenge Porn Helpline-д сексторшны талаар мэдээлсэн хүмүүсийн 92% нь эрэгтэй байжээ."),
    ("mn", "Хууль бусаар бичсэн зурагт үүнтэй адил заалт аль хэдийн үйлчилж байсан"),
    ("mn", "Солонгосын хууль зүйн туслалцааны корпорацаар (대한법률구조공단) дамжуулан"),
    ("id", "Kamu bisa didampingi pengacara, dan jaksa bisa menunjuk pengacara dari negara untukmu"),
    ("id", "didampingi pengacara, dan meminta pengacara yang ditunjuk oleh negara (Pasal 27);"),
    ("id", "Pusat ini meminta situs-situs menghapus materinya, memantau jika muncul lagi"),
    ("id", 'Sejak 22 April 2025 pasal ini tidak lagi menyebut "dengan sengaja mengetahui" (알면서).'),
    ("ne", "यस्ता फोटो देखाएर तपाईंलाई धम्की दिनु अपराध हो"),
    ("ne", "यौनजन्य डीपफेक बनाउनु, फैलाउनु, र त्यसैले कसैलाई धम्की दिनु अपराध हो"),
    ("ne", "र सरकारी वकिलले तपाईंका लागि राज्यको वकिल नियुक्त गर्न सक्छन्"),
    ("ne", "जो कोहीले सञ्चार आयोग (방송미디어통신심의위원회) मा पनि सामग्रीको उजुरी गर्न सक्छ"),
    ("ne", "तपाईं पहिले युवा लाइन [[phone:youth-1388]] सँग पनि कुरा गर्न सक्नुहुन्छ"),
    ("ne", "तपाईंको प्रेमी/प्रेमिका, श्रीमान्/श्रीमती वा पूर्व-साथी हो भने"),
    ("ne", "अनुहार प्रयोग गरेर बनाइएको यौनजन्य डीपफेक आफैं यस्तो सामग्री मानिँदैन"),
    ("km", "ការសម្ភាសន៍របស់អ្នកត្រូវបានថតជាវីដេអូ លុះត្រាតែអ្នក ឬអាណាព្យាបាលស្របច្បាប់របស់អ្នកនិយាយថាមិនចង់"),
    ("km", "ហើយឥឡូវនេះគំរាមផ្ញើវាទៅមិត្តភក្តិ និងគ្រួសាររបស់អ្នក លុះត្រាតែអ្នកបង់លុយ។"),
    ("km", "ចាប់ពីថ្ងៃទី 10 ខែធ្នូ ឆ្នាំ 2026 មជ្ឈមណ្ឌល Sunflower (해바라기센터) ក៏ត្រូវតែប្រាប់ដែរ។"),
])
def test_translation_review_patterns_catch_the_old_wording(tmp_path, lang, old_text):
    (tmp_path / lang).mkdir()
    (tmp_path / lang / "page.md").write_text(old_text, "utf-8")
    assert translation_findings(tmp_path) == [f"{lang}/page.md: {m}" for p in TRANSLATION_FINDINGS[lang]
                                              for m in re.findall(p, old_text)]
    assert translation_findings(tmp_path)


@pytest.mark.parametrize("lang,text", [
    ("uz", "Shift tugmasini 3 marta bosing, 2 martadan keyin"),   # marta: "times"
    ("uz", "5 maydon"),                                            # maydon: "square, field"
    ("uz", "2024-yil 18-martdan 2025-yil 31-maygacha, 5 yil"),     # dates as they should be
])
def test_translation_review_patterns_leave_the_right_wording_alone(tmp_path, lang, text):
    (tmp_path / lang).mkdir()
    (tmp_path / lang / "page.md").write_text(text, "utf-8")
    assert translation_findings(tmp_path) == []


# -- wording a reader misreads --------------------------------------------------------------------

MISREAD = [
    # (language, pattern, why)
    ("ko", re.compile(r"밤낮\s?없이"), "reads as 'incessantly': say 24시간"),
    ("ko", re.compile(r"대응을\s?멈추"), "unclear: say what it means (stop replying once you have saved everything)"),
    ("vi", re.compile(r"Xử phạt Tội phạm Tình\s+dục"), "the Sexual Crimes Special Cases Act's name drops 'Bạo lực'"),
]


@pytest.mark.parametrize("lang, pattern, why", MISREAD)
def test_no_wording_readers_misread(root, lang, pattern, why):
    places = [root / "docs" / lang, root / "locales" / lang / "LC_MESSAGES" / "messages.po", root / "data"]
    found = []
    for place in places:
        for path in ([place] if place.is_file() else sorted(place.rglob("*"))):
            if path.suffix not in (".md", ".po", ".yml"):
                continue
            text = path.read_text("utf-8")
            if path.suffix == ".md":  # a phrase may be wrapped across lines
                folded = re.sub(r"\s+", " ", text)
                found += [f"{path.relative_to(root)}: …{m.group(0)}…" for m in pattern.finditer(folded)]
                continue
            for number, line in enumerate(text.splitlines(), 1):
                if pattern.search(line) and (path.suffix != ".yml" or f"{lang}:" in line):
                    found.append(f"{path.relative_to(root)}:{number}")
    assert not found, f"{why}: {found}"


# -- line breaks in scripts written without spaces between words ---------------------------------

# A line break inside a paragraph is shown as a space. Thai uses a space only between phrases and
# sentences, so a line wrapped between two Thai letters puts a space inside a phrase
# ("ศูนย์ช่วยเหลือผู้เสียหายจากอาชญากรรม ทางเพศดิจิทัล"): write each paragraph or list item on one line
# (second translator's check, issue 15 item 6).
UNSPACED_SCRIPTS = {"th": re.compile(r"[\u0e00-\u0e7f]")}
BLOCK_START = re.compile(r"\s*([-*+] |\d+\. |#|>|!!!|\?\?\?|\||\[\[)")


def wrapped_between_letters(docs_root: Path) -> list[str]:
    hits = []
    for lang, letter in UNSPACED_SCRIPTS.items():
        for path in sorted((docs_root / lang).rglob("*.md")):
            lines = pages.read(path).body.split("\n")
            for line, following in zip(lines, lines[1:]):
                if (line.strip() and following.strip() and not BLOCK_START.match(following)
                        and letter.fullmatch(line.rstrip()[-1]) and letter.match(following.lstrip())):
                    hits.append(f"{path.relative_to(docs_root)}: …{line.rstrip()[-20:]}⏎{following.strip()[:20]}…")
    return hits


def test_no_line_break_between_two_letters_of_an_unspaced_script():
    hits = wrapped_between_letters(ROOT / "docs")
    assert not hits, "a line break here shows as a space inside a phrase; join the lines:\n" + "\n".join(hits)


def test_line_breaks_between_letters_are_found(tmp_path):
    (tmp_path / "th").mkdir()
    (tmp_path / "th" / "page.md").write_text(
        "---\ntitle: t\n---\n\nศูนย์ช่วยเหลือผู้เสียหายจากอาชญากรรม\nทางเพศดิจิทัล\n\n- ข้อ\n- ข้อ 112\n  โทร\n", "utf-8")
    hits = wrapped_between_letters(tmp_path)
    assert len(hits) == 1 and hits[0].startswith("th/page.md: ") and "อาชญากรรม⏎ทางเพศ" in hits[0]
