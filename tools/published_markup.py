"""Only what the project declares reaches readers: every published HTML, SVG and XML file, parsed.

Run after rendering, on what readers get (tools/postbuild.py), and on the files an editor
may put beside the pages (tools/check.py: images, an SVG). A parser reads each file as a
browser would (tags split by `/`, entities decoded, names in any case), so no spelling
slips through that a pattern would miss. Refused, unless the project's own templates
write it (known by what they are, listed below; the theme's Content-Security-Policy, once per page):

- scripts: a <script> that is not one of the site's files or the project's own JSON data;
  event-handler attributes (on…=); javascript:, vbscript: and data: addresses;
- elements that change what a page is or where it goes: <meta http-equiv> (a refresh that
  sends readers elsewhere), <meta name="referrer">, <base>, <form> (other than search and
  the tools'), <iframe>, <frame>, <object>, <embed>, <applet>, <portal>, <style>;
- in SVG: <script>, <foreignObject>, animations that set attributes (<set>, <animate…>),
  links to anything but the same drawing; in any file, resources from another host (the
  site loads nothing from elsewhere).
XML files (feeds, sitemaps) must be well-formed and carry no document type (no entities).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from macros.problems import Problem
from macros.security_policy import POLICY

# The only inline script elements a page may hold: data, never code, each known by its id.
OWN_DATA_SCRIPTS = {
    "__config": "application/json",  # Material's configuration
    "call-status-data": "application/json",
    "call-list-data": "application/json",  # the list of calls' status sentences (status.js)
    "calculator-data": "application/json",
    "eligibility-data": "application/json",
    "checklist-data": "application/json",
    "call-jsonld": "application/ld+json",
}
OWN_FORMS = {"calculator", "eligibility", "checklist"}  # the tools' forms, by id (overrides/tools/<tool>/)
SEARCH_FORM_CLASS = "md-search__form"  # Material's search
REFUSED_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base", "style"}
SVG_REFUSED = {"script", "foreignobject", "set", "animate", "animatemotion", "animatetransform", "iframe", "handler", "listener"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset", "background", "cite",
                  "ping", "codebase", "manifest", "lowsrc", "dynsrc", "longdesc", "usemap", "imagesrcset"}
RESOURCE_ATTRIBUTES = {"src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc", "imagesrcset"}
OWN_RESOURCE_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch", "apple-touch-icon"}
DANGEROUS_SCHEME = re.compile(r"^(?:javascript|vbscript|data):", re.I)
OFF_SITE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|\\\\)", re.I)
CSS_FETCH = re.compile(r"url\s*\(|@import|expression\s*\(", re.I)


def _address(value: str) -> str:
    """An address as a browser reads its scheme: entities decoded, blanks and control characters dropped."""
    return re.sub(r"[\x00-\x20]", "", html.unescape(value))


def _off_site(address: str, site_url: str) -> bool:
    """Another host's address; the site's own public address (SITE_URL, which mkdocs writes into the 404 page) is not."""
    return bool(OFF_SITE.match(address)) and not (site_url and address.startswith(site_url))


def _attribute_problems(tag: str, attributes: dict[str, str], at, site_url: str = "") -> None:
    for name, value in attributes.items():
        if name.startswith("on"):
            at("markup_event_handler", attribute=name)
        elif name in URL_ATTRIBUTES:
            address = _address(value)
            if DANGEROUS_SCHEME.match(address) or any(DANGEROUS_SCHEME.match(_address(part.strip()))
                                                      for part in value.split(",") if name.endswith("srcset")):
                at("markup_javascript_link")
            elif name in RESOURCE_ATTRIBUTES and _off_site(address, site_url):
                at("published_external", tag=tag)
        elif name == "style" and CSS_FETCH.search(html.unescape(value)):
            at("markup_style")


class _PageReader(HTMLParser):
    def __init__(self, file: str, site_files: set[str], page: PurePosixPath, site_url: str = ""):
        super().__init__(convert_charrefs=True)
        self.file, self.site_files, self.page, self.site_url = file, site_files, page, site_url
        self.problems: list[Problem] = []
        self.policy_seen = False

    def at(self, code: str, **params) -> None:
        self.problems.append(Problem(self.file, self.getpos()[0], code, tuple(params.items())))

    def own_policy(self, attributes: dict[str, str]) -> bool:
        """The theme's policy (overrides/main.html): exactly the site's, and once per page (its first)."""
        return (not self.policy_seen and attributes.get("http-equiv", "").lower() == "content-security-policy"
                and attributes.get("content") == POLICY and set(attributes) == {"http-equiv", "content"})

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_starttag(self, tag, attrs):
        attributes = {name.lower(): value or "" for name, value in attrs}
        _attribute_problems(tag, attributes, self.at, self.site_url)
        if tag == "script":
            self.script(attributes)
        elif tag in REFUSED_ELEMENTS or tag in SVG_REFUSED - {"script"}:
            self.at("markup_script", tag=tag)
        elif tag == "meta" and ("http-equiv" in attributes or attributes.get("name", "").lower() == "referrer"):
            if self.own_policy(attributes):
                self.policy_seen = True
            else:
                self.at("markup_script", tag="meta")
        elif tag == "form" and SEARCH_FORM_CLASS not in attributes.get("class", "").split() and attributes.get("id") not in OWN_FORMS:
            self.at("markup_script", tag="form")
        elif tag == "link":
            rel = set(attributes.get("rel", "").lower().split())
            if rel & OWN_RESOURCE_LINKS and _off_site(_address(attributes.get("href", "")), self.site_url):
                self.at("published_external", tag="link")

    def script(self, attributes: dict[str, str]) -> None:
        source = attributes.get("src")
        if source is None:
            expected = OWN_DATA_SCRIPTS.get(attributes.get("id", ""))
            if expected is None or attributes.get("type", "").lower() != expected:
                self.at("inline_script")
            return
        address = _address(source).split("?", 1)[0].split("#", 1)[0]
        folder = self.page.parent
        site_path = urlsplit(self.site_url).path or "/"
        if self.site_url and address.startswith(self.site_url):
            address, folder = address[len(self.site_url):], PurePosixPath(".")
        elif address.startswith(site_path) and not address.startswith("//"):  # the 404 page: from the site's root
            address, folder = address[len(site_path):], PurePosixPath(".")
        target = _within(folder, address)
        if OFF_SITE.match(address) or target is None or target not in self.site_files or not target.endswith(".js"):
            self.at("inline_script")


def _within(folder: PurePosixPath, relative: str) -> str | None:
    """A relative address resolved against a page's folder, as a path of the site; None if it leaves the site."""
    parts = list(folder.parts) if str(folder) != "." else []
    for part in relative.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)


