"""The hosting kit: profiles, offline bundles, the emergency card, and the nginx recipe."""
from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
import urllib.request
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import run_guidekit
from guidekit.channels import Registry
from guidekit.headers import HEADERS, site_policy
from guidekit.project import Project

ROOT = Path(__file__).resolve().parents[1]
PROJECT = Project.load(ROOT)


# -- profiles ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def profile_build(profile_project):
    return profile_project / "site"


def test_profile_builds_only_its_languages_with_its_root(profile_build):
    assert '<html lang="ko"' in (profile_build / "index.html").read_text("utf-8")
    assert (profile_build / "en" / "index.html").exists()
    for lang in ("ja", "zh", "vi"):
        assert not (profile_build / lang).exists()
    switcher = re.findall(r'hreflang="([a-z]+)" lang="[a-z]+" class="md-select__link"',
                          (profile_build / "index.html").read_text("utf-8"))
    assert sorted(switcher) == ["en", "ko"]


def test_profile_shows_its_name_channel_and_colours(profile_build):
    ko = (profile_build / "index.html").read_text("utf-8")
    en = (profile_build / "en" / "index.html").read_text("utf-8")
    assert "발행: 예시 쉼터" in ko and "Published by Example Shelter" in en
    directory = (profile_build / "directory" / "index.html").read_text("utf-8")
    assert 'data-channel="example-shelter"' in directory
    assert 'data-channel="tacteen"' not in directory, "hidden by the profile"
    assert "assets/organisation.css" in ko and (profile_build / "assets" / "organisation.css").exists()
    assert "#1b5e20" in (profile_build / "assets" / "organisation.css").read_text("utf-8")
    assert (profile_build / "assets" / "organisation-logo.svg").exists()
    assert 'href="https://www.weather.go.kr/"' in ko, "its quick-exit destination"


def test_profile_site_url_gives_absolute_alternates(profile_build):
    sitemap = (profile_build / "en" / "sitemap.xml").read_text("utf-8")
    assert "<loc>https://guide.example.org/en/</loc>" in sitemap
    assert 'hreflang="ko" href="https://guide.example.org/"' in sitemap


def profile_error(tmp_path, text: str) -> str:
    from conftest import copy_project
    project = tmp_path / "project"
    project.mkdir()
    copy_project(project)
    (project / "profiles" / "bad.yml").write_text(text, "utf-8")
    result = run_guidekit(["build", "--profile", "profiles/bad.yml"], cwd=project)
    assert result.returncode == 2  # a refused input (issue 17: exit 2 for errors, 1 for findings)
    return result.stderr


def test_unknown_profile_key_is_refused(tmp_path):
    text = (ROOT / "profiles" / "example-ngo.yml").read_text("utf-8").replace("colours:", "colors:")
    error = profile_error(tmp_path, text)
    assert "profiles/bad.yml:" in error and "unknown key 'colors'" in error


def test_low_contrast_colour_is_refused(tmp_path):
    text = (ROOT / "profiles" / "example-ngo.yml").read_text("utf-8").replace('"#1b5e20"', '"#ffeb3b"', 1)
    error = profile_error(tmp_path, text)
    assert "contrast" in error and "colours.primary" in error


def test_bad_profile_channel_is_refused_like_data(tmp_path):
    text = (ROOT / "profiles" / "example-ngo.yml").read_text("utf-8").replace(
        "https://example.org/counselling", "http://example.org/counselling")
    error = profile_error(tmp_path, text)
    assert "entry 'example-shelter', field 'links.0.url'" in error and "not an https URL" in error


# -- emergency card ---------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", PROJECT.all_languages)
def test_emergency_card_per_language(site, lang):
    from pypdf import PdfReader
    pdf = (site if lang == PROJECT.default_language else site / lang) / "emergency-card.pdf"
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for number in ("112", "1366", "02-735-8994"):
        assert number in text, f"{number} on the {lang} card"
    assert re.search(r"\d{4}", text), "dated"


def test_card_numbers_come_from_the_data():
    from guidekit.emergency_card import CARD_CHANNELS
    registry = Registry.load(ROOT / "data")
    assert all(registry.get(ident) for ident in CARD_CHANNELS)


# -- offline bundle ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def offline_build(offline_project):
    return offline_project


