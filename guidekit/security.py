"""Privacy and safety in the built HTML: a Content-Security-Policy, no referrer for external
links, and nothing in a page that runs or loads what the guide did not ship.

Every finished page is read with an HTML parser. The CSP allows only the site itself for scripts,
styles, fonts, images and connections, plus, by their sha256 hash, the inline scripts the build
knows (KNOWN_SCRIPTS: the theme's, listed here). Never 'unsafe-inline', and never a hash computed
from whatever a page happens to contain: any other inline script, an event-handler attribute
(onclick=…), a javascript: URL, or a resource from another host (img, iframe, embed, object,
source, video, audio, srcset, stylesheets, CSS url()) stops the build with an error naming the
page and, where it can be found, the file and line it came from. The same policy is what the
deployment recipes send as a header.
"""
from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from guidekit.errors import GuidekitError

EXTERNAL_LINK = re.compile(r"<a\s(?P<attrs>[^>]*\bhref=\"(?:https?:)?//[^\"]*\"[^>]*)>", re.I)
HEAD = re.compile(r"<head[^>]*>", re.I)

BASE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],  # the theme's icons are data: URIs inside its stylesheet
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],  # the search runs in a web worker from the site itself
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}

# The inline scripts the build ships, by the sha256 of their text. Ours are files (overrides/
# assets/javascripts/), so these are all Material for MkDocs' (base.html, version pinned in
# requirements.lock); they do not vary between pages because extra.scope is "/" (mkdocs.yml).
# After upgrading Material, the build names any new inline script; check it is the theme's
# (in material/templates/) and add its hash here.
KNOWN_SCRIPTS = {
    "'sha256-/8wPdzX9q0NNJXyA5lzsLojXFpkeaXVxhbfkUOQaWy8='":
        "Material base.html: __md_scope, __md_hash, __md_get, __md_set (the theme's storage helpers)",
    "'sha256-DrEMJJ29sL7vIloQzly+VUGMxKcBTMII+OfW7Y8AkG4='":
        "Material base.html: restores the reader's colour palette (var palette=__md_get(\"__palette\"))",
    "'sha256-exqRXrW/0laiImCrTE8a70vxyyY10FJVIppytLf/dbY='":
        "Material base.html: opens the content tab named in the address (__tabbed_)",
}

JAVASCRIPT_TYPES = {"", "text/javascript", "application/javascript", "application/ecmascript",
                    "application/x-ecmascript", "application/x-javascript", "text/ecmascript",
                    "text/javascript1.0", "text/javascript1.1", "text/javascript1.2", "text/javascript1.3",
                    "text/javascript1.4", "text/javascript1.5", "text/jscript", "text/livescript",
                    "text/x-ecmascript", "text/x-javascript", "module", "importmap", "speculationrules"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "background",
                  "cite", "ping", "manifest", "codebase", "longdesc", "lowsrc", "dynsrc", "srcset"}
# Attributes that make the browser fetch something, per element.
RESOURCE_ATTRIBUTES = {
    "img": ("src", "srcset", "lowsrc", "dynsrc"), "iframe": ("src",), "frame": ("src",),
    "embed": ("src",), "object": ("data", "codebase"), "applet": ("code", "codebase"),
    "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",), "track": ("src",),
    "input": ("src",), "script": ("src",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
    "feimage": ("href", "xlink:href"), "body": ("background",), "table": ("background",),
    "td": ("background",), "portal": ("src",),
}
FETCHING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "apple-touch-icon-precomposed",
                 "mask-icon", "preload", "prefetch", "modulepreload", "manifest", "dns-prefetch",
                 "preconnect", "prerender", "import"}
EMBEDDING = {"iframe", "frame", "embed", "object", "applet", "portal"}  # no data: for these
CSS_URL = re.compile(r"""url\(\s*(?P<q>['"]?)(?P<url>.*?)(?P=q)\s*\)|@import\s+(?P<q2>['"])(?P<url2>.*?)(?P=q2)""",
                     re.I | re.S)


def is_remote(url: str, own_hosts: frozenset[str] = frozenset()) -> bool:
    """An address on another host (http://, https://, //host …); the site's own host is not."""
    url = re.sub(r"[\x00-\x20]", "", url)
    if not (url.startswith("//") or re.match(r"(?i)[a-z][a-z0-9+.-]*:", url)):
        return False
    scheme = url.split(":", 1)[0].lower() if not url.startswith("//") else ""
    if scheme in ("data", "blob", "about", "mailto", "tel", "sms", "javascript", "vbscript"):
        return False
    host = (urlsplit(url if scheme else "https:" + url).hostname or "").lower()
    return host not in own_hosts


