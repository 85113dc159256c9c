"""A page's Markdown in one language: its front matter checked and completed from the source page,
its placeholders rendered from data/, a hosting profile's own channels added, and an <h1>."""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from guidekit import pages, placeholders

if TYPE_CHECKING:
    from guidekit.language_build import LanguageBuild

# Scripts written without spaces between words (Thai, Lao, Myanmar, Khmer; Han, kana and CJK
# punctuation): a line break between two of their letters would show as a space in the browser.
UNSPACED = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
WRAPPED = re.compile(rf"(?<=[{UNSPACED}])\n[ \t]*(?=[{UNSPACED}])")
FENCE = re.compile(r"(?m)^\s*(```|~~~)")

# Where a hosting profile's place_channels go (source-language page paths).
PLACEMENT_PAGES = {"home": "index.md", "support": "support.md"}
# The markup, in overrides/partials/: the heading over those channels, and a page's <h1>.
CONTACTS_TEMPLATE = "partials/organisation-contacts.html"
TITLE_TEMPLATE = "partials/page-title.html"


class PageTexts:
    """Renders the pages of one language build; keeps the source pages it has read."""

    def __init__(self, build: "LanguageBuild", fallback: set[str]):
        self.build, self.fallback = build, fallback
        self.source_pages: dict[str, pages.Page | None] = {}

    def _source_page(self, rel: str) -> pages.Page | None:
        if rel not in self.source_pages:
            path = self.build.project.docs_dir(self.build.source_lang) / rel
            self.source_pages[rel] = pages.read(path) if path.exists() else None
        return self.source_pages[rel]

    def render(self, markdown: str, page) -> str:
        """The body with placeholders rendered; page.meta completed (raises GuidekitError)."""
        build, rel = self.build, page.file.src_uri
        if page.file.generated_by:
            page.meta["guidekit_generated"] = True
            return markdown
        path = Path(page.file.abs_src_path)
        is_fallback = rel in self.fallback
        own = pages.read(path)
        source = self._source_page(rel)
        translated = build.lang != build.source_lang and not is_fallback
        meta = pages.effective_meta(own, source)
        pages.validate(own, meta, translated=translated)
        placeholders.check_front_matter(own)
        renderer = build.source_renderer if is_fallback else build.renderer
        # MkDocs hands over the body without its leading blank lines; count them back in.
        blank = len(own.body) - len(own.body.lstrip("\n"))
        body = renderer.replace_all(markdown, str(path), line_offset=own.body_line - 1 + blank)
        body = join_wrapped_lines(body) + self._placed_channels(rel, renderer)
        page.meta.update(meta)
        page.meta["guidekit_fallback"] = is_fallback
        if translated and source is not None:
            record = own.translation or {}
            page.meta["guidekit_outdated"] = record.get("source_hash") != pages.source_hash(
                build.project.docs_dir(build.source_lang) / rel)
            page.meta["guidekit_unreviewed"] = not record.get("reviewed", False)
            # the translated page's own date, if it has one (last_reviewed is otherwise the source's)
            page.meta["guidekit_translated_on"] = own.meta.get("last_reviewed")
        return body

    def _placed_channels(self, rel: str, renderer: placeholders.Renderer) -> str:
        """A hosting profile's own channels on the home and support pages (place_channels)."""
        profile = self.build.profile
        where = next((k for k, page in PLACEMENT_PAGES.items() if page == rel), None)
        ids = profile.placed(where) if profile and where else []
        if not profile or not ids:
            return ""
        entries = [self.build.registry.get(i) for i in ids]  # the profile's check found every id
        return self.build.renderer.templates.render(
            CONTACTS_TEMPLATE, organisation=profile.model.organisation.name.get_text(self.build.lang),
            cards=[Markup(renderer.card(e)) for e in entries if e is not None])

    def with_title(self, content: str, page, site_name: str) -> str:
        """The title comes from front matter: give the page its <h1> (a body has none)."""
        if "<h1" not in content:
            return self.build.renderer.templates.render(TITLE_TEMPLATE, title=page.title or site_name,
                                                        content=Markup(content))
        return content


def join_wrapped_lines(markdown: str) -> str:
    """A paragraph of an unspaced script wrapped over several lines reads as one line (outside code)."""
    parts = FENCE.split(markdown)
    # split() keeps the fence markers: text, marker, code, marker, text …
    out, in_code = [], False
    for i, part in enumerate(parts):
        if i % 2 == 1:  # a fence marker
            out.append(part)
            in_code = not in_code
            continue
        out.append(part if in_code else WRAPPED.sub("", part))
    return "".join(out)

