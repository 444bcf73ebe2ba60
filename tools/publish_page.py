"""The editor's page for publishing: what changed since the last publication, then publish, roll back or undo.

Served by the editor's own origin (tools/edit.py: /admin/publicera.html, its actions at /api/publish), so an
editor never needs a terminal for these. Each action is the same step as its make command (tools/publish.py,
tools/undo.py) and answers with the editor's message, never a command's output:

- `state`: the changed data files and texts, each data file's changed fields named by their labels in the
  form (the schemas' titles: "Finansiär → Organisationsnummer"), never as YAML paths; where it publishes
  (editor.yml: publish_to) and whether there is a publication to roll back to;
- `publish`: the gate, the commit of calls/, site.yml and docs/ with the editor's message, the build, the release;
- `rollback`: the published site back to the publication before;
- `discard`: one changed file, or all, back as it was last saved in git, after the page asked; a copy of
  what is thrown away goes to .undo/ first (as `make undo` does).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from macros.call_data import DATA_FILES, data_path
from macros.schema_files import resolve, schema
from tools.field_labels import item_name, labels_of
from macros.messages import SETTINGS, say
from tools import publish, undo

ROOT = Path(__file__).resolve().parent.parent
FILE_NAMES = {file: name for name, (file, _schema, _required) in DATA_FILES.items()}
MAX_FIELDS_SHOWN = 12


def destination() -> str:
    """Where the editor publishes to: editor.yml's publish_to, or empty."""
    if not SETTINGS.is_file():
        return ""
    settings = yaml.safe_load(SETTINGS.read_text(encoding="utf-8")) or {}
    return str(settings.get("publish_to") or "").strip() if isinstance(settings, dict) else ""


def _saved_version(path: str) -> str | None:
    result = publish.git("show", f"HEAD:{path}", check=False)
    return result.stdout if result.returncode == 0 else None


def changed_paths(before, after, node: dict, base: str, path: tuple = ()) -> list[tuple[tuple, str]]:
    """Where two versions of a data file differ: (path of keys and list indices, "changed" | "added" | "removed").
    List items are matched by their name (field_labels.item_name), so an item inserted before others is one change."""
    if before == after:
        return []
    node, base = resolve(node, base)
    if isinstance(before, dict) and isinstance(after, dict) and node.get("properties"):
        found = []
        for key in dict.fromkeys([*before, *after]):
            found += changed_paths(before.get(key), after.get(key), node["properties"].get(key, {}), base, (*path, key))
        return found
    if isinstance(before, list) and isinstance(after, list) and isinstance(node.get("items"), dict):
        old = {item_name(item, index): item for index, item in enumerate(before)}
        new = {item_name(item, index): (index, item) for index, item in enumerate(after)}
        found = []
        for name, (index, item) in new.items():
            if name not in old:
                found.append(((*path, index), "added"))
            else:
                found += changed_paths(old[name], item, node["items"], base, (*path, index))
        return found + [((*path, ), f"removed:{name}") for name in old if name not in new]
    return [(path, "changed")] if path else []


def changed_fields(before, after, schema_name: str) -> list[str]:
    """The changed fields of a data file, each named by the form's labels (tools/field_labels.py)."""
    shown = []
    for path, how in changed_paths(before, after, schema(schema_name), schema_name):
        labels = labels_of(schema_name, path, after if not how.startswith("removed") else before)
        if how == "added":
            labels[-1] = say("publish_page_added", name=labels[-1])
        elif how.startswith("removed"):
            labels.append(say("publish_page_removed", name=how.partition(":")[2]))
        shown.append(" → ".join(labels))
    return shown


def describe(path: str) -> dict:
    """One changed file as the page lists it: its label and, for a data file, its changed fields."""
    relative = Path(path)
    saved, current = _saved_version(path), (ROOT / path).read_text(encoding="utf-8") if (ROOT / path).is_file() else None
    how = "added" if saved is None else "removed" if current is None else "changed"
    is_data = (relative.parts[:1] == ("calls",) and len(relative.parts) == 3) or path == DATA_FILES["site"][0]
    name = FILE_NAMES.get(relative.name) if is_data else None
    if name is None:
        return {"file": path, "label": path, "how": say(f"publish_page_{how}_file"), "fields": []}
    fields: list[str] = []
    if how == "changed":
        try:
            fields = changed_fields(yaml.safe_load(saved), yaml.safe_load(current), DATA_FILES[name][1])
        except yaml.YAMLError:
            fields = []
    shown = fields[:MAX_FIELDS_SHOWN]
    if len(fields) > len(shown):
        shown.append(say("publish_page_more_fields", count=len(fields) - len(shown)))
    label = say(f"editor_file_{name}")
    if relative.parts[:1] == ("calls",):  # with many calls, which one: its folder's name
        label = say("publish_page_file_of_call", label=label, call=relative.parts[1])
    return {"file": path, "label": label, "how": say(f"publish_page_{how}_file"), "fields": shown}


