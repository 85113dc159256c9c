"""The removal-request builder (remove/request.md): its data, the letters it writes in a real
browser, that it sends and keeps nothing, that quick exit and Back leave nothing behind, the
templates without JavaScript, accessibility, the offline bundle from file://, and its links."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from guidekit import pages, request_builder
from guidekit.channels import Registry
from guidekit.errors import GuidekitError
from guidekit.project import Project

ROOT = Path(__file__).resolve().parents[1]
PROJECT = Project.load(ROOT)
DEFAULT = PROJECT.default_language
REGISTRY = Registry.load(ROOT / "data")
DATA = request_builder.load(ROOT / "data" / request_builder.DATA_FILE, REGISTRY)
REMOVE_LANGS = sorted(p.parent.parent.name for p in (ROOT / "docs").glob("*/remove/index.md"))
# languages whose builder page is translated: its letters must exist in that language too
REQUEST_LANGS = sorted(p.parent.parent.name for p in (ROOT / "docs").glob(f"*/{request_builder.PAGE}"))
LEFTOVER = re.compile(r"\{[a-z_]+\}|%\(\w+\)s|\[[^\]]*\]")  # an unfilled field or a blank


def prefix(lang: str) -> str:
    return "/" if lang == DEFAULT else f"/{lang}/"


def builder_url(server, lang: str) -> str:
    return server.origin + prefix(lang) + "remove/request/"


# -- data -------------------------------------------------------------------------------------------

def test_every_platform_has_a_way_to_send_a_request():
    platforms = [e.id for e in REGISTRY.by_need()["platforms"]]
    assert sorted(DATA.platforms) == sorted(platforms), "each platform in data/platforms.yml is configured"
    assert {o.id for o in DATA.others} == {"website", "search-engine"}


def test_letters_exist_in_every_language_the_builder_page_is_written_in():
    assert len(REQUEST_LANGS) >= 5
    assert set(REQUEST_LANGS) <= set(DATA.letter_languages)


def test_what_a_platform_serves_is_sourced_on_the_page():
    """Each source behind a platform's US or EU entry is listed on the builder page, which is
    where a reader (or a reviewer) can check the law the letter cites."""
    sources = {s["url"] for s in pages.read(ROOT / "docs" / "en" / request_builder.PAGE).meta["sources"]}
    for ident, conf in DATA.platforms.items():
        assert not conf.serves or conf.sources, ident
        for url in conf.sources:
            assert url in sources, f"{ident}: {url} is not among the page's sources"


def bad_data(tmp_path, change) -> str:
    raw = yaml.safe_load((ROOT / "data" / request_builder.DATA_FILE).read_text("utf-8"))
    change(raw)
    path = tmp_path / "requests.yml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), "utf-8")
    with pytest.raises(GuidekitError) as e:
        request_builder.load(path, REGISTRY)
    return str(e.value)


def test_a_field_that_could_stay_empty_is_refused(tmp_path):
    def change(raw):
        block = next(b for b in raw["blocks"] if b["id"] == "account")
        block["when"] = []
    error = bad_data(tmp_path, change)
    assert "requests.yml:" in error and "{account} needs 'account' in when" in error


def test_a_translation_with_other_fields_is_refused(tmp_path):
    def change(raw):
        next(b for b in raw["blocks"] if b["id"] == "links")["text"]["ja"] = "投稿のアドレス"
    error = bad_data(tmp_path, change)
    assert "blocks[links]" in error and "'ja' text must use the same fields" in error


def test_an_unknown_link_key_is_refused(tmp_path):
    def change(raw):
        raw["platforms"]["x"]["policy"] = "rules"
    error = bad_data(tmp_path, change)
    assert "platforms.x.policy" in error and "no link 'rules'" in error


def test_serving_the_us_needs_a_source(tmp_path):
    def change(raw):
        raw["platforms"]["naver"]["serves"] = ["us"]
    assert "'serves' needs 'sources'" in bad_data(tmp_path, change)


def test_the_script_stores_and_sends_nothing():
    script = (ROOT / "overrides" / "assets" / "javascripts" / "request-builder.js").read_text("utf-8")
    code = re.sub(r"/\*.*?\*/", "", script, flags=re.S)
    for forbidden in ("localStorage", "sessionStorage", "indexedDB", "document.cookie", "fetch(",
                      "XMLHttpRequest", "sendBeacon", "WebSocket", "console."):
        assert forbidden not in code, forbidden


# -- links to the builder ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang", REMOVE_LANGS)
def test_every_remove_page_links_to_the_builder(site, lang):
    base = site if lang == DEFAULT else site / lang
    checked = 0
    for page in [base / "remove" / "index.html", *sorted((base / "remove").glob("*/index.html"))]:
        if page.parent.name == "request":
            continue
        link = re.search(r'<aside class="gk-request-link".*?<a href="([^"]+)"', page.read_text("utf-8"), re.S)
        assert link, page
        target = urlsplit(link.group(1))
        assert (page.parent / unquote(target.path) / "index.html").resolve() == \
            (base / "remove" / "request" / "index.html").resolve(), page
        if target.fragment:
            assert f'id="{target.fragment}"' in (base / "remove" / "request" / "index.html").read_text("utf-8")
        checked += 1
    assert checked >= 12


def test_evidence_page_links_to_the_builder_and_the_log(site):
    for base in (site, site / "en"):
        text = (base / "evidence" / "index.html").read_text("utf-8")
        assert 'href="../remove/request/' in text and 'href="../evidence-log/' in text


# -- in a browser -----------------------------------------------------------------------------------

def watch(page, server):
    """Every request the page makes that is not to the test server, and every script error."""
    elsewhere, errors = [], []
    page.on("request", lambda r: elsewhere.append(r.url)
            if urlsplit(r.url).netloc != f"127.0.0.1:{server.port}" and not r.url.startswith("data:") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return elsewhere, errors


def fill(page, platform, *, links, who="self", kind="fake", age="adult", account="", dates="",
         name="", contact="", site="", email="", us=False, language=None):
    page.select_option("#gk-platform", platform)
    if site:
        page.fill("#gk-site", site)
    if email:
        page.fill("#gk-email", email)
    if us:
        page.check("#gk-us")
    page.fill("#gk-links", "\n".join(links))
    if account:
        page.fill("#gk-account", account)
    if dates:
        page.fill("#gk-dates", dates)
    page.check(f"#gk-who-{who}")
    page.check(f"#gk-kind-{kind}")
    page.check(f"#gk-age-{age}")
    if name:
        page.fill("#gk-name", name)
    if contact:
        page.fill("#gk-contact", contact)
    if language:
        page.select_option("#gk-language", language)
    page.click("#gk-request-form button[type=submit]")
    page.wait_for_selector("#gk-request-output:not([hidden])")
    hrefs = page.eval_on_selector_all("#gk-request-next a", "links => links.map(a => a.href)")
    return page.input_value("#gk-request-text"), page.inner_text("#gk-request-next") + "\n" + "\n".join(hrefs)


LINKS = ["https://example.com/post/123", "https://example.com/channel/abc?x=1"]

# (page language, platform, form answers, letter language, what the output must and must not hold)
CASES = [
    ("en", "x", dict(age="adult", kind="fake", name="Kim Minji", contact="minji@example.org"), "en",
     ["Article 14-2", "TAKE IT DOWN Act", "48 hours", "Article 16 of the Digital Services Act",
      "https://help.x.com/en/rules-and-policies/us-tida",
      "https://help.x.com/forms/safety-and-sensitive-content/take-it-down", "Kim Minji"],
     ["Articles 2 and 11", "Article 14)"]),
    ("en", "naver", dict(age="under18", kind="real", account="@poster", dates="2026-11-28"), "ko",
     ["「성폭력범죄의 처벌 등에 관한 특례법」 제14조)", "제11조", "https://help.naver.com", "@poster", "2026-11-28"],
     ["TAKE IT DOWN", "디지털서비스법", "제14조의2"]),
    ("en", "website", dict(age="18", kind="unsure", site="bad.example", email="abuse@host.example",
                           name="A. Parent", contact="+82 10 0000 0000", who="other"), "en",
     ["bad.example", "Article 14)", "Article 14-2", "Articles 2 and 11", "parent, guardian or representative"],
     ["TAKE IT DOWN", "Digital Services Act"]),
    ("ko", "x", dict(age="under18", kind="fake", name="김민지", contact="minji@example.org", language="ko"), "ko",
     ["제14조의2", "제11조", "TAKE IT DOWN", "제16조", "https://help.x.com/en/rules-and-policies/us-tida"],
     []),
    ("ko", "naver", dict(age="adult", kind="fake"), "ko",
     ["제14조의2", "https://help.naver.com"],
     ["제11조", "TAKE IT DOWN", "디지털서비스법"]),
    ("ko", "website", dict(age="adult", kind="real", site="나쁜사이트.example", us=True,
                           name="김민지", contact="minji@example.org", language="en"), "en",
     ["나쁜사이트.example", "Article 14)", "TAKE IT DOWN Act"],
     ["Digital Services Act", "Articles 2 and 11", "Article 14-2"]),
]


@pytest.mark.parametrize("lang,platform,answers,letter,present,absent", CASES,
                         ids=[f"{c[0]}-{c[1]}-{c[3]}" for c in CASES])
def test_the_request_holds_the_links_the_policy_and_the_law(context, server, lang, platform, answers,
                                                            letter, present, absent):
    page = context.new_page()
    elsewhere, errors = watch(page, server)
    page.goto(builder_url(server, lang))
    text, steps = fill(page, platform, links=LINKS, **answers)
    assert page.input_value("#gk-language") == letter
    output = text + "\n" + steps
    for link in LINKS:
        assert f"- {link}" in text, link
    for expected in present:
        assert expected in output, expected
    for unexpected in absent:
        assert unexpected not in text, unexpected
    assert not LEFTOVER.search(text), LEFTOVER.search(text).group(0)
    assert not elsewhere and not errors, (elsewhere, errors)


def test_a_website_with_an_address_opens_the_readers_own_mail_app(context, server):
    page = context.new_page()
    page.goto(builder_url(server, "en"))
    text, _ = fill(page, "website", links=LINKS, site="bad.example", email="abuse@host.example")
    href = page.get_attribute("#gk-mailto", "href")
    assert href.startswith("mailto:abuse@host.example?subject=")
    assert unquote(href.split("&body=", 1)[1]) == text


def test_a_letter_in_the_pages_own_language(context, server):
    page = context.new_page()
    page.goto(builder_url(server, "ja"))
    text, steps = fill(page, "discord", links=LINKS, age="adult", language="ja")
    assert "第14条の2" in text and "TAKE IT DOWN" in text and "第16条" in text
    assert "https://discord.com/report" in steps
    assert not LEFTOVER.search(text)


def test_missing_answers_are_named_and_nothing_is_written(context, server):
    page = context.new_page()
    page.goto(builder_url(server, "en"))
    page.select_option("#gk-platform", "x")
    page.click("#gk-request-form button[type=submit]")
    errors = page.locator("#gk-request-errors li")
    assert errors.count() == 4  # links, who, what, age
    assert page.evaluate("() => document.activeElement.id") == "gk-request-errors"
    assert page.locator("#gk-request-output").is_hidden()


def stored(page) -> dict:
    return page.evaluate("""async () => ({
        local: Object.entries(localStorage), session: Object.entries(sessionStorage),
        cookie: document.cookie,
        databases: indexedDB.databases ? (await indexedDB.databases()).map(d => d.name) : []
    })""")


def test_nothing_leaves_the_machine_and_nothing_is_kept(browser, server):
    context = browser.new_context()
    origin = server.origin
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    try:
        page = context.new_page()
        elsewhere, errors = watch(page, server)
        requests_after_load = []
        page.goto(builder_url(server, "ko"), wait_until="load")
        page.on("request", lambda r: requests_after_load.append(r))
        # On a busy machine the page's own files (its scripts, style sheets and icon) can still be
        # asked for after `load`, even after a network-idle wait: a plain GET of one of them
        # carries nothing typed. Any other request is one the form made.
        own_files = set(page.eval_on_selector_all(
            "script[src], link[href][rel~=stylesheet], link[href][rel~=icon], link[href][rel~=preload]",
            "els => els.map(e => e.src || e.href)"))
        secret = "secret-name-7731"
        fill(page, "x", links=["https://example.com/" + secret], name=secret, contact=secret + "@example.org")
        page.click("#gk-copy")
        page.wait_for_selector("#gk-empty-clipboard:not([hidden])")
        assert secret in page.evaluate("() => navigator.clipboard.readText()")
        page.click("#gk-empty-clipboard")
        page.wait_for_function("() => document.getElementById('gk-empty-clipboard').hidden")
        assert page.evaluate("() => navigator.clipboard.readText()") == ""
        page.click("#gk-request-form button[type=reset]")
        page.wait_for_function("() => document.getElementById('gk-request-output').hidden")
        state = stored(page)
        assert secret not in repr(state), state
        assert state["cookie"] == "" and state["databases"] == []
        made = [f"{r.method} {r.url}" for r in requests_after_load
                if not (r.method == "GET" and r.post_data is None and r.url in own_files
                        and r.resource_type in ("script", "stylesheet", "image", "other"))]
        assert not made, f"using the form requested {made}"
        carried = [r.url for r in requests_after_load
                   if secret in r.url + (r.post_data or "") + repr(r.headers)]
        assert not carried, f"requests carried what was typed: {carried}"
        assert not elsewhere and not errors, (elsewhere, errors)
    finally:
        context.close()


def form_is_empty(page) -> bool:
    return page.evaluate("""() => {
        const form = document.getElementById('gk-request-form');
        const fields = Array.from(form.querySelectorAll('input, textarea'));
        return fields.every(f => (f.type === 'radio' || f.type === 'checkbox') ? !f.checked : f.value === '')
            && document.getElementById('gk-platform').value === ''
            && document.getElementById('gk-request-text').value === ''
            && document.getElementById('gk-request-output').hidden;
    }""")


def test_leaving_and_coming_back_restores_nothing(context, server):
    page = context.new_page()
    page.goto(builder_url(server, "en"))
    fill(page, "x", links=LINKS, name="Kim Minji")
    page.goto(server.origin + "/en/evidence/")
    page.go_back()
    page.wait_for_selector("#gk-request-form:not([hidden])")
    assert page.url.startswith(builder_url(server, "en"))
    assert form_is_empty(page)


def test_the_quick_exit_event_clears_the_form(context, server):
    """quick-exit.js dispatches guidekit:exit before it leaves: the form is empty at once."""
    page = context.new_page()
    page.goto(builder_url(server, "en"))
    fill(page, "x", links=LINKS, name="Kim Minji")
    page.evaluate("() => document.dispatchEvent(new Event('guidekit:exit'))")
    page.wait_for_timeout(50)
    assert form_is_empty(page)


def quick_exit_url(lang: str) -> str:
    conf = yaml.safe_load((ROOT / "locales" / lang / "mkdocs.yml").read_text("utf-8"))
    return conf["extra"]["quick_exit"]["url"]


def test_after_quick_exit_back_shows_no_form_data(browser, server):
    context = browser.new_context()
    host = urlsplit(quick_exit_url("en")).netloc
    context.route(f"https://{host}/**", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<!doctype html><title>neutral</title><p>neutral"))
    try:
        page = context.new_page()
        page.goto(server.origin + "/en/remove/")
        page.goto(builder_url(server, "en"))
        fill(page, "x", links=LINKS, name="Kim Minji")
        page.click("#quick-exit")
        page.wait_for_url(quick_exit_url("en") + "**")
        page.go_back()
        assert "Kim Minji" not in page.content()
        assert not page.url.startswith(builder_url(server, "en")), "the builder's entry was replaced"
        page.go_forward()
        page.goto(builder_url(server, "en"))
        assert form_is_empty(page)
    finally:
        context.close()


def test_without_javascript_every_platform_has_a_template(browser, server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(builder_url(server, "en") + "#template-x")
        assert page.locator("#gk-request-form").is_hidden()
        summaries = page.locator(".gk-template summary")
        assert summaries.count() == len([p for p in DATA.platforms.values() if p.route != "tool"]) + len(DATA.others)
        body = page.locator("#template-x")
        assert body.is_visible(), "the link from a platform's page opens its template"
        text = body.inner_text()
        assert "[links to the material, one per line]" in text
        assert "Article 14-2" in text and "TAKE IT DOWN Act" in text
        assert "https://help.x.com/en/rules-and-policies/us-tida" in text
        page.goto(builder_url(server, "en"))
        page.locator("details:has(#template-naver) summary").click()
        naver = page.locator("#template-naver").inner_text()
        assert "제14조의2" in naver and "[links to the material, one per line]" in naver, "Korean letter, blanks"
    finally:
        context.close()


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.mark.parametrize("state", ["output", "errors", "no-javascript"])
def test_axe_finds_nothing(browser, server, state):
    from axe_playwright_python.sync_playwright import Axe
    context = browser.new_context()
    if state == "no-javascript":  # axe itself needs JavaScript: keep the builder's script away instead
        context.route("**/request-builder.js", lambda route: route.abort())
    try:
        page = context.new_page()
        page.goto(builder_url(server, "ko"))
        if state == "output":
            fill(page, "website", links=LINKS, site="bad.example", email="abuse@host.example", name="김민지")
            page.click("#gk-copy")
        elif state == "errors":
            page.click("#gk-request-form button[type=submit]")
        else:
            assert page.locator("#gk-request-form").is_hidden()
            page.locator("details:has(#template-x) summary").click()
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS},
                                           "resultTypes": ["violations"]})
        violations = results.response["violations"]
        assert not violations, "\n".join(f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:5]}"
                                         for v in violations)
    finally:
        context.close()


def test_no_sideways_scrolling_on_a_small_screen(browser, server):
    context = browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(builder_url(server, "vi"))
        fill(page, "x", links=["https://example.com/" + "a" * 120], name="Nguyễn Văn A")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 320, width
    finally:
        context.close()


# -- the offline bundle ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def offline_bundle(offline_project, tmp_path_factory):
    [bundle] = (offline_project / "dist").glob("guide-en-*.zip")
    out = tmp_path_factory.mktemp("offline-unzipped")
    with zipfile.ZipFile(bundle) as z:
        z.extractall(out)
    return out / bundle.stem


def test_the_offline_bundles_builder_works_from_file_urls(browser, offline_bundle):
    context = browser.new_context()
    try:
        page = context.new_page()
        network, errors = [], []
        page.on("request", lambda r: network.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((offline_bundle / "remove" / "x.html").as_uri())
        page.click("aside.gk-request-link a")
        page.wait_for_url("**/remove/request.html#template-x")
        assert page.input_value("#gk-platform") == "x", "started with the platform of the page it came from"
        text, steps = fill(page, "x", links=LINKS, name="Kim Minji", contact="minji@example.org")
        assert all(link in text for link in LINKS) and "TAKE IT DOWN Act" in text
        evidence_log = page.get_attribute("#gk-request-output a[href$='evidence-log.html']", "href")
        assert evidence_log and (offline_bundle / "evidence-log.html").exists()
        assert not network, network
        assert not errors, errors
    finally:
        context.close()
