"""The MkDocs plugin that makes one language's build part of the guide.

It compiles the language's catalog, falls back to the source language for missing pages, places
channels from data/ (and a hosting profile's own on the home and support pages), generates the
directory, sources and translation-status pages, translates nav section titles, adds the notices
and the page foot, links every language, and secures the HTML: strings are escaped where they are
inserted, and every finished page is checked (no script or resource the build does not know; CSP
with the hashes of the known inline scripts, no referrer).
"""
from __future__ import annotations

import datetime as dt
import html
import logging
import re
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

import material.plugins.search.plugin as material_search
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Section

from guidekit import (card, generated, pages, placeholders, request_builder, search_segments, security, status,
                      theme_strings, urls, worksheet)
from guidekit.channels import Registry
from guidekit.errors import GuidekitError
from guidekit.i18n import babel_locale, compiled_dir, language_name, long_date, translations
from guidekit.placeholders import Renderer
from guidekit.positions import YamlDoc
from guidekit.profiles import Profile
from guidekit.project import Project

log = logging.getLogger("mkdocs.plugins.guidekit")
_jieba = material_search.jieba  # the module, or None when jieba is not installed


PROFILE_CSS = "assets/organisation.css"
# Where a hosting profile's place_channels go (source-language page paths).
PLACEMENT_PAGES = {"home": "index.md", "support": "support.md"}
# Language settings that Material's templates insert as they are: plain text only.
PLAIN_TEXT_SETTINGS = ("site_name", "site_description", "copyright")


class _Switcher:
    """Material shows its language selector when extra.alternate is truthy and prints its own
    <link rel=alternate> tags only when it is iterable. This is truthy but not iterable: the
    selector (partials/alternate.html) and the hreflang links are ours, per page."""

    def __bool__(self):
        return True


class GuidekitConfig(Config):
    enabled = opt.Type(bool, default=True)


