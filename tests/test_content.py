"""The guide's content: complete in Korean, front matter on every page, no placeholder text, and
a help finder that always leads to a number to call."""
from __future__ import annotations

import posixpath
import re
from collections import deque
from pathlib import Path

import pytest

from guidekit import pages
from guidekit.channels import Registry
from guidekit.project import Project

ROOT = Path(__file__).resolve().parents[1]
PROJECT = Project.load(ROOT)
EN, KO = PROJECT.docs_dir("en"), PROJECT.docs_dir("ko")
EN_PAGES = sorted(p.relative_to(EN).as_posix() for p in EN.rglob("*.md"))
REGISTRY = Registry.load(ROOT / "data")
LINK = re.compile(r"\]\(([^)\s#]+\.md)(?:#[^)\s]*)?\)")
PLACEHOLDER = re.compile(r"\[\[(channel|phone|link):([a-z0-9-]+)(?:#[a-z0-9-]+)?\]\]")
FIRST_ANSWERS = ["help/adult.md", "help/under-19.md", "help/parent-teacher.md", "help/saw-material.md",
                 "help/threatened.md"]


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


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_front_matter_of_every_content_page(lang):
    for rel in EN_PAGES:
        page = pages.read(PROJECT.docs_dir(lang) / rel)
        meta = pages.effective_meta(page, pages.read(EN / rel))
        for key in ("title", "description", "last_reviewed"):
            assert meta.get(key), f"{lang}/{rel}: {key}"
        assert any(str(s.get("url", "")).startswith("https://") for s in meta["sources"]), f"{lang}/{rel}"
        assert len(meta["description"]) >= 40, f"{lang}/{rel}: a real description"


def test_no_placeholder_text():
    pattern = re.compile(r"\b(TODO|FIXME|XXX|TBD|lorem ipsum)\b", re.I)
    hits = [f"{p}:{n}" for p in (ROOT / "docs").rglob("*.md")
            for n, line in enumerate(p.read_text("utf-8").splitlines(), 1) if pattern.search(line)]
    assert not hits, hits


def test_no_h1_in_bodies():
    """The title comes from front matter; a second H1 would repeat it."""
    for path in (ROOT / "docs").rglob("*.md"):
        body = pages.read(path).body
        assert not re.search(r"(?m)^# ", re.sub(r"(?ms)^```.*?^```", "", body)), path


# -- the help finder ------------------------------------------------------------------------------

def graph(docs: Path) -> dict[str, set[str]]:
    out = {}
    for rel in EN_PAGES:
        path = docs / rel
        body = pages.read(path).body
        targets = set()
        for target in LINK.findall(body):
            targets.add(posixpath.normpath(posixpath.join(posixpath.dirname(rel), target)))
        out[rel] = targets
    return out


def callable_(docs: Path, rel: str) -> bool:
    """The page has a tap-to-call link: a phone placeholder or a card of an entry with a phone."""
    for kind, ident in PLACEHOLDER.findall(pages.read(docs / rel).body):
        entry = REGISTRY.get(ident)
        if kind in ("phone", "channel") and entry and entry.phones:
            return True
    return False


def has_card(docs: Path, rel: str) -> bool:
    return any(kind == "channel" for kind, _ in PLACEHOLDER.findall(pages.read(docs / rel).body))


@pytest.mark.parametrize("docs", [EN, KO], ids=["en", "ko"])
def test_every_help_page_is_reachable_from_the_finder(docs):
    links = graph(docs)
    help_pages = {p for p in EN_PAGES if p.startswith("help/")}
    seen, queue = {"help/index.md"}, deque(["help/index.md"])
    while queue:
        for target in links[queue.popleft()]:
            if target in help_pages and target not in seen:
                seen.add(target)
                queue.append(target)
    assert seen == help_pages, f"unreachable: {sorted(help_pages - seen)}"


@pytest.mark.parametrize("docs", [EN, KO], ids=["en", "ko"])
def test_no_help_page_is_a_dead_end_and_leaves_end_on_cards(docs):
    links = graph(docs)
    help_pages = {p for p in EN_PAGES if p.startswith("help/")}
    depth, queue = {"help/index.md": 0}, deque(["help/index.md"])
    while queue:
        page = queue.popleft()
        for target in sorted(links[page]):
            if target in help_pages and target not in depth:
                depth[target] = depth[page] + 1
                queue.append(target)
    for page in help_pages:
        onward = {t for t in links[page] if t in EN_PAGES and t != page}
        assert onward, f"{page} is a dead end"
        children = {t for t in links[page] if t in help_pages and depth[t] > depth[page]}
        if not children:  # a leaf: it must end on concrete next steps with a channel card
            assert has_card(docs, page), f"leaf {page} has no channel card"
            assert onward - help_pages, f"leaf {page} links onward to the detailed pages"


@pytest.mark.parametrize("docs", [EN, KO], ids=["en", "ko"])
@pytest.mark.parametrize("answer", FIRST_ANSWERS)
def test_a_number_to_call_within_three_taps_of_home(docs, answer):
    links = graph(docs)
    assert answer in links["index.md"], f"home links to {answer}"
    # BFS from the answer page: home → answer is one tap, so two more are allowed
    frontier, depth = {answer}, 1
    while depth <= 3:
        if any(callable_(docs, p) for p in frontier):
            return
        frontier = {t for p in frontier for t in links.get(p, ()) if t in links}
        depth += 1
    pytest.fail(f"no tap-to-call number within three taps of home through {answer}")


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
        names = _card_names(page.read_text("utf-8"))
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
    # 国選弁護士 alone reads as the accused's state lawyer: 国選の被害者弁護士（피해자 국선변호사）
    "ja": [r"(?<!被害者)国選弁護士"],
    # the same for zh: 国选被害人律师（피해자 국선변호사）
    "zh": [r"(?<!被害人)国选律师"],
    # the trusted-person right is for anyone the victim trusts, not only a friend
    "vi": [r"một người bạn tin tưởng"],
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
