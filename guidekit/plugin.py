"""The MkDocs plugin that makes one language's build part of the guide: each handler hands its
step to the module named for it. The settings are read once (language_build); then missing pages
fall back to the source language (fallback), generated pages are added (generated), pages are
rendered with their channels (page_text), the templates get a typed page context (page_context:
notices, switcher, tools), every finished page is checked and gets its CSP (security), and the
PDFs and the segmented search index are written (outputs).
"""
from __future__ import annotations

from pathlib import Path
from typing import NoReturn

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from guidekit import fallback, generated, i18n, outputs, page_context, security
from guidekit.errors import GuidekitError
from guidekit.language_build import LanguageBuild
from guidekit.page_text import PageTexts


class GuidekitPlugin(BasePlugin):
    supports_multiple_instances = False

    def _fail(self, error: GuidekitError) -> NoReturn:
        raise PluginError(f"[{self.build.lang if hasattr(self, 'build') else '?'}] {error}")

    @event_priority(100)  # before Material's search plugin, which already renders templates
    def on_config(self, config):
        try:
            self.build = LanguageBuild.configure(config)
        except GuidekitError as e:
            raise PluginError(f"[{Path(config.docs_dir).name}] {e}") from None
        return config

    def on_files(self, files: Files, config) -> Files:
        try:
            self.texts = PageTexts(self.build, fallback.add_source_pages(files, self.build, config))
            generated.add_pages(files, self.build, config)
        except GuidekitError as e:
            self._fail(e)
        self.files = files
        return files

    def on_env(self, env, config, files):
        return i18n.prepare_template_env(env, self.build.project)

    def on_nav(self, nav, config, files):
        return i18n.translate_nav(nav, self.build.gettext)

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        try:
            return self.texts.render(markdown, page)
        except GuidekitError as e:
            self._fail(e)

    def on_page_content(self, html: str, page, config, files) -> str:
        return fallback.mark_language(self.texts.with_title(html, page, config.site_name), page, self.build)

    def on_page_context(self, context, page, config, nav):
        context["gk"] = page_context.for_page(self.build, self.files, page)
        return context

    def on_template_context(self, context, template_name: str, config):
        if template_name == "404.html":
            context["gk"] = page_context.for_not_found(self.build, context, config)
        return context

    @event_priority(-100)  # after every other plugin changed the HTML, so the hashes are final
    def on_post_page(self, output: str, page, config) -> str:
        source = None if page.file.generated_by else page.file.abs_src_path
        return self._secure(output, page.file.dest_uri, source)

    @event_priority(-100)
    def on_post_template(self, output_content: str, template_name: str, config) -> str:
        return self._secure(output_content, template_name) if template_name.endswith(".html") else output_content

    def on_post_build(self, config) -> None:
        try:
            outputs.write(self.build, Path(config.site_dir))
        except GuidekitError as e:
            self._fail(e)

    def _secure(self, output: str, name: str, source: str | None = None) -> str:
        try:
            return security.secure_output(output, name, self.build, source)
        except GuidekitError as e:
            self._fail(e)
