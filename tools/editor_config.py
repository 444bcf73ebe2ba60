"""The browser editor's configuration (Decap CMS), generated from the schemas and the language table.

    python -m tools.editor_config [--editor-port 8081]  # prints config.yml (as JSON, which is YAML too)
    python -m tools.editor_config --tidy                # the data files in the form the editor writes

Nothing here is typed twice: every field of every data file comes from its schema
(macros/schemas/), with the schema's Swedish title as the label and its description
as the hint; a field added to a schema appears in the editor with no second edit
(tests/test_editor.py walks both). How a field is drawn follows its type:

- a text (`x-widget: text` or `long_text`): the project's own widget `languages`
  (editor/editor.js), every published language side by side, the authoritative one
  first; a summary language only where the text is part of the summary (`x-summary`);
- a date or a date and time: the project's own widget `datum` (editor/date_widget.js), a
  text field with a calendar in the editor's language (Decap's is the browser's own picker,
  in the browser's language), writing the schema's form;
- the file's records of its translations (`x-widget: translations`): the project's own
  widget `translations` (editor/records.js), which keeps them as each text's answers
  under its translations change them;
- a string with a pattern (e-mail, phone, id, address …): a string checked against
  that pattern, with the check's own Swedish words for what to write;
- a whole number: a number with its bounds; a yes/no: a switch; a choice: a list;
- a list of objects: a list of forms, folded, each summarised by its first text;
- the longer texts (calls/<slug>/text/<lang>/*.md): a plain Markdown editor, one per language,
  which keeps `{{ call.closes }}` exactly as typed (the rich editor would rewrite it); a
  translation also has its record (in its header), drawn by the widget `text_translation`,
  which reads the Swedish text through the editor's own backend, here and hosted alike.

The pages under docs/ are the site's structure and stay out of the editor.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from macros.call_data import DATA_FILES, call_dir, data_path, display_path, load_languages
from macros.messages import message_language, say
from macros.schema_files import resolve, schema
from tools.field_labels import summary_field
from tools.preview_status import PREVIEW_CONTEXT
from tools.translations import RECORD_FIELD

ROOT = Path(__file__).resolve().parent.parent
EDITOR_PORT = 8081  # the editor's own origin: its page, its configuration and its backend (tools/edit.py)

# The order of the editor's menu; each file's name in it is the message editor_file_<name>, in the editor's language.
FILE_LABELS = ("call", "questions", "outcome", "glossary", "guidance", "site")


def _pattern_message(node: dict) -> str:
    form = node.get("x-format")
    try:
        return say("editor_pattern", what=say("format_" + form)) if form else say("editor_pattern_unknown")
    except KeyError:
        return say("editor_pattern_unknown")


class Fields:
    """Decap fields from JSON Schema nodes, with the languages a text must have."""

    def __init__(self, languages):
        self.languages = languages

    def text_languages(self, summary: bool) -> list[dict]:
        shown = []
        for lang in self.languages:
            if lang.full or summary:
                label = say("editor_language_authoritative", name=lang.name) if lang.authoritative else lang.name
                shown.append({"code": lang.code, "label": label})
        return shown

    def field(self, name: str, node: dict, base: str, required: bool, summary: bool = False) -> dict:
        node, base = resolve(node, base)
        summary = summary or bool(node.get("x-summary"))
        made: dict = {"name": name, "label": node.get("title") or name}
        if node.get("description"):
            made["hint"] = node["description"]
        if not required:
            made["required"] = False
        widget, kind = node.get("x-widget"), node.get("type")
        if widget in ("text", "long_text"):
            limits = node.get("additionalProperties", {})
            made.update(widget="languages", multiline=widget == "long_text", languages=self.text_languages(summary),
                        max_length=limits.get("maxLength", 1500))
            if node.get("x-facts"):
                made["hint"] = (made.get("hint", "") + " " + say("editor_facts_hint")).strip()
        elif widget == "translations":  # the records of the file's translations, answered under each text
            made.update(widget="translations", source=self.languages.authoritative.code,
                        codes=[lang.code for lang in self.languages])
        elif widget == "date":
            made.update(widget="datum", time=False)
        elif widget == "datetime":
            made.update(widget="datum", time=True)
        elif kind == "object":
            inner = set(node.get("required", []))
            made.update(widget="object", collapsed=False,
                        fields=[self.field(key, child, base, key in inner, summary) for key, child in node.get("properties", {}).items()])
        elif kind == "array":
            made.update(self.list_of(node, base, summary))
        elif kind == "integer":
            made.update(widget="number", value_type="int", step=1)
            low = node.get("minimum", node.get("exclusiveMinimum", -1) + 1 if "exclusiveMinimum" in node else None)
            if low is not None:
                made["min"] = low
            if "maximum" in node:
                made["max"] = node["maximum"]
        elif kind == "number":
            made.update(widget="number", value_type="float", step=node.get("multipleOf", 0.01))
            if "maximum" in node:
                made["max"] = node["maximum"]
        elif kind == "boolean":
            made["widget"] = "boolean"
            if required:  # an optional flag stays out of the file until someone ticks it
                made["default"] = False
        elif "enum" in node:
            made.update(widget="select", options=list(node["enum"]))
        else:
            made["widget"] = "string"
            if node.get("pattern"):
                made["pattern"] = [node["pattern"], _pattern_message(node)]
        return made

    def list_of(self, node: dict, base: str, summary: bool) -> dict:
        items, items_base = resolve(node["items"], base)
        made: dict = {"widget": "list"}
        if "minItems" in node:
            made["min"] = node["minItems"]
        if "maxItems" in node:
            made["max"] = node["maxItems"]
        if items.get("type") == "object":
            inner = set(items.get("required", []))
            fields = [self.field(key, child, items_base, key in inner, summary) for key, child in items["properties"].items()]
            made.update(fields=fields, collapsed=True, summary=_summary(fields, summary_field(items, items_base)))
        else:
            made.update(field=self.field("value", items, items_base, True, summary))
        return made


def _summary(fields: list[dict], shown: str | None) -> str:
    """How a folded item of a list is shown (tools/field_labels.summary_field chooses the field): a text in the
    authoritative language, else the field's value."""
    field = next((field for field in fields if field["name"] == shown), fields[0])
    if field.get("widget") == "languages":
        return "{{fields." + field["name"] + "." + field["languages"][0]["code"] + "}}"
    return "{{fields." + field["name"] + "}}"


