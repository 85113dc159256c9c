"""One history entry per visit: moving between the guide's pages (links, the language menu, the
theme's n/p keys) replaces the tab's history entry, so after quick exit Back leaves the guide and
lands on the page the tab held before it. Every page has its own way back instead: breadcrumbs to
the home page and the section, and a "previous question" on the help finder's pages. A hosting
profile with `history: normal` keeps the browser's usual history."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from browser import SiteServer
from conftest import copy_project, run_guidekit
from reader import LANGS, REPRESENTATIVES, START, neutral_destinations, prefix, quick_exit_url, start_page

# Four clicks from the home page: into the help finder, one question, the next one, and back to
# the section by its breadcrumb. Links are relative, so the same in every language.
WALK = [(".md-content", "help/"), (".md-content", "under-19/"), (".md-content", "../under-19-shared/"),
        (".md-path", "../")]


def new_context(browser, server, lang, without_navigation_api=False, extra_hosts=()):
    context = browser.new_context()
    neutral_destinations(context, extra_hosts)
    start_page(context, server.origin + prefix(lang))
    if without_navigation_api:  # as in browsers without the Navigation API
        context.add_init_script("Object.defineProperty(window, 'navigation', {value: undefined});")
    return context


def click(page, where, href):
    link = page.locator(f'{where} a[href="{href}"]').first
    target = urljoin(page.url, href)
    link.click()
    page.wait_for_url(target)


def arrive(page):
    """The tab starts on another site; the reader follows its link into the guide."""
    page.goto(START)
    page.click("#go")
    page.wait_for_load_state()
    return page.evaluate("history.length")


def exit_and_go_back(page, server, lang, destination=None):
    page.click("#quick-exit")
    page.wait_for_url((destination or quick_exit_url(lang)) + "**")
    length = page.evaluate("history.length")
    page.go_back()
    page.wait_for_load_state()
    return length


# The script that replaces history entries is the same in every language, and so are the links
# of the walk (relative): one language per script and direction walks it in the browser
# (reader.REPRESENTATIVES), and every language is checked to have the walk's links.
@pytest.mark.parametrize("lang", REPRESENTATIVES)
def test_four_pages_then_quick_exit_then_back_leaves_the_guide(browser, server, lang):
    context = new_context(browser, server, lang)
    page = context.new_page()
    arrival = arrive(page)
    for where, href in WALK:
        click(page, where, href)
        assert page.evaluate("history.length") == arrival, f"an entry was added on the way to {page.url}"
    after_exit = exit_and_go_back(page, server, lang)
    assert after_exit == arrival
    assert page.url == START, f"Back showed {page.url} ({page.title()})"
    context.close()


def test_every_language_has_the_links_of_the_walk(site):
    """The four clicks of the walk above exist in every language's pages (what the browser test
    follows in one language of each script)."""
    for lang in LANGS:
        url = "http://guide" + prefix(lang)
        for where, href in WALK:
            page = site / urlsplit(url).path.strip("/") / "index.html"
            found = _Links()
            found.feed(page.read_text("utf-8"))
            pool = found.crumbs if where == ".md-path" else found.content
            assert href in pool, f"{lang}: {page.relative_to(site)} has no link to {href} ({where})"
            url = urljoin(url, href)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_language_menu_in_between(browser, server, lang):
    other = "en" if lang == "ko" else "ko"
    context = new_context(browser, server, lang)
    page = context.new_page()
    arrival = arrive(page)
    click(page, *WALK[0])
    click(page, *WALK[1])
    page.focus(".md-select .md-header__button")  # the menu opens on focus, as with a tap
    page.locator(f'.md-select__link[hreflang="{other}"]').click()
    page.wait_for_url(re.compile(re.escape(server.origin + prefix(other)) + r"help/under-19/$"))
    click(page, ".md-content", "../under-19-shared/")
    assert page.evaluate("history.length") == arrival
    exit_and_go_back(page, server, other)
    assert page.url == START, f"Back showed {page.url}"
    context.close()


def test_without_the_navigation_api_links_and_keys_replace_too(browser, server):
    context = new_context(browser, server, "en", without_navigation_api=True)
    page = context.new_page()
    arrival = arrive(page)
    assert page.evaluate("window.navigation") is None
    for where, href in WALK[:3]:
        click(page, where, href)
    before = page.url
    page.keyboard.press("n")  # the theme's "next page" key
    page.wait_for_url(lambda url: url != before)
    assert page.evaluate("history.length") == arrival
    exit_and_go_back(page, server, "en")
    assert page.url == START
    context.close()


def test_same_page_links_replace_too(browser, server):
    context = new_context(browser, server, "en")
    page = context.new_page()
    arrival = arrive(page)
    anchors = page.locator('.md-sidebar--secondary a[href^="#"]')  # the table of contents
    assert anchors.count() >= 2
    anchors.nth(0).click()
    anchors.nth(1).click()
    assert "#" in page.url and page.evaluate("history.length") == arrival
    context.close()


def test_links_to_other_sites_are_left_alone(browser, server):
    """Only the guide's own pages replace the entry: a link elsewhere adds one, as usual, and the
    quick exit link is not turned into anything else."""
    context = new_context(browser, server, "en")
    context.route("https://elsewhere.test/**", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<!doctype html><title>elsewhere</title>"))
    page = context.new_page()
    arrival = arrive(page)
    page.evaluate("""() => { const a = document.createElement('a'); a.id = 'away';
        a.href = 'https://elsewhere.test/'; a.textContent = 'away'; document.querySelector('.md-content').prepend(a); }""")
    page.click("#away")
    page.wait_for_url("https://elsewhere.test/")
    assert page.evaluate("history.length") == arrival + 1
    context.close()


def test_without_javascript_links_are_plain(browser, server):
    context = browser.new_context(java_script_enabled=False)
    neutral_destinations(context)
    page = context.new_page()
    page.goto(server.origin + "/en/")
    click(page, *WALK[0])
    click(page, *WALK[1])
    page.go_back()
    assert page.url == server.origin + "/en/help/", "plain links add entries without JavaScript"
    context.close()


# -- history: normal ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def normal_history_site(tmp_path_factory):
    project = tmp_path_factory.mktemp("normal") / "project"
    project.mkdir()
    copy_project(project)
    profile = project / "profiles" / "example-ngo.yml"
    profile.write_text(profile.read_text("utf-8") + "\nhistory: normal\n", "utf-8")
    # Only the root language: the setting is the same for every language of the profile.
    result = run_guidekit(["build", "--profile", "profiles/example-ngo.yml", "--lang", "ko"], cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_history_normal_keeps_the_usual_history(browser, normal_history_site):
    profile_exit = "https://www.weather.go.kr/"  # profiles/example-ngo.yml, quick_exit.ko
    with SiteServer(normal_history_site) as server:
        context = new_context(browser, server, "ko", extra_hosts=["www.weather.go.kr"])
        page = context.new_page()
        arrival = arrive(page)
        assert page.get_attribute(".gk-exit", "data-gk-history") == "normal"
        click(page, *WALK[0])
        click(page, *WALK[1])
        assert page.evaluate("history.length") == arrival + 2
        exit_and_go_back(page, server, "ko", destination=profile_exit)
        assert page.url == server.origin + "/help/", "Back shows the page before, as usual"
        context.close()


def test_history_setting_is_checked(project_copy):
    profile = project_copy / "profiles" / "example-ngo.yml"
    profile.write_text(profile.read_text("utf-8") + "\nhistory: sometimes\n", "utf-8")
    result = run_guidekit(["build", "--profile", "profiles/example-ngo.yml", "--lang", "ko"], cwd=project_copy)
    assert result.returncode != 0
    assert "history" in result.stderr and "Traceback" not in result.stderr


def test_flagship_keeps_one_entry(site):
    for page in (site / "index.html", site / "en" / "index.html"):
        assert 'data-gk-history="single"' in page.read_text("utf-8")


# -- every page has its own way back ----------------------------------------------------------------

class _Links(HTMLParser):
    """The breadcrumb links, the previous-question link and every link of the content."""

    def __init__(self):
        super().__init__()
        self.crumbs: list[str] = []
        self.previous: list[str] = []
        self.content: list[str] = []
        self._stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "nav" and "md-path" in classes:
            self._stack.append("path")
        elif tag == "nav":
            self._stack.append("nav")
        if tag == "a" and attrs.get("href"):
            if "path" in self._stack:
                self.crumbs.append(attrs["href"])
            if "gk-previous__link" in classes:
                self.previous.append(attrs["href"])
            self.content.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "nav" and self._stack:
            self._stack.pop()


def links(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text("utf-8"))
    return parser


def language_roots(site: Path) -> dict[str, Path]:
    return {lang: site if prefix(lang) == "/" else site / lang for lang in LANGS if (site / prefix(lang).strip("/")).exists()}


def content_pages(root: Path):
    for page in sorted(root.rglob("index.html")):
        rel = page.relative_to(root).as_posix()
        if rel.split("/")[0] in LANGS:  # another language's tree under the root
            continue
        yield rel, page


def test_every_page_but_home_has_breadcrumbs_to_home(site):
    checked = 0
    for lang, root in language_roots(site).items():
        for rel, page in content_pages(root):
            crumbs = links(page).crumbs
            if rel == "index.html":
                assert not crumbs, "the home page has no breadcrumbs"
                continue
            assert crumbs, f"{lang}: {rel} has no breadcrumbs"
            home = urlsplit(urljoin("http://x/" + rel, crumbs[0])).path
            assert home == "/", f"{lang}: {rel}: the first breadcrumb goes to {home}, not home"
            checked += 1
    assert checked >= 40 * len(LANGS) - 10


def test_pages_of_a_section_link_to_it(site):
    page = site / "en" / "report" / "police" / "index.html"
    assert links(page).crumbs == ["../..", "../"]


def test_every_question_of_the_help_finder_links_to_the_question_before(site):
    for lang, root in language_roots(site).items():
        help_dir = root / "help"
        pages = sorted(p for p in help_dir.glob("*/index.html"))
        assert len(pages) >= 10
        assert not links(help_dir / "index.html").previous, "the first question has none"
        for page in pages:
            previous = links(page).previous
            assert len(previous) == 1, f"{lang}: {page.relative_to(site)} has no previous question"
            target = (page.parent / previous[0] / "index.html").resolve()
            assert target.exists(), f"{lang}: {page.relative_to(site)} → {previous[0]}"
            here = page.parent.name + "/"
            back = [h for h in links(target).content if h.split("#")[0] in (here, "../" + here)]
            assert back, f"{lang}: {target.relative_to(site)} does not link to {here}, so it is not the question before"


def test_previous_question_follows_the_finder(site):
    expected = {"adult": "../", "adult-shared": "../adult/", "under-19-threat": "../under-19/",
                "parent-child": "../parent-teacher/", "threatened": "../"}
    for name, href in expected.items():
        assert links(site / "en" / "help" / name / "index.html").previous == [href], name
