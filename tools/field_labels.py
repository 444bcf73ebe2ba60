"""A field of a data file named as the editor's form names it: by the schemas' titles, outermost first, and a
list item as the form shows it folded (its first text, else its id; or its number counted from 1), never as a
YAML path or an index from zero:

    field_labels("calls/2019-rorlighet-matchning/outcome.yml", "grants[1].amount_sek", data)
        -> ["Beviljade stöd", "Stugor för besökare med rullstol", "Beviljat belopp (kr)"]

Used where an editor reads about a field: a refused save in the editor (and its message under the field), the
pages for publishing and translations. tools/editor_config.py draws the folded items by the same rule.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from macros.call_data import DATA_FILES
from macros.front_matter import split_front_matter
from macros.schema_files import resolve, schema

SCHEMA_OF = {file: schema_name for file, schema_name, _required in DATA_FILES.values()}
PART = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


def _text(value) -> str | None:
    """A value as a folded row shows it: a text in its first language (Swedish first, as the editor writes it),
    or a plain string; None for anything else."""
    if isinstance(value, dict) and value and isinstance(next(iter(value.values())), str):
        return next(iter(value.values()))
    return value if isinstance(value, str) else None


def item_name(item, index: int) -> str:
    """A list item's identity, which stays when its texts change: its id, else its first text, else its number
    from 1 (the page for publishing matches two versions' items by it)."""
    if isinstance(item, dict):
        if item.get("id"):
            return str(item["id"])
        for value in item.values():
            if _text(value):
                return _text(value)
    return str(index + 1)


def summary_field(items: dict, base: str) -> str | None:
    """The field a folded item of a list shows in the form (tools/editor_config.py draws it so): its first text
    (`x-widget: text` or `long_text`), else its id, else its first field."""
    items, base = resolve(items, base)
    properties = items.get("properties", {})
    for name, node in properties.items():
        if resolve(node, base)[0].get("x-widget") in ("text", "long_text"):
            return name
    return "id" if "id" in properties else next(iter(properties), None)


def item_label(item, index: int, items: dict, base: str) -> str:
    """A list item as the form shows it folded (its summary field: a text in its first language, Swedish first as the
    editor writes it), else as item_name names it."""
    field = summary_field(items, base)
    value = item.get(field) if isinstance(item, dict) and field else None
    return _text(value) or (str(value) if isinstance(value, int) else None) or item_name(item, index)


def labels_of(schema_name: str, path: tuple, data) -> list[str]:
    """The labels along a path of keys and list indices into a data file of that schema."""
    node, base, value, labels = schema(schema_name), schema_name, data, []
    for part in path:
        node, base = resolve(node, base)
        if isinstance(part, int):
            item = value[part] if isinstance(value, list) and 0 <= part < len(value) else None
            labels.append(item_label(item, part, node.get("items", {}), base))
            node, value = node.get("items", {}), item
        else:
            child, _ = resolve(node.get("properties", {}).get(part, {}), base)
            labels.append(child.get("title") or part)
            node, value = child, value.get(part) if isinstance(value, dict) else None
    return labels


def field_labels(file: str, field: str, data) -> list[str]:
    """A problem's field ("grants[1].amount_sek") in a data file, by the form's labels outermost first; empty when
    unknown."""
    schema_name = SCHEMA_OF.get(Path(file).name)
    if not schema_name or not field or field == "(top)":
        return []
    path = tuple(int(index) if index else key for index, key in PART.findall(field))
    return labels_of(schema_name, path, data)



def _data(path: Path):
    from macros.yaml_safe import YamlProblem, load_bytes
    try:
        return load_bytes(path.read_bytes()).data
    except (OSError, YamlProblem):
        return None


def _text_path(shown: str, data, codes: set) -> tuple | None:
    """The path of keys and indices to a text named as its translation record names it (`terms[call].term`)."""
    from tools.translations import text_nodes
    return next((path for path, name, _node in text_nodes(data, codes) if name == shown), None)


def page_title(path: Path) -> str:
    """A page's title as readers see it: its header's title, else its first heading, else its file's name."""
    front, body, _offset = split_front_matter(path.read_text(encoding="utf-8"))
    try:
        meta = yaml.safe_load(front) if front else {}
    except yaml.YAMLError:
        meta = {}
    if isinstance(meta, dict) and meta.get("title"):
        return str(meta["title"])
    heading = next((line[2:].strip() for line in body.splitlines() if line.startswith("# ")), "")
    return heading or path.stem


def where_for_editor(problem, root: Path, languages) -> list[str]:
    """Where a problem is, as the editor's officer finds it: a data file's form and the field's labels; a longer text
    by its collection and name; else the file as it is named in the project (a page of the site's structure)."""
    from macros.messages import language_label, say
    path = Path(problem.file)
    name = next((name for name, (file, _schema, _required) in DATA_FILES.items() if file == path.name), None)
    if name and "text" not in path.parts:
        data = _data(root / problem.file)
        labels = field_labels(problem.file, problem.field, data) if problem.field and data is not None else []
        key = dict(problem.params).get("key", "")
        if not labels and data is not None and ":" in str(key):  # a translation, named by its text
            shown = str(key).split(":", 1)[1].rsplit(".", 1)[0]
            found = _text_path(shown, data, set(languages.codes))
            labels = labels_of(SCHEMA_OF[path.name], found, data) if found else []
        if not labels and problem.line:
            labels = [say("editor_at_line", line=problem.line)]
        return [say(f"editor_file_{name}"), *labels]
    if "text" in path.parts and path.parent.name in languages.codes:
        lang = languages[path.parent.name]
        return [say("editor_collection_texts", name=language_label(lang.code, lang.name)), path.name]
    if path.suffix == ".md" and (root / path).is_file():  # a page of the site's structure, by its title
        return [say("translations_page_page", title=page_title(root / path))]
    return [problem.file]


def for_editor(problem, root: Path, languages) -> str:
    """A problem as the preview shows it to an officer: where, by the form's words; what is wrong; what to do in the
    editor. No YAML path, list index from zero or command."""
    from macros.messages import problem_text, say
    from macros.problems import Term
    params = {key: say(value.key) if isinstance(value, Term) else value for key, value in problem.params}
    what, advice = problem_text(problem.code, params, editor=True)
    return f"{' → '.join(where_for_editor(problem, root, languages))}: {what} ({advice})"
