"""The call as open data: call.json at the site root, with its JSON Schema beside it.

call.json holds every fact and text of the call in every published language,
exactly as validated from calls/<slug>/ (the schema is the one the build validates
against, its parts for the other data files bundled in), with the questions,
meetings, notices, outcome and guidance, and the longer texts rendered to HTML
with the same names the pages use. Links inside those texts point at the
published pages (relative to call.json, or absolute with SITE_URL), never at
the Markdown sources. The open standards' versions of the same data are
tools/standards.py's.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import markdown

from macros.call_data import SITE_FACTS
from macros.schema_files import schema
from macros.downloads import KINDS, downloads, site_path
from macros.templating import render
from tools.standards import write_standards

PAGE_LINK = re.compile(r'href="([a-z0-9-]+)\.md(#[^"]*)?"')


def published_links(html: str, lang_path: str, site_url: str) -> str:
    """href="selection-criteria.md" -> the published page, from the site's root (or absolute)."""
    return PAGE_LINK.sub(lambda m: f'href="{site_url}{lang_path}{m.group(1)}.html{m.group(2) or ""}"', html)


def rendered_texts(prepared) -> dict[str, dict[str, str]]:
    """Every longer text of every language, rendered to HTML, by name and language."""
    texts: dict[str, dict[str, str]] = {}
    call = prepared.call
    for lang in prepared.languages:
        names = {key: value for key, value in prepared.names(lang).items() if key != "prose"}
        for name, source in sorted(call["text"].get(lang.code, {}).items()):
            file = str(prepared.folder / "text" / lang.code / f"{name}.md")
            body = render(source.replace("<", "&lt;"), names, file, html_allowed=False)
            html = published_links(markdown.markdown(str(body)), lang.path, prepared.site_url)
            texts.setdefault(name, {})[lang.code] = html
    return texts


def download_links(prepared) -> dict[str, list[dict]]:
    """Each full language's downloads: where (from the site's root, or absolute), what type, what the link says."""
    return {lang.code: [{"kind": item.kind, "url": f"{prepared.site_url}{site_path(lang, item)}", "media_type": item.media_type,
                         "label": item.label} for item in downloads(lang)]
            for lang in prepared.languages.full}


def open_data(prepared) -> dict:
    facts = {key: value for key, value in prepared.call.items() if key != "text"}
    return {"$schema": "call.schema.json", **facts, "text": rendered_texts(prepared), "downloads": download_links(prepared)}


def _local_refs(node):
    """References to call.schema.json's parts, made local to the bundled schema."""
    if isinstance(node, dict):
        return {key: (value.replace("call.schema.json#", "#") if key == "$ref" and isinstance(value, str) else _local_refs(value))
                for key, value in node.items()}
    if isinstance(node, list):
        return [_local_refs(item) for item in node]
    return node


def open_data_schema() -> dict:
    """call.schema.json with the other data files' parts: the schema of call.json."""
    bundled = copy.deepcopy(schema("call.schema.json"))
    bundled["$id"] = "call.schema.json"
    bundled["description"] = "call.json: " + bundled["description"]
    properties = bundled["properties"]
    properties["glossary"] = _local_refs(schema("glossary.schema.json")["properties"]["terms"])
    properties["questions"] = _local_refs(schema("questions.schema.json")["properties"]["questions"])
    properties["guidance"] = _local_refs(schema("guidance.schema.json")["properties"]["guidance"])
    outcome = _local_refs(schema("outcome.schema.json"))
    properties["outcome"] = {"anyOf": [{"type": "null"}, {k: v for k, v in outcome.items() if not k.startswith("$")}]}
    site = schema("site.schema.json")["properties"]
    properties["languages"] = site["languages"]
    for key in SITE_FACTS:  # the site's, as the call has them (macros/call_data.py)
        properties[key] = _local_refs(site[key])
    properties["$schema"] = {"type": "string", "description": "The address of this schema."}
    properties["text"] = {"description": "The call's longer texts (calls/<slug>/text/LANG/NAME.md), rendered to HTML, by name and language.",
                          "type": "object", "additionalProperties": {"$ref": "#/$defs/long_text_html"}}
    bundled["$defs"]["long_text_html"] = {"type": "object", "additionalProperties": {"type": "string"}}
    download = {"type": "object", "required": ["kind", "url", "media_type", "label"], "additionalProperties": False,
                "properties": {"kind": {"enum": list(KINDS), "description": "call_document: the call as a PDF; budget: the budget template"},
                               "url": {"type": "string", "description": "Its address, from the site's root (absolute where the site's is known)."},
                               "media_type": {"type": "string"}, "label": {"type": "string", "description": "What its link says, in the language."}}}
    properties["downloads"] = {"description": "Files to download, by language: the call as a PDF and the budget template.",
                               "type": "object", "additionalProperties": {"type": "array", "items": download}}
    bundled["required"] = sorted(set(bundled["required"]) | {"glossary", "languages", "text", "downloads", "funder", "accessibility"})
    return bundled


def write_open_data(site: Path, prepared) -> None:
    """The call's open data in its folder (beside its pages in the authoritative language), in the standards too."""
    data = open_data(prepared)
    folder = site / prepared.languages.authoritative.path
    (folder / "call.json").write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    (folder / "call.schema.json").write_text(json.dumps(open_data_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    write_standards(site, prepared)
