"""Pages in scripts written without spaces: a wrapped line must not become a space."""
from __future__ import annotations

import pytest

from guidekit.page_text import join_wrapped_lines


@pytest.mark.parametrize("text, joined", [
    ("ตำรวจ\nช่วยคุณได้", "ตำรวจช่วยคุณได้"),                      # Thai
    ("ប៉ូលិស\nអាចជួយ", "ប៉ូលិសអាចជួយ"),                              # Khmer
    ("警察に\n相談できます。", "警察に相談できます。"),                # Japanese
    ("- รายการ\n  ต่อจากนี้", "- รายการต่อจากนี้"),                    # a list item's continuation
])
def test_a_wrapped_line_of_an_unspaced_script_is_joined(text, joined):
    assert join_wrapped_lines(text) == joined


@pytest.mark.parametrize("text", [
    "Police\ncan help",                 # spaced scripts keep their line breaks (a space)
    "경찰에\n신고하세요",                 # Korean is written with spaces
    "ตำรวจ\n\nหลักฐาน",                  # a new paragraph
    "ตำรวจ\n- หลักฐาน",                  # a new list item
    "ตำรวจ\n[[phone:police]]",           # a placeholder on the next line
    "```\nตำรวจ\nหลักฐาน\n```",          # code is shown as written
])
def test_other_line_breaks_stay(text):
    assert join_wrapped_lines(text) == text


def test_a_source_title_on_the_sources_page_is_text_not_markup():
    from guidekit.templates import Templates
    link = Templates(lambda m: m).macros("generated/markdown.html").source_link
    out = str(link('<img src=x onerror=alert(1)> Report [2024] & "notes"', "https://example.org/a?b=1&c=2"))
    assert "<img" not in out and "&lt;img" in out, out
    assert r"\[2024\]" in out, "brackets cannot end the Markdown link"
    assert out.endswith("(https://example.org/a?b=1&c=2)"), "the URL is left for Markdown to escape"


def test_a_source_url_cannot_end_the_markdown_link():
    from guidekit.templates import Templates
    link = Templates(lambda m: m).macros("generated/markdown.html").source_link
    out = str(link("Title", "https://x.example/a)<b>bold</b>(c"))
    assert out == "[Title](https://x.example/a%29%3Cb%3Ebold%3C/b%3E%28c)", out
