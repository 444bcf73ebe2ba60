"""Load the call from its folder and validate it before anything is written.

The call is two YAML files (facts in call.yml, terms in glossary.yml) and
Markdown prose under text/sv and text/en. Every problem is reported as
`call/FILE:LINE: field.path: what is wrong (what was expected)`, so an editor
can go straight to the line.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import yaml

from .messages import problem_text, say

LANGUAGES = ("sv", "en")
SCHEMA_PATH = Path(__file__).with_name("call.schema.json")
# The prose every call has; pages ask for these by name.
PROSE_NAMES = ("intro", "background", "purpose", "what-can-be-funded", "funding", "how-to-apply")
# Top-level keys that come from glossary.yml rather than call.yml.
GLOSSARY_KEY = "glossary"


@dataclass(frozen=True)
class Problem:
    """One problem, as a code of the message table (macros/messages/) and its values,
    so that it reads in the editor's language."""

    file: str
    line: int
    path: str
    code: str
    params: tuple = ()

    def text(self, lang: str | None = None) -> str:
        params = dict(self.params)
        for name in ("type", "format"):  # values that are themselves messages
            if name in params:
                params[name] = say(params[name], lang)
        what, expected = problem_text(self.code, params, lang)
        return f"{self.file}:{self.line}: {self.path}: {what} ({expected})"

    def __str__(self) -> str:
        return self.text()


class CallError(Exception):
    """Raised with every problem found, so one run shows them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class _StringDateLoader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text: the schema checks their form."""


_StringDateLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def call_dir() -> Path:
    """The call folder: CALL_DIR when set (tests point it at fixtures), else ./call."""
    return Path(os.environ.get("CALL_DIR", "call")).resolve()


