"""The markup the theme's page templates do not make comes from Jinja templates in overrides/ too:
the channel cards (partials/channels.html), the PDFs' documents (pdf/), the generated pages
(generated/) and the small wrappers round a page's text (partials/page-title.html, …).

One environment per catalog renders them: autoescape on, every variable required, and the catalog's
gettext installed so a catalog string is escaped exactly once, as in the theme's templates
(i18n.prepare_template_env): the trans block marks it safe and escapes the values put into it.
Python hands these templates data, never markup.
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import Any, Callable

import jinja2

from guidekit.errors import GuidekitError

FOLDER = Path(__file__).resolve().parents[1] / "overrides"


class Templates:
    """The templates of `folder`, with the strings of one catalog (`gettext`)."""

    def __init__(self, gettext: Callable[[str], str], folder: Path = FOLDER):
        self.folder = Path(folder)
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), autoescape=True,
                                      extensions=["jinja2.ext.i18n"], undefined=jinja2.StrictUndefined)
        self.env.install_gettext_callables(  # type: ignore[attr-defined]  # added by jinja2.ext.i18n
            lambda m: html.escape(gettext(m)), lambda s, p, n: html.escape(gettext(s if n == 1 else p)),
            newstyle=False)
        # tojson writes front matter (YAML reads JSON strings): keep the page's letters readable
        self.env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}

    def get(self, name: str) -> jinja2.Template:
        try:
            return self.env.get_template(name)
        except jinja2.TemplateError as e:
            raise self._error(name, e) from None

    def render(self, name: str, **context: Any) -> str:
        template = self.get(name)
        try:
            return template.render(**context)
        except jinja2.TemplateError as e:
            raise self._error(name, e) from None

    def macros(self, name: str) -> Any:
        """A template's macros, by name (the template's module)."""
        template = self.get(name)
        try:
            return template.module
        except jinja2.TemplateError as e:
            raise self._error(name, e) from None

    def _error(self, name: str, e: jinja2.TemplateError) -> GuidekitError:
        where = getattr(e, "filename", None) or str(self.folder / name)
        return GuidekitError(f"the template cannot be used: {e}", file=where,
                             line=getattr(e, "lineno", None), hint="fix the template")
