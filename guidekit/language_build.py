"""One language's build: what its modules need, worked out once (in the plugin's on_config) from
the settings the whole build shares (build_settings.BuildSettings: project, languages, root
language, profile, offline bundles) and the language's locales/<lang>/mkdocs.yml, and handed to
every module that takes part in the build.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from babel import Locale

from guidekit import config_checks, request_builder, search_segments, security, theme_strings
from guidekit.build_settings import BuildSettings
from guidekit.channels import Registry
from guidekit.i18n import babel_locale, compiled_dir, translations
from guidekit.placeholders import Renderer
from guidekit.profiles import Profile
from guidekit.project import Project
from guidekit.request_builder import RequestData
from guidekit.switcher import Switcher

PROFILE_CSS = "assets/organisation.css"


@dataclass
class LanguageBuild:
    settings: BuildSettings       # what the whole build shares (its project and profile)
    lang: str
    offline: dict | None          # {"date": …} in an offline bundle
    bundles: dict                 # the offline bundles offered on the downloads page
    site_root_url: str            # the whole site's address ("" when not known)
    locale: Locale
    tr: Any                       # the language's gettext translations
    registry: Registry
    requests: RequestData
    renderer: Renderer            # channels in this language
    source_renderer: Renderer     # … and in the source language, for fallback pages
    own_hosts: frozenset[str]     # hosts a page may link to as its own
    origins: list[Path]           # files a finding in a finished page may come from (security)

    @property
    def project(self) -> Project:
        return self.settings.project

    @property
    def profile(self) -> Profile | None:
        return self.settings.profile

    @property
    def source_lang(self) -> str:
        return self.project.source_language

    @property
    def gettext(self):
        return self.tr.gettext

    def translation_status(self) -> list[dict]:
        """Every translated language's status: from `guidekit build`, else worked out here."""
        if self.settings.translation_status is None:
            self.settings = self.settings.with_translation_status()
        return self.settings.translation_status or []

    @classmethod
    def configure(cls, config) -> "LanguageBuild":
        """Read the settings and apply them to MkDocs' config (raises GuidekitError)."""
        docs_dir = Path(config.docs_dir)
        lang = docs_dir.name
        given = config.extra.get("guidekit")
        if isinstance(given, BuildSettings):  # from `guidekit build`
            settings = given
        else:  # a plain `mkdocs build` / `guidekit serve`: only mkdocs.yml's extra.guidekit
            settings = BuildSettings.from_mkdocs(dict(given or {}), docs_dir.parents[1])
            config.extra["guidekit"] = settings
        project, profile = settings.project, settings.profile
        offline = config.extra.get("offline") or None
        extra, hide = profile.channels() if profile else ([], ())
        registry = Registry.load(project.root / "data", extra, hide)
        tr, source_tr = translations(project, lang), translations(project, project.source_language)
        locale = babel_locale(project, lang)
        site_root_url = config.site_url or (profile.site_url if profile else "") or ""
        hosts = {urlsplit(u).hostname for u in (site_root_url, profile.site_url if profile else None) if u}
        build = cls(
            settings=settings, lang=lang, offline=offline,
            bundles={} if offline else settings.offline_bundles,
            site_root_url=site_root_url, locale=locale, tr=tr, registry=registry,
            requests=request_builder.load(project.root / "data" / request_builder.DATA_FILE, registry),
            renderer=Renderer(registry, lang, locale, tr.gettext, project.source_language),
            source_renderer=Renderer(registry, project.source_language,
                                     babel_locale(project, project.source_language), source_tr.gettext,
                                     project.source_language),
            own_hosts=frozenset(h.lower() for h in hosts if h),
            origins=security.build_origins(project, lang, profile))
        build._apply(config)
        return build

    def _apply(self, config) -> None:
        # The compiled catalogs are where MkDocs looks for {% trans %} translations.
        config.theme.dirs.insert(1, str(compiled_dir(self.project)))
        theme_strings.configure(config)  # Material's strings: its partial, or ours from the catalog
        # site_url names the whole site; this language lives under its prefix.
        if self.site_root_url:
            config.site_url = self.site_root_url.rstrip("/") + "/" + self.project.url_prefix(self.lang)
            config.extra["guidekit_hreflang"] = [
                {"lang": lang, "base": self.site_root_url.rstrip("/") + "/" + self.project.url_prefix(lang)}
                for lang in self.project.languages]
        # An offline bundle holds one language: link the others only where they are online.
        if len(self.project.languages) > 1 and not (self.offline and not self.site_root_url):
            config.extra["alternate"] = Switcher()
        search = config.plugins.get("material/search")
        if search is not None:
            search_segments.configure_search(search.config, config.extra.get("search") or {},
                                             config.theme["language"])
        if self.profile:
            self.profile.apply_to_config(config, self.lang)
            if self.profile.css():
                config.extra_css.append(PROFILE_CSS)
            logo = self.profile.logo_path()
            if logo:
                config.theme["logo"] = "assets/organisation-logo" + logo.suffix
        config_checks.check(config, self)