def hosted_backend() -> dict | None:
    """The repository host the editor saves to when it is hosted (editor.yml: editor_backend), or None."""
    from macros.messages import SETTINGS
    if not SETTINGS.is_file():
        return None
    settings = yaml.safe_load(SETTINGS.read_text(encoding="utf-8")) or {}
    backend = settings.get("editor_backend") if isinstance(settings, dict) else None
    return dict(backend) if isinstance(backend, dict) and backend.get("name") and backend.get("repo") else None


def config(folder: Path | None = None, backend_url: str | None = f"http://127.0.0.1:{EDITOR_PORT}/api/v1",
           backend: dict | None = None, preview_url: str | None = None) -> dict:
    """The editor's whole configuration for the call in `folder`: with backend_url, saving to this working
    tree through the local backend (tools/editor_backend.py); without, saving to the hosted repository `backend`.
    With preview_url, the button Decap shows after a save leads to the preview (without, Decap offers none)."""
    folder = Path(folder or call_dir()).resolve()
    languages = load_languages(folder)  # not the whole call: a call that is wrong on disk must still open in the editor
    fields = Fields(languages)
    relative = display_path(folder)
    files = []
    for name in FILE_LABELS:
        label = say(f"editor_file_{name}")
        _file, schema_name, _required = DATA_FILES[name]
        root = schema(schema_name)
        required = set(root.get("required", []))
        files.append({
            "name": name, "label": label, "file": display_path(data_path(folder, name)),
            "description": root.get("description", ""),
            "fields": [fields.field(key, node, schema_name, key in required) for key, node in root["properties"].items()],
        })
    collections = [{"name": "utlysningen", "label": say("editor_collection_data"), "editor": {"preview": False},
                    "delete": False, "files": files}]
    for lang in languages:
        texts = folder / "text" / lang.code
        if not texts.is_dir():
            continue
        collections.append({
            "name": f"texter-{lang.code}", "label": say("editor_collection_texts", name=lang.name),
            "label_singular": say("editor_text_singular"), "folder": f"{relative}/text/{lang.code}", "extension": "md",
            "format": "yaml-frontmatter", "create": False, "delete": False, "editor": {"preview": False},
            "identifier_field": "body", "summary": "{{filename}}",
            "fields": [{"name": "body", "label": say("editor_text_label"), "widget": "markdown", "modes": ["raw"],
                        "hint": say("editor_facts_hint") + " " + say("editor_paragraphs_hint"), "buttons": [], "editor_components": []}],
        })
        if not lang.authoritative:  # a translation: whether it is up to date with the same text in the authoritative language
            collections[-1]["fields"].append({
                "name": RECORD_FIELD, "label": say("editor_translation_label"), "hint": say("editor_translation_hint"),
                "widget": "text_translation", "required": False,
                "source_collection": f"texter-{languages.authoritative.code}"})
    made = {
        "locale": message_language(),  # Decap's own interface: it bundles Swedish and English
        "backend": backend or {"name": "git-gateway", "branch": "main"},
        "publish_mode": "simple",
        "media_folder": f"{relative}/bilder",
        "media_library": {"name": "ingen"},  # editor/editor.js: no Media tab; the call has no files to upload
        "site_url": "/",
        "show_preview_links": False,
        "search": False,
        "collections": collections,
    }
    if backend_url is not None:
        made["local_backend"] = {"url": backend_url, "allowed_hosts": ["127.0.0.1", "localhost"]}
    else:
        # Hosted, each change is a branch and a pull or merge request of its own, which the pipeline builds as a
        # preview before anyone publishes it (tools/hosted_preview.py); the status it sets is the preview's link.
        made.update(publish_mode="editorial_workflow", show_preview_links=True)
        made["backend"] = {**made["backend"], "preview_context": PREVIEW_CONTEXT}
    if preview_url:
        made.update(site_url=preview_url, show_preview_links=True)
    return made