def display_path(path: Path) -> str:
    """A path as an editor would type it: relative to the working folder when possible."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _line_index(node: yaml.Node, prefix: tuple = ()) -> dict[tuple, int]:
    """Map each field path (keys and list indices) to the 1-based line it starts on."""
    lines = {prefix: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            path = prefix + (key_node.value,)
            lines.update(_line_index(value_node, path))
            lines[path] = key_node.start_mark.line + 1  # the key's line, not its value's
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines.update(_line_index(item, prefix + (index,)))
    return lines


def _read_yaml(path: Path) -> tuple[object, dict[tuple, int], list[Problem]]:
    shown = display_path(path)
    if not path.is_file():
        return None, {}, [Problem(shown, 1, "(file)", "file_missing")]
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=_StringDateLoader)
        data = yaml.load(text, Loader=_StringDateLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        return None, {}, [Problem(shown, line, "(yaml)", "yaml_syntax", (("problem", error.problem),))]
    if node is None:
        return None, {}, [Problem(shown, 1, "(file)", "file_empty")]
    return data, _line_index(node), []


def _dotted(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top)"


class _Locator:
    """Finds the file and line of a field path across call.yml and glossary.yml."""

    def __init__(self, call_file: str, call_lines: dict, glossary_file: str, glossary_lines: dict):
        self.call_file, self.call_lines = call_file, call_lines
        self.glossary_file, self.glossary_lines = glossary_file, glossary_lines

    def problem(self, path, code: str, **params) -> Problem:
        path = tuple(path)
        if path and path[0] == GLOSSARY_KEY:
            file, lines, inner = self.glossary_file, self.glossary_lines, ("terms",) + path[1:]
        else:
            file, lines, inner = self.call_file, self.call_lines, path
        # The nearest ancestor that exists in the file carries the line.
        while inner and inner not in lines:
            inner = inner[:-1]
        return Problem(file, lines.get(inner, 1), _dotted(path), code, tuple(params.items()))


def _schema_problem(error: jsonschema.ValidationError, locate: "_Locator") -> Problem:
    """A jsonschema error as a problem of the message table."""
    path = tuple(error.absolute_path)
    kind, value = error.validator, repr(error.instance)
    if kind == "required":
        missing = error.message.split("'")[1]
        return locate.problem(path + (missing,), "required", name=missing)
    if kind == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        unknown = sorted(key for key in error.instance if key not in allowed)
        return locate.problem(path + (unknown[0],), "unknown_field")
    if kind == "type":
        return locate.problem(path, "wrong_type", value=value, type=f"type_{error.validator_value}")
    if kind == "pattern":
        return locate.problem(path, "badly_formed", value=value, format=f"format_{error.schema.get('x-format', 'id')}")
    if kind == "minLength":
        return locate.problem(path, "empty")
    if kind == "enum":
        return locate.problem(path, "not_allowed", value=value, choices=", ".join(map(str, error.validator_value)))
    if kind == "exclusiveMinimum":
        return locate.problem(path, "too_small_exclusive", value=value, limit=error.validator_value)
    if kind == "minimum":
        return locate.problem(path, "too_small", value=value, limit=error.validator_value)
    if kind == "maximum":
        return locate.problem(path, "too_large", value=value, limit=error.validator_value)
    if kind == "multipleOf":
        return locate.problem(path, "too_many_decimals", value=value)
    if kind == "minItems":
        return locate.problem(path, "empty_list")
    return locate.problem(path, "not_allowed", value=value, choices=error.message)


def _parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _cross_field_problems(data: dict, locate: _Locator) -> list[Problem]:
    """Rules a schema cannot say: real dates, their order, unique ids."""
    problems = []
    window = data["window"]
    dates = {}
    for key in ("opens", "closes"):
        dates[key] = _parse_date(window[key])
        if dates[key] is None:
            problems.append(locate.problem(("window", key), "not_real_date", value=repr(window[key])))
    if dates["opens"] and dates["closes"] and dates["opens"] > dates["closes"]:
        problems.append(locate.problem(("window", "closes"), "closes_before_opens", closes=window["closes"], opens=window["opens"]))
    for key in ("assessed_on", "updated_on"):
        if _parse_date(data["accessibility"][key]) is None:
            problems.append(locate.problem(("accessibility", key), "not_real_date", value=repr(data["accessibility"][key])))
    for list_key in ("applicant_types", "selection_criteria", "priority_areas"):
        seen = set()
        for index, item in enumerate(data[list_key]):
            if item["id"] in seen:
                problems.append(locate.problem((list_key, index, "id"), "duplicate_id", value=repr(item["id"])))
            seen.add(item["id"])
    return problems


def _prose_problems(folder: Path) -> tuple[dict, list[Problem]]:
    prose, problems = {lang: {} for lang in LANGUAGES}, []
    for name in PROSE_NAMES:
        for lang in LANGUAGES:
            path = folder / "text" / lang / f"{name}.md"
            if not path.is_file():
                other = "sv" if lang == "en" else "en"
                problems.append(Problem(display_path(path), 1, f"text.{name}.{lang}", "prose_missing",
                                        (("source", f"text/{other}/{name}.md"),)))
                continue
            text = path.read_text(encoding="utf-8")
            if not text.strip():
                problems.append(Problem(display_path(path), 1, f"text.{name}.{lang}", "prose_empty"))
            prose[lang][name] = text
    return prose, problems


def load_call(folder: Path | None = None) -> dict:
    """Read and validate the call; return its data, or raise CallError listing every problem."""
    folder = folder or call_dir()
    call_path, glossary_path = folder / "call.yml", folder / "glossary.yml"
    data, call_lines, problems = _read_yaml(call_path)
    glossary, glossary_lines, glossary_problems = _read_yaml(glossary_path)
    problems += glossary_problems
    prose, prose_problems = _prose_problems(folder)
    problems += prose_problems
    if problems:
        raise CallError(problems)
    if not isinstance(data, dict):
        raise CallError([Problem(display_path(call_path), 1, "(top)", "not_mapping")])
    locate = _Locator(display_path(call_path), call_lines, display_path(glossary_path), glossary_lines)
    if not isinstance(glossary, dict) or "terms" not in glossary:
        raise CallError([Problem(display_path(glossary_path), 1, "terms", "terms_missing")])
    data = dict(data, glossary=glossary["terms"])

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for error in sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        problems.append(_schema_problem(error, locate))
    if problems:
        raise CallError(problems)
    problems = _cross_field_problems(data, locate)
    if problems:
        raise CallError(problems)
    data["text"] = prose
    return data


def text_fields(folder: Path | None = None) -> list[tuple[str, int, str]]:
    """(file, line, text) for every Swedish and English text in the call's YAML files:
    the places where a fact could be typed by hand instead of asked for."""
    folder = folder or call_dir()
    found = []
    for path in (folder / "call.yml", folder / "glossary.yml"):
        data, lines, problems = _read_yaml(path)
        if problems:
            continue

        def walk(node, prefix=()):
            if isinstance(node, dict) and set(node) == set(LANGUAGES):
                for lang in LANGUAGES:
                    if isinstance(node[lang], str):
                        found.append((display_path(path), lines.get(prefix + (lang,), 1), node[lang]))
            elif isinstance(node, dict):
                for key, value in node.items():
                    walk(value, prefix + (key,))
            elif isinstance(node, list):
                for index, item in enumerate(node):
                    walk(item, prefix + (index,))

        walk(data)
    return found