def identity() -> dict:
    """The name and e-mail git saves the editor's changes under, as far as git knows them (the page asks for the rest)."""
    return {key: publish.git("config", f"user.{key}", check=False).stdout.strip() for key in ("name", "email")}


def state() -> dict:
    to = destination()
    changes = [describe(path) for path in publish.changed_files()]
    releases, current = [], ""
    if to:
        target = publish.Destination(to)
        if not target.refusal() and target.exists():
            releases, current = target.releases(), target.current()
    return {"to": to, "changes": changes, "identity": identity(),
            "can_rollback": bool(current in releases and releases.index(current) > 0)}


def broken_files(folder: Path) -> list[dict]:
    """The call's data files that cannot even be read (a hand edit, a bad merge): each with what is wrong, in the
    editor's words. The editor's form cannot show such a file, so its page offers to restore it instead."""
    from macros.messages import problem_text
    from macros.yaml_safe import YamlProblem, load_bytes
    found = []
    for name in DATA_FILES:
        path = data_path(folder, name)
        if not path.is_file():
            continue
        try:
            load_bytes(path.read_bytes())
        except YamlProblem as problem:
            what, expected = problem_text(problem.code, dict(problem.params))
            relative = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
            label = say(f"editor_file_{name}")
            found.append({"file": relative, "restore": say("publish_page_restore", label=label),
                          "text": say("publish_page_broken_line", label=label, file=relative, line=problem.line,
                                      problem=f"{what} ({expected})")})
    return found


def act(body: dict) -> dict:
    """One action of the page: its result as {ok, message, …}; a refusal is a message, never an exception."""
    action = body.get("action")
    if action == "state":
        return {"ok": True, **state()}
    if action in ("discard", "restore"):  # restore: a file broken on disk, back as last saved
        return discard(body.get("file"))
    to = destination()
    if not to:
        return {"ok": False, "message": say("publish_page_no_to")}
    target = publish.Destination(to)
    if target.refusal():
        return {"ok": False, "message": target.refusal()}
    try:
        if action == "publish":
            return publish_with(target, body)
        if action == "rollback":
            left, now = publish.rollback(target)
            return {"ok": True, "message": say("publish_page_rolled_back", left=left, now=now)}
    except publish.PublishError as error:
        return {"ok": False, "message": str(error)}
    return {"ok": False, "message": say("edit_refused_path")}


def publish_with(target: publish.Destination, body: dict) -> dict:
    """Publish with the editor's message, under the name and e-mail the page gave where git knows none (kept in the
    project's git settings, as make publish keeps them after asking once)."""
    message, name, email = body.get("message"), body.get("name"), body.get("email")
    if not isinstance(message, str) or not message.strip():
        return {"ok": False, "message": say("publish_page_no_message")}
    known = identity()
    for key, given in (("name", name), ("email", email)):
        if not known[key] and isinstance(given, str) and given.strip():
            publish.git("config", f"user.{key}", given.strip())
    known = identity()
    if not known["name"] or "@" not in known["email"]:
        return {"ok": False, "message": say("publish_page_no_identity")}
    release = publish.publish(target, message, body.get("correction") is True)
    return {"ok": True, "message": say("publish_page_published", release=release)}


def discard(which) -> dict:
    """Throw away the unsaved changes of one changed file, or of all ("all"), after a copy of each to .undo/."""
    changed = publish.changed_files()
    chosen = changed if which == "all" else [which] if which in changed else []
    if not chosen:
        return {"ok": False, "message": say("publish_page_nothing_to_discard")}
    keep = undo.throw_away(chosen)
    return {"ok": True, "message": say("publish_page_discarded", count=len(chosen), kept=str(keep.relative_to(ROOT)) if keep.exists() else "-")}