# --- the data files in the form the editor writes -------------------------------------------------

def field_order(name: str) -> list[str]:
    """The top-level keys of a data file in the editor's order: its schema's (Decap sorts by its fields)."""
    return list(schema(DATA_FILES[name][1])["properties"])


def editor_form(path: Path, keys: list[str]) -> str | None:
    """The file as the editor would save it unchanged (tools/decap_yaml.cjs), or None without node."""
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "decap-cms-core").exists():
        return None
    result = subprocess.run([node, str(ROOT / "tools" / "decap_yaml.cjs"), str(path), ",".join(keys)],
                            capture_output=True, text=True, cwd=ROOT)
    return result.stdout if result.returncode == 0 else None


def tidy(folder: Path | None = None) -> list[str]:
    """Rewrite the call's data files in the editor's form, so that an editor's save changes only what it
    changed; the files rewritten. A file that does not parse is left for the check to explain."""
    folder = Path(folder or call_dir())
    changed = []
    for name in FILE_LABELS:
        path = data_path(folder, name)
        if not path.is_file():
            continue
        written = editor_form(path, field_order(name))
        if written is not None and written != path.read_text(encoding="utf-8"):
            path.write_text(written, encoding="utf-8")
            changed.append(display_path(path))
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editor-port", type=int, default=EDITOR_PORT)
    parser.add_argument("--tidy", action="store_true", help="rewrite the data files in the form the editor writes")
    args = parser.parse_args(argv)
    if args.tidy:
        for path in tidy():
            print(path)
        return 0
    json.dump(config(backend_url=f"http://127.0.0.1:{args.editor_port}/api/v1"), sys.stdout, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