def page_problems(text: str, file: str, site_files: set[str], page: str, site_url: str = "") -> list[Problem]:
    """What a built HTML page holds that the project did not write."""
    reader = _PageReader(file, site_files, PurePosixPath(page), site_url)
    reader.feed(text)
    reader.close()
    return reader.problems


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def _parse_xml(data: bytes, file: str) -> tuple[ET.Element | None, list[Problem]]:
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        return None, [Problem(file, 1, "published_not_wellformed", (("error", "DOCTYPE/ENTITY"),))]
    try:
        return ET.fromstring(data), []
    except ET.ParseError as error:
        return None, [Problem(file, error.position[0], "published_not_wellformed", (("error", str(error)),))]


def svg_problems(data: bytes, file: str) -> list[Problem]:
    """An SVG drawing: well-formed, with nothing that runs, animates a link, embeds HTML or fetches."""
    root, problems = _parse_xml(data, file)
    if root is None:
        return problems
    if _local(root.tag) != "svg":
        return [Problem(file, 1, "published_not_wellformed", (("error", "<svg>"),))]
    def at(code, **params):
        problems.append(Problem(file, 1, code, tuple(params.items())))

    for element in root.iter():
        tag = _local(element.tag)
        if tag in SVG_REFUSED or tag in REFUSED_ELEMENTS - {"style"}:
            at("markup_script", tag=tag)
        if tag == "style" and CSS_FETCH.search(element.text or ""):
            at("markup_style")
        attributes = {_local(name) if "xlink" not in name else "xlink:href": value for name, value in element.attrib.items()}
        for name, value in attributes.items():
            if name in ("href", "xlink:href") and not value.strip().startswith("#"):
                at("published_external", tag=tag)
        _attribute_problems(tag, {name: value for name, value in attributes.items() if name not in ("href", "xlink:href")}, at)
    return problems


def xml_problems(data: bytes, file: str) -> list[Problem]:
    """A feed or sitemap: well-formed, no document type, no script and no style sheet instruction."""
    if b"<?xml-stylesheet" in data:
        return [Problem(file, 1, "markup_script", (("tag", "?xml-stylesheet"),))]
    root, problems = _parse_xml(data, file)
    if root is not None and any(_local(element.tag) == "script" for element in root.iter()):
        problems.append(Problem(file, 1, "markup_script", (("tag", "script"),)))
    return problems