def is_script_url(url: str) -> bool:
    cleaned = re.sub(r"[\x00-\x20]", "", url).lower()
    return cleaned.startswith(("javascript:", "vbscript:"))


def https_url_problem(value) -> str | None:
    """Why value is not a usable https address (None when it is)."""
    if not isinstance(value, str) or not value.strip():
        return "is empty"
    if value != value.strip() or re.search(r"[\s\"'<>`]", value):
        return f"'{value}' contains spaces, quotes or angle brackets"
    parts = urlsplit(value)
    if parts.scheme != "https":
        return f"'{value}' is not an https:// address"
    if not parts.hostname or "." not in parts.hostname:
        return f"'{value}' has no host name"
    return None


@dataclass
class Finding:
    what: str            # what is wrong, for the reader of the error
    snippet: str         # the text to look for in the files it may come from
    line: int            # line in the built page


@dataclass
class Scan:
    hashes: list[str] = field(default_factory=list)  # known inline scripts present
    findings: list[Finding] = field(default_factory=list)


class _Scanner(HTMLParser):
    def __init__(self, own_hosts: frozenset[str]):
        super().__init__(convert_charrefs=True)
        self.own_hosts = own_hosts
        self.scan = Scan()
        self._script: tuple[dict, int, list[str]] | None = None
        self._style: list[str] | None = None

    def _flag(self, what: str, snippet: str):
        self.scan.findings.append(Finding(what, snippet, self.getpos()[0]))

    def handle_starttag(self, tag, attrs):
        self._check_element(tag, attrs)
        if tag == "script":
            self._script = (dict(attrs), self.getpos()[0], [])
        elif tag == "style":
            self._style = []

    def handle_startendtag(self, tag, attrs):
        self._check_element(tag, attrs)

    def handle_data(self, data):
        if self._script is not None:
            self._script[2].append(data)
        elif self._style is not None:
            self._style.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            attrs, line, parts = self._script
            self._script = None
            self._check_script(attrs, "".join(parts), line)
        elif tag == "style" and self._style is not None:
            self._check_css("".join(self._style), "<style>")
            self._style = None

    def close(self):
        super().close()
        if self._script is not None:  # an unclosed <script> runs to the end of the page
            attrs, line, parts = self._script
            self._script = None
            self._check_script(attrs, "".join(parts), line)

    # -- checks ---------------------------------------------------------------------------------
    def _check_script(self, attrs: dict, body: str, line: int):
        kind = (attrs.get("type") or "").split(";")[0].strip().lower()
        if "src" in attrs or kind not in JAVASCRIPT_TYPES:
            return  # a file (checked as a resource), or a data block such as Material's __config
        digest = "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
        if digest in KNOWN_SCRIPTS:
            self.scan.hashes.append(digest)
        else:
            snippet = body.strip()[:60] or "<script"
            self.scan.findings.append(Finding(f"an inline <script> the build does not know ({snippet[:40]!r}…)",
                                              snippet, line))

    def _check_css(self, css: str, where: str):
        for m in CSS_URL.finditer(css):
            url = m.group("url") if m.group("url") is not None else m.group("url2")
            if url and is_remote(url, self.own_hosts):
                self._flag(f"{where} loads {url} from another host (CSS url() or @import)", url)
            elif url and is_script_url(url):
                self._flag(f"{where} has a javascript: URL", url)

    def _check_element(self, tag, attrs):
        values = {}
        for name, value in attrs:
            value = value or ""
            values.setdefault(name, value)
            if name.startswith("on"):
                self._flag(f"<{tag}> has an event-handler attribute {name}=\"{value[:40]}\"", f"{name}=")
            elif name in URL_ATTRIBUTES and is_script_url(value):
                self._flag(f"<{tag} {name}> is a javascript: URL", value.strip()[:60])
            elif name == "style" and value:
                self._check_css(value, f"the style attribute of <{tag}>")
            elif name == "srcdoc":
                self._flag(f"<{tag}> has srcdoc (a page inside the page)", "srcdoc")
        for name in RESOURCE_ATTRIBUTES.get(tag, ()):
            if name not in values:
                continue
            urls = [c.strip().split()[0] for c in values[name].split(",") if c.strip()] if name.endswith("srcset") \
                else [values[name]]
            for url in urls:
                if is_remote(url, self.own_hosts):
                    self._flag(f"<{tag} {name}=\"{url}\"> loads a resource from another host "
                               f"({urlsplit(url if not url.startswith('//') else 'https:' + url).hostname})", url)
                elif tag in EMBEDDING and url.strip().lower().startswith("data:"):
                    self._flag(f"<{tag} {name}> embeds a data: document", url[:60])
        if tag == "link" and "href" in values:
            rels = set((values.get("rel") or "").lower().split())
            if rels & FETCHING_RELS and is_remote(values["href"], self.own_hosts):
                self._flag(f"<link rel=\"{values.get('rel')}\" href=\"{values['href']}\"> loads a resource from "
                           "another host", values["href"])
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            target = re.sub(r"(?i)^\s*\d+\s*[;,]?\s*(url\s*=\s*)?", "", values.get("content") or "").strip("'\" ")
            if target and (is_remote(target, self.own_hosts) or is_script_url(target)):
                self._flag(f"<meta http-equiv=\"refresh\"> sends the reader to {target}", target)
        if tag == "base" and values.get("href"):
            self._flag(f"<base href=\"{values['href']}\"> changes where every link points", values["href"])
        if tag == "form" and values.get("action") and is_remote(values["action"], self.own_hosts):
            self._flag(f"<form action=\"{values['action']}\"> sends to another host", values["action"])


