"""Texts of data entries per language (locales/<lang>/data.yml, issue 15): merged into the
entries at load time, checked with file and line, counted by `guidekit status`."""
from __future__ import annotations

import json
import shutil

import pytest

from conftest import ROOT, run_guidekit
from guidekit.channels import Registry
from guidekit.errors import GuidekitError


@pytest.fixture
def data_copy(tmp_path):
    """data/ and an empty locales/ beside it."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "locales" / "th").mkdir(parents=True)
    return tmp_path


def write(root, text, lang="th"):
    path = root / "locales" / lang / "data.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def test_texts_are_merged_into_the_entries(data_copy):
    channels = data_copy / "data" / "channels.yml"  # a labelled text route, as a profile may have
    text = channels.read_text("utf-8")
    assert '    - sms: "1388"\n' in text
    channels.write_text(text.replace('    - sms: "1388"\n', '    - sms: "1388"\n      key: sms\n'
                                     '      label: {en: text message}\n'), "utf-8")
    write(data_copy, "police:\n  name: ตำรวจ (경찰)\n  what: โทร 112\n"
                     "  phones: {emergency: เหตุฉุกเฉิน, complaints: ร้องเรียน}\n"
                     "kakao:\n  links: {clean-center: ศูนย์ Kakao Clean Center}\n"
                     "youth-1388:\n  texts: {sms: ส่งข้อความ}\n")
    registry = Registry.load(data_copy / "data")
    police = registry.get("police")
    assert police.name.get_text("th") == "ตำรวจ (경찰)" and police.name.get_text("ko") == "경찰"
    assert police.what.has("th")
    assert [p.label.get_text("th") for p in police.phones] == ["เหตุฉุกเฉิน", "ร้องเรียน"]
    assert registry.get("kakao").links[0].label.get_text("th") == "ศูนย์ Kakao Clean Center"
    assert registry.get("youth-1388").texts[0].label.get_text("th") == "ส่งข้อความ"
    assert not registry.get("d4u").name.has("th")  # not given: the English is shown


@pytest.mark.parametrize("text, line, message", [
    ("polise:\n  name: x\n", 1, "unknown entry id 'polise'"),
    ("police:\n  nmae: x\n", 2, "unknown field 'nmae'"),
    ("police:\n  name: x\n  hours_note: x\n", 3, "has no field 'hours_note'"),
    ("police:\n  phones: {emerg: x}\n", 2, "no phone with key 'emerg' (its keys: emergency, complaints)"),
    ("d4u:\n  links: {site: x}\n", 2, "no link with key 'site'"),
    ("police:\n  what:\n", 2, "field 'what': the text is empty"),
    ("police:\n  what: '  '\n", 2, "field 'what': the text is empty"),
    ("police:\n  name: {th: x}\n", 2, "expected a text"),
    ("- police\n", 1, "expected entry ids"),
])
def test_mistakes_name_file_and_line(data_copy, text, line, message):
    path = write(data_copy, text)
    with pytest.raises(GuidekitError) as e:
        Registry.load(data_copy / "data")
    assert str(e.value).startswith(f"{path}:{line}: "), str(e.value)
    assert message in str(e.value)


def test_a_text_has_one_place(data_copy):
    """Korean is given inline in data/channels.yml; a second Korean text is an error naming both."""
    path = write(data_copy, "d4u:\n  who: 누구나\n", lang="ko")
    with pytest.raises(GuidekitError) as e:
        Registry.load(data_copy / "data")
    message = str(e.value)
    assert message.startswith(f"{path}:2: ") and "'ko' text is also given inline at data/channels.yml:" in message


def test_every_labelled_number_and_link_has_a_key():
    """data.yml names labels by key, so each labelled phone, link and text route has one."""
    registry = Registry.load(ROOT / "data")
    unkeyed = [f"{e.id} {kind}" for e in registry.entries.values() for kind in ("phones", "links", "texts")
               for item in getattr(e, kind) if item.label is not None and not item.key]
    assert not unkeyed


def test_status_counts_entries_with_their_texts(project_copy):
    def data_status():
        out = run_guidekit(["status", "--lang", "ja", "--json"], cwd=project_copy, check=True).stdout
        return json.loads(out)[0]["data"]
    before = data_status()
    assert before["entries"] > 10 and "telegram" in before["missing"]  # Telegram's name is English only
    write(project_copy, "telegram:\n  name: Telegram（テレグラム）\n", lang="ja")
    after = data_status()
    assert after["entries"] == before["entries"]
    assert after["with_texts"] == before["with_texts"] + 1 and "telegram" not in after["missing"]
    table = run_guidekit(["status", "--lang", "ja"], cwd=project_copy, check=True).stdout
    assert f"data texts: {after['with_texts']}/{after['entries']} entries" in table
