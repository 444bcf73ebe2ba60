"""The call's JSON schemas (macros/schemas/): read, and walked with their references followed. The editor's
form, its labels and the checks across fields read them here; jsonschema validates against them in
macros/schema_check.py."""

from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path

SCHEMAS_DIR = Path(__file__).with_name("schemas")


def schema(name: str) -> dict:
    return json.loads((SCHEMAS_DIR / name).read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=None)
def schema_read_only(name: str) -> dict:
    """A schema parsed once per process, for walking it (never changed by the walk)."""
    return schema(name)


def schema_names() -> list[str]:
    return sorted(path.name for path in SCHEMAS_DIR.glob("*.schema.json"))


def resolve(node: dict, base: str) -> tuple[dict, str]:
    """Follow $ref (within a schema file or to another one)."""
    while "$ref" in node:
        target, _, pointer = node["$ref"].partition("#")
        base = target or base
        resolved = schema_read_only(base)
        for part in [p for p in pointer.split("/") if p]:
            resolved = resolved[part]
        node = {**resolved, **{k: v for k, v in node.items() if k != "$ref"}}
    return node, base


@functools.lru_cache(maxsize=None)
def validation_inputs() -> tuple[str, ...]:
    """What decides a validation besides the data: every schema, jsonschema's installed version (the name of its
    metadata folder, found without importing it) and our own validator (macros/schema_check.py)."""
    spec = importlib.util.find_spec("jsonschema")
    installed = sorted(path.name for path in Path(spec.origin).parents[1].glob("jsonschema-*.dist-info")) if spec and spec.origin else []
    ours = Path(__file__).with_name("schema_check.py").read_text(encoding="utf-8")
    schemas = [(SCHEMAS_DIR / name).read_text(encoding="utf-8") for name in schema_names()]
    return (*schemas, *installed, ours)