def scan(html: str, own_hosts: frozenset[str] = frozenset()) -> Scan:
    parser = _Scanner(own_hosts)
    parser.feed(html)
    parser.close()
    return parser.scan


def script_hashes(html: str) -> list[str]:
    """The hashes of the known inline scripts in a page (unknown ones are findings of scan())."""
    return sorted(set(scan(html).hashes))


def policy(hashes: tuple[str, ...] | list[str] = ()) -> str:
    parts = []
    for directive, sources in BASE_POLICY.items():
        if directive == "script-src":
            sources = sources + list(hashes)
        parts.append(f"{directive} {' '.join(sources)}")
    return "; ".join(parts)


def add_noreferrer(html: str) -> str:
    """rel="noopener noreferrer" on every link to another host."""
    def fix(m: re.Match) -> str:
        attrs = m.group("attrs")
        rel = re.search(r'\brel="([^"]*)"', attrs)
        if rel:
            values = set(rel.group(1).split()) | {"noopener", "noreferrer"}
            attrs = attrs[:rel.start()] + f'rel="{" ".join(sorted(values))}"' + attrs[rel.end():]
        else:
            attrs += ' rel="noopener noreferrer"'
        return f"<a {attrs}>"
    return EXTERNAL_LINK.sub(fix, html)


def locate(snippet: str, candidates: list[Path]) -> tuple[Path, int] | None:
    """The first file and line among candidates whose text contains snippet (case-insensitive)."""
    needle = snippet.strip().lower()
    if not needle:
        return None
    for path in candidates:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(lines, start=1):
            if needle in line.lower():
                return Path(path), number
    return None


def secure(html: str, *, page: str = "", sources: tuple[Path, ...] | list[Path] = (), own_hosts: frozenset[str] = frozenset()) -> str:
    """Check the page (see the module's docstring), then add the referrer policy and the CSP (with
    the hashes of this page's known inline scripts) as the first <head> tags."""
    html = add_noreferrer(html)
    result = scan(html, own_hosts)
    if result.findings:
        first = result.findings[0]
        found = locate(first.snippet, list(sources))
        more = f" (and {len(result.findings) - 1} more)" if len(result.findings) > 1 else ""
        where = f" in the built page {page}" if page else ""
        if found:
            raise GuidekitError(f"{first.what}{where}{more}", file=found[0], line=found[1],
                                hint="the guide runs no script and loads nothing from other sites: remove it "
                                     "(put an image in docs/ and link it relatively; link to a video instead "
                                     "of embedding it)")
        origin = ", ".join(str(s) for s in sources) if sources else "a template"
        raise GuidekitError(f"{first.what}{where}, line {first.line}{more}; it comes from {origin}, a template, "
                            "the profile, a catalog or data/", file=sources[0] if sources else None,
                            hint="remove it where it was written; if it is the theme's own inline script after "
                                 "upgrading Material, add its hash to KNOWN_SCRIPTS in guidekit/security.py")
    meta = (f'<meta http-equiv="Content-Security-Policy" content="{policy(sorted(set(result.hashes)))}">'
            '<meta name="referrer" content="no-referrer">')
    return HEAD.sub(lambda m: m.group(0) + meta, html, count=1)


def secure_output(output: str, name: str, build, source: str | None = None) -> str:
    """secure() for a finished page or template of a language build; a finding names the line
    of the file it most likely came from (the page, then the build's own files: build.origins)."""
    origins = [Path(source), *build.origins] if source else build.origins
    return secure(output, page=name, sources=origins, own_hosts=build.own_hosts)


def build_origins(project, lang: str, profile=None) -> list[Path]:
    """The files a piece of any page of a language build may come from besides the page itself:
    the profile, the catalog, the settings and data/ (read once per build)."""
    origins = [profile.path] if profile else []
    origins += [project.catalog(lang), project.config_file(lang), project.root / "mkdocs.yml"]
    return origins + sorted((project.root / "data").glob("*.yml"))