def test_offline_bundles_are_named_with_language_and_date(offline_build):
    names = sorted(p.name for p in (offline_build / "dist").glob("*.zip"))
    assert len(names) == 2
    assert all(re.fullmatch(r"guide-(ko|en)-\d{4}-\d{2}-\d{2}\.zip", n) for n in names)
    downloads = (offline_build / "site" / "en" / "about" / "downloads" / "index.html").read_text("utf-8")
    for name in names:
        assert f"downloads/{name}" in downloads
        assert (offline_build / "site" / "downloads" / name).exists()


def test_offline_bundle_states_date_and_source(offline_build):
    [bundle] = (offline_build / "dist").glob("guide-en-*.zip")
    with zipfile.ZipFile(bundle) as z:
        index = z.read(f"{bundle.stem}/index.html").decode("utf-8")
    assert 'data-notice="offline"' in index and "offline copy of the guide, made on" in index


def test_offline_bundle_works_from_file_url(offline_build, tmp_path, browser):
    [bundle] = (offline_build / "dist").glob("guide-en-*.zip")
    with zipfile.ZipFile(bundle) as z:
        z.extractall(tmp_path)
    root = tmp_path / bundle.stem
    context = browser.new_context()
    try:
        page = context.new_page()
        network, errors = [], []
        page.on("request", lambda r: network.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto((root / "index.html").as_uri())
        page.click("a[href$='directory.html']")
        page.wait_for_url("**/directory.html")
        page.wait_for_timeout(1000)  # let the search index load before typing
        page.locator("input.md-search__input").press_sequentially("police", delay=50)
        page.wait_for_selector(".md-search-result__item", timeout=10000)
        hits = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    finally:
        context.close()
    assert hits and all(h.startswith("file://") for h in hits)
    assert not network, f"no network requests: {network}"
    assert not errors, errors


# -- nginx --------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def nginx(site, tmp_path_factory):
    from system import find, require
    binary = require(find("nginx"), "nginx-light", "The deployment test")
    work = tmp_path_factory.mktemp("nginx")
    port = free_port()
    server = (ROOT / "deploy" / "nginx.conf").read_text("utf-8")
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};")
    server = server.replace("root /srv/guide/site;", f"root {site};")
    server = server.replace("/etc/nginx/guide-security-headers.conf", str(ROOT / "dist" / "nginx-security-headers.conf"))
    (work / "server.conf").write_text(server, "utf-8")
    mime = "/etc/nginx/mime.types"
    (work / "nginx.conf").write_text(
        f"pid {work}/nginx.pid;\nerror_log {work}/error.log;\nevents {{}}\n"
        f"http {{\n include {mime};\n client_body_temp_path {work};\n proxy_temp_path {work};\n"
        f" fastcgi_temp_path {work};\n uwsgi_temp_path {work};\n scgi_temp_path {work};\n"
        f" include {work}/server.conf;\n}}\n", "utf-8")
    test = subprocess.run([binary, "-t", "-c", str(work / "nginx.conf"), "-p", str(work)], capture_output=True, text=True)
    assert test.returncode == 0, test.stderr
    proc = subprocess.Popen([binary, "-c", str(work / "nginx.conf"), "-p", str(work), "-g", "daemon off;"])
    for _ in range(50):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/")
            break
        except OSError:
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(5)


@pytest.mark.parametrize("path", ["/", "/en/", "/en/directory/", "/assets/guidekit.css"])
def test_nginx_sends_the_declared_headers(nginx, site, path):
    response = urllib.request.urlopen(nginx + path)
    headers = response.headers
    assert headers["Content-Security-Policy"] == site_policy(site)
    for name, value in HEADERS.items():
        assert headers[name] == value
    if path.endswith("/"):
        page = response.read().decode("utf-8")
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page).group(1)
        assert meta == headers["Content-Security-Policy"], "header and page agree"
        assert '<meta name="referrer" content="no-referrer">' in page


def test_nginx_serves_each_language_404(nginx):
    """Every language's missing page is its own language's 404 (deploy/nginx.conf has a line for
    each; a language added without one got the Korean page)."""
    for lang in PROJECT.all_languages:
        prefix = "/" + PROJECT.url_prefix(lang)
        try:
            urllib.request.urlopen(nginx + prefix + "no-such-page/")
            pytest.fail("expected 404")
        except urllib.error.HTTPError as e:
            assert e.code == 404
            assert f'<html lang="{lang}"' in e.read().decode("utf-8")


def test_headers_file_matches_the_pages(site):
    text = (site / "_headers").read_text("utf-8")
    assert f"Content-Security-Policy: {site_policy(site)}" in text
    assert "Referrer-Policy: no-referrer" in text