class GuidekitPlugin(BasePlugin[GuidekitConfig]):
    supports_multiple_instances = False

    def _fail(self, error: GuidekitError) -> NoReturn:
        raise PluginError(f"[{self.lang}] {error}")

    # -- configuration ---------------------------------------------------------------------------
    @event_priority(100)  # before Material's search plugin, which already renders templates
    def on_config(self, config):
        docs_dir = Path(config.docs_dir)
        self.lang = docs_dir.name
        settings = dict((config.extra.get("guidekit") or {}))
        self.project = Project(root=docs_dir.parents[1], _settings=settings)
        self.profile = Profile.from_settings(settings.get("profile"), self.project)
        if self.profile:
            self.project.only_languages = self.profile.languages or None
            self.project.root_language_override = self.profile.root_language
        if settings.get("languages"):  # the languages of this build (guidekit build --lang …)
            self.project.only_languages = settings["languages"]
        self.offline = config.extra.get("offline") or None  # {"date": …} in an offline bundle
        self.bundles = {} if self.offline else (settings.get("offline_bundles") or {})
        self.source_lang = self.project.source_language
        try:
            self.locale = babel_locale(self.project, self.lang)
            self.tr = translations(self.project, self.lang)
            self.source_tr = translations(self.project, self.source_lang)
            extra, hide = self.profile.channels() if self.profile else ([], ())
            self.registry = Registry.load(self.project.root / "data", extra, hide)
            self.requests = request_builder.load(self.project.root / "data" / request_builder.DATA_FILE,
                                                 self.registry)
        except GuidekitError as e:
            self._fail(e)
        # The compiled catalogs are where MkDocs looks for {% trans %} translations.
        config.theme.dirs.insert(1, str(compiled_dir(self.project)))
        theme_strings.configure(config)  # Material's strings: its partial, or ours from the catalog
        self.renderer = Renderer(self.registry, self.lang, self.locale, self.tr.gettext, self.source_lang)
        self.source_renderer = Renderer(self.registry, self.source_lang, babel_locale(self.project, self.source_lang),
                                        self.source_tr.gettext, self.source_lang)
        # site_url names the whole site; this language lives under its prefix.
        self.site_root_url = config.site_url or (self.profile.site_url if self.profile else "") or ""
        if self.site_root_url:
            config.site_url = self.site_root_url.rstrip("/") + "/" + self.project.url_prefix(self.lang)
        # An offline bundle holds one language: link the others only where they are online.
        if len(self.project.languages) > 1 and not (self.offline and not self.site_root_url):
            config.extra["alternate"] = _Switcher()
        if self.site_root_url:
            config.extra["guidekit_hreflang"] = [
                {"lang": lang, "base": self.site_root_url.rstrip("/") + "/" + self.project.url_prefix(lang)}
                for lang in self.project.languages]
        self._configure_search(config)
        if self.profile:
            self.profile.apply_to_config(config, self.lang)
            if self.profile.css():
                config.extra_css.append(PROFILE_CSS)
            if self.profile.logo_path():
                config.theme["logo"] = "assets/organisation-logo" + self.profile.logo_path().suffix
        self._check_settings(config)
        hosts = {urlsplit(u).hostname for u in (self.site_root_url, self.profile.site_url if self.profile else None) if u}
        self.own_hosts = frozenset(h.lower() for h in hosts if h)
        self.fallback: set[str] = set()
        self.source_pages: dict[str, pages.Page | None] = {}
        return config

    def _setting_line(self, loc) -> tuple[Path, int | None]:
        """Where a setting is written: the language's mkdocs.yml, else the base it inherits."""
        own = self.project.config_file(self.lang)
        for path in (own, self.project.root / "mkdocs.yml"):
            try:
                doc = YamlDoc.read(path)
            except GuidekitError:
                continue
            node = doc.data
            for part in loc:
                node = node.get(part) if isinstance(node, dict) else None
            if node is not None:
                return path, doc.line(loc)
        return own, None

    def _check_settings(self, config):
        """The quick exit needs a real destination; plain-text settings stay plain text."""
        exit_url = ((config.extra.get("quick_exit") or {}) if isinstance(config.extra.get("quick_exit"), dict)
                    else {}).get("url")
        problem = security.https_url_problem(exit_url)
        if problem:
            if self.profile and self.lang in self.profile.model.quick_exit:
                path, line = self.profile.path, self.profile.line(("quick_exit", self.lang))
            else:
                path, line = self._setting_line(("extra", "quick_exit", "url"))
                if exit_url is None:
                    problem = "is missing"
            self._fail(GuidekitError(
                f"the quick-exit destination (extra.quick_exit.url) of '{self.lang}' {problem}", file=path, line=line,
                hint="set extra: quick_exit: url: to the https:// address of a neutral site in this language "
                     "(a weather or news page); without it the exit button would reload the guide"))
        for key in PLAIN_TEXT_SETTINGS:
            value = getattr(config, key, None)
            if isinstance(value, str) and re.search(r"[<>]", value):
                path, line = self._setting_line((key,))
                self._fail(GuidekitError(f"{key} is plain text and may not contain < or >: {value[:60]!r}",
                                         file=path, line=line, hint="write it without HTML"))

    def _configure_search(self, config):
        """Each language gets its own search index declaring its language (lunr has ko, ja, zh,
        vi, th, ru, en …; others search with English rules) and splitting at U+200B, where the
        index of an unspaced script is segmented (guidekit/search_segments.py). Material segments Han characters with jieba whenever jieba is importable;
        that is right for Chinese only (it would split Japanese kanji away from their kana)."""
        search = config.plugins.get("material/search")
        if search is None:
            return
        search_segments.configure(search.config, config.extra.get("search") or {}, config.theme["language"])
        material_search.jieba = _jieba if search.config.lang[0] == "zh" else None
        if _jieba is not None:
            _jieba.setLogLevel(logging.WARNING)

    # -- files -----------------------------------------------------------------------------------
    def on_files(self, files: Files, config):
        source_docs = self.project.docs_dir(self.source_lang)
        if self.lang != self.source_lang:
            for path in sorted(source_docs.rglob("*")):
                if path.is_dir():
                    continue
                rel = path.relative_to(source_docs).as_posix()
                own = files.get_file_from_path(rel)
                if own is not None and rel.endswith(".md") and status.is_untranslated_copy(self.project, self.lang, rel):
                    files.remove(own)  # still the source's text: built as the source page, with the notice
                    own = None
                if own is None:
                    files.append(File(rel, str(source_docs), config.site_dir, config.use_directory_urls))
                    self.fallback.add(rel)
        if self.profile and self.profile.css():
            files.append(File.generated(config, PROFILE_CSS, content=self.profile.css()))
        if self.profile and self.profile.logo_path():
            files.append(File.generated(config, config.theme["logo"], abs_src_path=str(self.profile.logo_path())))
        _ = self.tr.gettext
        nav_pages = [f.src_uri for f in files.documentation_pages()]
        generated_pages = {
            generated.DIRECTORY: generated.directory(self.registry, self.renderer, _),
            generated.SOURCES: generated.sources_page(self.project, nav_pages, self.renderer, _),
            generated.TRANSLATION_STATUS: generated.translation_status_page(self.project, _),
            generated.DOWNLOADS: generated.downloads_page(
                self.bundles, urls.to_site_root(generated.DOWNLOADS_URL, self.lang, self.project), _,
                card_href=("../" if config.use_directory_urls else "") + "../" + card.CARD_FILE),
        }
        for rel, content in generated_pages.items():
            if files.get_file_from_path(rel) is not None:
                self._fail(GuidekitError("this page is generated at build time; remove the file",
                                         file=Path(config.docs_dir) / rel))
            files.append(File.generated(config, rel, content=content))
        self.files = files
        return files

    def on_env(self, env, config, files):
        # Compiled templates are kept between builds (and shared by the language builds).
        from jinja2 import FileSystemBytecodeCache
        folder = self.project.cache_dir / "jinja"
        folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(folder))
        # {% trans %} strings come from the catalogs: escaped like any other text. Our templates
        # run under {% autoescape true %}, where Jinja marks gettext's result safe; elsewhere it
        # is inserted as is. Either way a catalog string is escaped exactly once.
        gettext, ngettext = env.globals.get("gettext"), env.globals.get("ngettext")
        if gettext is not None and not getattr(gettext, "guidekit_escaped", False):
            def escaped_gettext(message):
                return html.escape(gettext(message))

            def escaped_ngettext(singular, plural, n):
                return html.escape(ngettext(singular, plural, n))
            escaped_gettext.guidekit_escaped = escaped_ngettext.guidekit_escaped = True
            env.globals.update(gettext=escaped_gettext, ngettext=escaped_ngettext)
        return env

    # -- navigation ------------------------------------------------------------------------------
    def on_nav(self, nav, config, files):
        def walk(items):
            for item in items:
                if isinstance(item, Section):
                    item.title = self.tr.gettext(item.title)
                    walk(item.children)
        walk(nav.items)
        return nav

    # -- pages -----------------------------------------------------------------------------------
    def _source_page(self, rel: str) -> pages.Page | None:
        if rel not in self.source_pages:
            path = self.project.docs_dir(self.source_lang) / rel
            self.source_pages[rel] = pages.read(path) if path.exists() else None
        return self.source_pages[rel]

    def on_page_markdown(self, markdown, page, config, files):
        rel = page.file.src_uri
        if page.file.generated_by:
            page.meta["guidekit_generated"] = True
            return markdown
        path = Path(page.file.abs_src_path)
        is_fallback = rel in self.fallback
        try:
            own = pages.read(path)
            source = self._source_page(rel)
            translated = self.lang != self.source_lang and not is_fallback
            meta = pages.effective_meta(own, source)
            pages.validate(own, meta, translated=translated)
            placeholders.check_front_matter(own)
            renderer = self.source_renderer if is_fallback else self.renderer
            # MkDocs hands over the body without its leading blank lines; count them back in.
            blank = len(own.body) - len(own.body.lstrip("\n"))
            body = renderer.replace_all(markdown, str(path), line_offset=own.body_line - 1 + blank)
            body += self._placed_channels(rel, renderer)
        except GuidekitError as e:
            self._fail(e)
        page.meta.update(meta)
        page.meta["guidekit_fallback"] = is_fallback
        if translated and source is not None:
            record = own.translation or {}
            page.meta["guidekit_outdated"] = record.get("source_hash") != pages.source_hash(
                self.project.docs_dir(self.source_lang) / rel)
            page.meta["guidekit_unreviewed"] = not record.get("reviewed", False)
            # the translated page's own date, if it has one (last_reviewed is otherwise the source's)
            page.meta["guidekit_translated_on"] = own.meta.get("last_reviewed")
        return body

    def _placed_channels(self, rel: str, renderer: Renderer) -> str:
        """A hosting profile's own channels on the home and support pages (place_channels)."""
        where = next((k for k, page in PLACEMENT_PAGES.items() if page == rel), None)
        ids = self.profile.placed(where) if self.profile and where else []
        if not ids:
            return ""
        heading = self.tr.gettext("Contacts from %(organisation)s") % {
            "organisation": self.profile.model.organisation.name.get_text(self.lang)}
        cards = "\n\n".join(renderer.card(self.registry.get(i)) for i in ids)
        return f'\n\n<h2 id="organisation-contacts">{html.escape(heading)}</h2>\n\n{cards}\n'

    def on_page_content(self, content, page, config, files):
        if "<h1" not in content:
            content = f"<h1>{html.escape(page.title or config.site_name)}</h1>\n{content}"
        if page.meta.get("guidekit_fallback"):
            content = f'<div lang="{self.source_lang}" dir="ltr">{content}</div>'
        return content

    def on_page_context(self, context, page, config, nav):
        _ = self.tr.gettext
        meta, url = page.meta, page.url
        gk = {"lang": self.lang, "notices": [], "alternates": [], "sources": [], "reviewed": None,
              "translation_note": None}
        source_name = language_name(self.source_lang)
        if meta.get("guidekit_fallback"):
            gk["notices"].append(("fallback", _("This page is not yet translated into %(language)s, so it "
                                                "is shown in %(source)s.") % {
                "language": language_name(self.lang), "source": source_name}, None))
        if meta.get("guidekit_outdated"):
            gk["notices"].append(("outdated", _("The %(source)s original of this page has changed since "
                                                "it was translated, so this translation may be out of "
                                                "date.") % {"source": source_name},
                                  (urls.cross_language(url, self.lang, self.source_lang, self.project),
                                   _("Read the current %(source)s page") % {"source": source_name})))
        if self.offline:
            date = long_date(self.offline["date"], self.locale)
            text = (_("This is an offline copy of the guide, made on %(date)s. Numbers and addresses may "
                      "have changed since; the current version is at %(url)s.") % {"date": date, "url": self.site_root_url}
                    if self.site_root_url else
                    _("This is an offline copy of the guide, made on %(date)s. Numbers and addresses may "
                      "have changed since; ask whoever gave you this copy where the current version is.") % {"date": date})
            gk["notices"].append(("offline", text, None))
        if meta.get("guidekit_unreviewed"):
            # Quietly, in the page foot: the notices at the top are for what the reader must know
            # before reading (shown in English, out of date).
            note = _("This translation has not yet been checked by a fluent speaker.")
            if meta.get("guidekit_translated_on"):
                note = _("Translated on %(date)s.") % {
                    "date": long_date(meta["guidekit_translated_on"], self.locale)} + " " + note
            gk["translation_note"] = note
        for other in self.project.languages:
            if self.offline and not self.site_root_url:
                break
            rel_url = urls.cross_language(url, self.lang, other, self.project)
            href = (urls.absolute(self.site_root_url, other, url, self.project)
                    if self.site_root_url else rel_url)
            if self.offline:
                rel_url = href  # other languages are online only
            # hreflang in the head names only the languages this page is written in
            written = (other == self.source_lang or bool(meta.get("guidekit_generated"))
                       or (self.project.docs_dir(other) / page.file.src_uri).exists())
            gk["alternates"].append({"lang": other, "name": language_name(other), "href": href,
                                     "link": rel_url, "current": other == self.lang,
                                     "written": written})
        if meta.get("last_reviewed") and not meta.get("guidekit_generated"):
            gk["reviewed"] = _("Last reviewed %(date)s") % {"date": long_date(meta["last_reviewed"], self.locale)}
            gk["sources"] = meta.get("sources") or []
        self._tools(gk, page)
        context["gk"] = gk
        return context

    def _url_from(self, page, rel: str) -> str | None:
        """Relative URL from `page` to the page built from `rel` (None when there is none)."""
        from mkdocs.utils import get_relative_url
        target = self.files.get_file_from_path(rel)
        return get_relative_url(target.url, page.url) if target is not None else None

    def _tools(self, gk: dict, page) -> None:
        """The request builder on its page, the worksheet on the evidence-log page, and a link to
        the builder on every other remove/ page."""
        rel, _ = page.file.src_uri, self.tr.gettext
        if rel == request_builder.PAGE:
            remove_pages = {e.id: self._url_from(page, f"remove/{e.id}.md") for e in self.registry.entries.values()}
            gk["tool"] = "request-builder"
            gk["request"] = request_builder.page_context(
                self.requests, self.registry, self.lang, _,
                remove_pages={k: v for k, v in remove_pages.items() if v})
            gk["request"]["worksheet"] = self._url_from(page, worksheet.PAGE)
        elif rel == worksheet.PAGE:
            from mkdocs.utils import get_relative_url
            gk["tool"] = "worksheet"
            gk["worksheet"] = worksheet.page_context(self.lang, _, self.registry,
                                                     get_relative_url(worksheet.PDF_FILE, page.url))
        elif rel.startswith("remove/"):
            builder = self._url_from(page, request_builder.PAGE)
            conf = self.requests.platforms.get(rel.removeprefix("remove/").removesuffix(".md"))
            if builder:  # straight to that platform's template (the script also preselects it)
                ident = rel.removeprefix("remove/").removesuffix(".md")
                gk["request_link"] = builder + (f"#template-{ident}" if conf and conf.route != "tool" else "")

    def on_post_build(self, config):
        # After Material's search plugin wrote the index (it comes first), before the offline plugin
        # inlines it: words of Thai, Khmer … split for the index (guidekit/search_segments.py).
        search_segments.segment_index(Path(config.site_dir) / "search" / "search_index.json", str(self.locale))
        date = (self.offline or {}).get("date") or dt.date.today().isoformat()
        organisation = colour = None
        if self.profile:
            organisation = self.profile.model.organisation.name.get_text(self.lang)
            colour = self.profile.model.colours.primary if self.profile.model.colours else None
        document = card.card_html(self.lang, self.locale, self.tr.gettext, self.registry, date,
                                  self.site_root_url or None, self.source_lang,
                                  extra=tuple(self.profile.placed("card")) if self.profile else (),
                                  organisation=organisation, colour=colour)
        card.write_card(Path(config.site_dir) / card.CARD_FILE, document, cache=self.project.cache_dir / "cards")
        sheet = worksheet.worksheet_html(self.lang, self.locale, self.tr.gettext, self.registry, date,
                                         self.site_root_url or None)
        worksheet.write_pdf(Path(config.site_dir) / worksheet.PDF_FILE, sheet, cache=self.project.cache_dir / "cards")

    def on_template_context(self, context, template_name, config):
        if template_name != "404.html":
            return context
        # The 404 page is served for any missing URL under this language, so its links are
        # absolute; without a site_url, assume the site is served from the host's root.
        if not config.site_url:
            context["base_url"] = "/" + self.project.url_prefix(self.lang)
        base = context["base_url"].rstrip("/") + "/"
        root = base[: len(base) - len(self.project.url_prefix(self.lang))] if self.project.url_prefix(self.lang) else base
        context["gk"] = {"lang": self.lang, "notices": [], "sources": [], "reviewed": None,
                         "alternates": [{"lang": other, "name": language_name(other),
                                         "link": root + self.project.url_prefix(other),
                                         "current": other == self.lang} for other in self.project.languages]}
        return context

    # -- output ----------------------------------------------------------------------------------
    def _origins(self, *first) -> list[Path]:
        """Files a piece of a page may come from, to name the line of a finding."""
        found = [Path(f) for f in first if f]
        if self.profile:
            found.append(self.profile.path)
        found += [self.project.catalog(self.lang), self.project.config_file(self.lang),
                  self.project.root / "mkdocs.yml"]
        found += sorted((self.project.root / "data").glob("*.yml"))
        return found

    def _secure(self, output: str, page_name: str, origins: list[Path]) -> str:
        try:
            return security.secure(output, page=page_name, sources=origins, own_hosts=self.own_hosts)
        except GuidekitError as e:
            self._fail(e)

    @event_priority(-100)  # after every other plugin changed the HTML, so the hashes are final
    def on_post_page(self, output, page, config):
        source = None if page.file.generated_by else page.file.abs_src_path
        return self._secure(output, page.file.dest_uri, self._origins(source))

    @event_priority(-100)
    def on_post_template(self, output_content, template_name, config):
        if template_name.endswith(".html"):
            return self._secure(output_content, template_name, self._origins())
        return output_content
