"""Validation of the call's data files against their JSON schemas (jsonschema), each refusal at its line in the
editor's words. Imported only when a file's data is not known to be valid already (macros/call_data.py keeps the
verdict): importing jsonschema alone was a tenth of `make check`."""

from __future__ import annotations

import difflib
import functools

import jsonschema
import referencing

from .problems import Problem, Term, dotted
from .schema_files import schema, schema_names, schema_read_only
from .yaml_safe import Document


@functools.lru_cache(maxsize=None)
def _registry() -> referencing.Registry:
    resources = [(name, referencing.Resource.from_contents(schema(name))) for name in schema_names()]
    return referencing.Registry().with_resources(resources)


def _problem(error: jsonschema.ValidationError, file: str, document: Document) -> Problem:
    path = tuple(error.absolute_path)
    kind, value = error.validator, error.instance

    def at(where, message, **params):
        return Problem(file, document.line(where), message, tuple(params.items()), dotted(where))

    shown = repr(value) if not isinstance(value, (dict, list)) else ""
    if kind == "required":
        missing = error.message.split("'")[1]
        return at(path + (missing,), "required", name=missing)
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        unknown = sorted(key for key in error.instance if key not in allowed)[0]
        site_own = set(schema_read_only("site.schema.json")["properties"]) - {"translations", "glossary"}
        if not path and error.schema.get("$id") != "site.schema.json" and unknown in site_own:
            return at(path + (unknown,), "site_fact_in_call", name=unknown)  # the site's, written in a call's file
        close = difflib.get_close_matches(str(unknown), allowed, n=3, cutoff=0.6)
        return at(path + (unknown,), "unknown_field", name=unknown,
                  suggestion=", ".join(close) if close else ", ".join(allowed))
    if kind == "propertyNames":
        return at(path, "text_language_unknown", value=repr(error.instance))
    if kind == "type":
        return at(path, "wrong_type", value=shown or type(value).__name__, type=Term(f"type_{error.validator_value}"))
    if kind == "pattern":
        return at(path, "badly_formed", value=shown, format=Term(f"format_{error.schema.get('x-format', 'id')}"))
    if kind == "minLength":
        return at(path, "empty")
    if kind == "maxLength":
        return at(path, "too_long", length=len(value), limit=error.validator_value)
    if kind == "enum":
        return at(path, "not_allowed", value=shown, choices=", ".join(map(str, error.validator_value)))
    if kind == "exclusiveMinimum":
        return at(path, "too_small_exclusive", value=shown, limit=error.validator_value)
    if kind == "minimum":
        return at(path, "too_small", value=shown, limit=error.validator_value)
    if kind == "maximum":
        return at(path, "too_large", value=shown, limit=error.validator_value)
    if kind == "multipleOf":
        return at(path, "too_many_decimals", value=shown)
    if kind == "minItems":
        return at(path, "empty_list")
    if kind == "maxItems":
        return at(path, "too_many_items", count=len(value), limit=error.validator_value)
    if kind == "uniqueItems":
        return at(path, "not_unique")
    return at(path, "not_allowed", value=shown, choices=error.message)


# An integer is a whole number written as one: 1000000.0 is not an amount in kronor (JSON Schema would take it).
_TYPES = jsonschema.Draft202012Validator.TYPE_CHECKER.redefine(
    "integer", lambda _checker, value: isinstance(value, int) and not isinstance(value, bool))
_Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator, type_checker=_TYPES)


def schema_problems(data: dict, schema_name: str, file: str, document: Document) -> list[Problem]:
    """What the schema refuses in a data file, each at its line, in the editor's words."""
    validator = _Validator(schema_read_only(schema_name), registry=_registry())
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    return [_problem(error, file, document) for error in errors]
