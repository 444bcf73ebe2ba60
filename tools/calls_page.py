"""The editor's page of the site's calls: each call, which one the form edits, and "Ny utlysning".

Served by the editor's own origin (tools/edit.py: /admin/utlysningar.html, its action at /api/calls):

- the page lists every call of the site (calls/<slug>/) by its title in the authoritative language, its folder and
  its application period, each with a link that opens the form on it (/admin/?utlysning=<slug>);
- `new`: next year's call from the call the editor names, in a folder of its own, exactly as `make new-call` makes it
  (tools/new_call.py): the old call is left as it is. The answer says what to go through before the new call can
  be published, and links to the form on it. The way back is the page Publicera, which lists the new call's files
  as unsaved and can throw them away.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from macros.call_data import call_folders, data_path, load, load_languages
from macros.messages import say
from macros.problems import CallError
from tools.new_call import checklist_items, start_new_call
from tools.preview_pages import editor_lines
from tools.publish import PublishError


def source_code(folder: Path) -> str | None:
    """The authoritative language of the call's site, or None where the site's file does not read."""
    try:
        return load_languages(folder).authoritative.code
    except CallError:
        return None


def call_entry(folder: Path, chosen: Path | None, source: str | None = None) -> dict:
    """One call as the editor's pages name it: its title in the authoritative language `source` (its folder's name
    where the file does not read), its folder, its period, whether the form edits it now and the form's address."""
    title, period = folder.name, ""
    source = source or source_code(folder)
    try:
        data = yaml.safe_load(data_path(folder, "call").read_text(encoding="utf-8")) or {}
        title = str((data.get("title") or {}).get(source) or folder.name)
        window = data.get("window") or {}
        if window.get("opens") and window.get("closes"):
            period = say("calls_page_period", opens=window["opens"], closes=window["closes"])
    except (OSError, yaml.YAMLError, AttributeError):
        pass
    return {"slug": folder.name, "title": title, "folder": f"calls/{folder.name}", "period": period,
            "current": chosen is not None and folder.name == chosen.name, "href": f"./?utlysning={folder.name}"}


def entries(folders: list[Path], chosen: Path | None = None) -> list[dict]:
    """The calls in `folders` (oldest first, as call_folders gives them), newest first: the one an editor most often
    edits leads."""
    source = source_code(folders[0]) if folders else None  # one site, one authoritative language
    return [call_entry(folder, chosen, source) for folder in reversed(folders)]


def act(site: Path, body: dict, today: str | None = None) -> dict:
    """One action of the page: its result as {ok, message, …}; a refusal is a message, never an exception."""
    if body.get("action") != "new":
        return {"ok": False, "message": say("edit_refused_path")}
    named = body.get("from")
    folder = next((folder for folder in call_folders(site) if folder.name == named), None)
    if folder is None:
        return {"ok": False, "message": say("calls_page_no_such_call")}
    try:
        load(folder)
    except CallError as error:  # what to mend first, by the form's labels (never a file's line or a YAML path)
        return {"ok": False, "message": say("calls_page_broken", problems=" ".join(editor_lines(error.problems, site, folder)))}
    try:
        _written, made = start_new_call(folder, today or dt.date.today().isoformat(), unsaved="calls_page_unsaved_first")
        window = load(made).call["window"]
    except (PublishError, CallError) as error:
        return {"ok": False, "message": str(error)}
    entry = call_entry(made, made)
    return {"ok": True, "message": say("calls_page_new_done", title=entry["title"], folder=entry["folder"]),
            "items": [what for _where, what in checklist_items(made, {key: str(window.get(key, "")) for key in ("opens", "closes")})], "href": entry["href"],
            "link": say("calls_page_edit_new")}

