"""Text routes in data/: a channel that answers text messages or KakaoTalk gets a checked `texts`
entry with its source, and its card shows the text button next to the call button."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from guidekit.channels import Entry, Registry, load_file
from guidekit.errors import GuidekitError
from guidekit.placeholders import Renderer

ROOT = Path(__file__).resolve().parents[1]
SOURCE = "https://m.pressian.com/pages/articles/2026021309555507088"
BASE = {"id": "x", "need": "support", "name": {"en": "X"}, "what": {"en": "Y"},
        "phones": [{"display": "1388", "tel": "1388"}], "source": "https://example.org/",
        "verified": "2026-11-25"}


def entry_with(texts) -> Entry:
    return Entry.model_validate({**BASE, "texts": texts})


def write(tmp_path, texts) -> Path:
    path = tmp_path / "channels.yml"
    path.write_text(yaml.safe_dump([{**BASE, "texts": texts}], allow_unicode=True), "utf-8")
    return path


def test_a_text_number_is_checked_like_a_phone_number():
    assert entry_with([{"sms": "1388", "source": SOURCE}]).texts[0].href == "sms:1388"
    assert entry_with([{"sms": "+821012345678", "source": SOURCE}]).texts[0].href == "sms:+821012345678"


@pytest.mark.parametrize("texts, field, words", [
    ([{"sms": "13-88", "source": SOURCE}], "texts.0.sms", "not a valid E.164"),
    ([{"sms": "1388"}], "texts.0.source", "is required"),
    ([{"sms": "1388", "source": "http://example.org/"}], "texts.0.source", "https"),
    ([{"kakaotalk": "http://pf.kakao.com/x", "source": SOURCE}], "texts.0.kakaotalk", "https"),
    ([{"sms": "1388", "kakaotalk": "https://pf.kakao.com/x", "source": SOURCE}], "texts.0", "either"),
    ([{"source": SOURCE}], "texts.0", "either"),
    ([{"sms": "1388", "source": SOURCE, "whatsapp": "1"}], "texts.0.whatsapp", "not a known field"),
])
def test_a_wrong_text_route_names_file_line_entry_and_field(tmp_path, texts, field, words):
    path = write(tmp_path, texts)
    with pytest.raises(GuidekitError) as error:
        load_file(path)
    message = str(error.value)
    assert str(path) in message and f"field '{field}'" in message and words in message, message


def renderer(entry: Entry) -> Renderer:
    registry = Registry([(Path("data/channels.yml"), entry)])
    return Renderer(registry, "en", "en", lambda s: s)


def test_the_card_shows_the_text_button_after_the_call_button():
    card = renderer(entry_with([{"sms": "1388", "source": SOURCE}])).card(entry_with([{"sms": "1388", "source": SOURCE}]))
    call, text = card.index('href="tel:1388"'), card.index('href="sms:1388"')
    assert call < text
    assert '<ul class="gk-card__texts"><li><a class="gk-tel gk-text gk-text--sms" href="sms:1388">Text 1388</a>' in card


def test_a_kakaotalk_route_is_a_link_to_its_channel():
    entry = entry_with([{"kakaotalk": "https://pf.kakao.com/_example", "source": SOURCE}])
    card = renderer(entry).card(entry)
    assert 'href="https://pf.kakao.com/_example">Write on KakaoTalk</a>' in card


def test_the_youth_line_can_be_texted_with_its_source():
    entry = Registry.load(ROOT / "data").get("youth-1388")
    assert [t.href for t in entry.texts] == ["sms:1388"]
    assert entry.texts[0].source == SOURCE and SOURCE in entry.sources


def test_every_page_that_says_you_can_text_1388_shows_the_button(site):
    """A page that tells the reader 1388 answers text messages shows the text button."""
    says = re.compile(r"text message|문자|ショートメッセージ|短信|tin nhắn", re.I)
    checked = 0
    for page in site.rglob("index.html"):
        html = page.read_text("utf-8")
        if 'data-channel="youth-1388"' not in html and "tel:1388" not in html:
            continue
        text = re.sub(r"<[^>]+>", " ", html.split('class="md-content"', 1)[-1])
        near = [text[max(0, m.start() - 150): m.end() + 150] for m in re.finditer("1388", text)]
        if any(says.search(window) for window in near):
            checked += 1
            assert 'href="sms:1388"' in html, f"{page.relative_to(site)} says 1388 can be texted but has no text button"
    assert checked >= 10
