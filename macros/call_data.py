"""Load the call from its folder and validate it before anything is written.

A site holds its calls, each a folder of data (calls/<slug>/, or CALL_DIR), beside what every call shares:
- site.yml       the site's, beside calls/: the published languages (macros/languages.py), the funder, the
                 contacts for the site by role, the accessibility statement's facts and the terms every call
                 explains (glossary); a call may not restate them (its schema has no place for them, and its
                 glossary may not explain a term of the site's again), and loads with them as its own
and in a call's folder:
- call.yml       facts and short texts
- glossary.yml   terms explained
- questions.yml  questions and answers (optional)
- outcome.yml    the decision and its grants (optional: absent until there is one)
- guidance.yml   general guidance that is not the call's text (optional)
- text/<code>/<name>.md  the longer texts, per language
Each YAML file has a schema in macros/schemas/. Every problem is reported with
its file and line (macros/problems.py), and all of them at once.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal

from . import fact_texts
from .fact_table import SITE_FACTS
from .front_matter import body_in_place
from . import languages as language_table
from .messages import language_label
from .problems import CallError, Problem, Term, dotted
from .project_files import link_problems
from .schema_files import resolve, schema_read_only, validation_inputs
from .user_cache import known, remember
from .yaml_safe import Document, YamlProblem, load_bytes, refused_character

STRINGS_DIR = language_table.STRINGS_DIR
# name: (file, schema, required); a file of SITE_DATA is the site's (beside calls/), every other is the call's own.
SITE_FILE = "site.yml"
DATA_FILES = {
    "site": (SITE_FILE, "site.schema.json", True),
    "call": ("call.yml", "call.schema.json", True),
    "glossary": ("glossary.yml", "glossary.schema.json", True),
    "questions": ("questions.yml", "questions.schema.json", False),
    "outcome": ("outcome.yml", "outcome.schema.json", False),
    "guidance": ("guidance.yml", "guidance.schema.json", False),
}
MAX_PROSE_BYTES = 40 * 1024
# Interface strings every language needs; a full language needs every group the authoritative one has.
SUMMARY_STRING_GROUPS = ("formats", "site")
SITE_DATA = ("site",)
CALLS = "calls"
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2099, 12, 31)


@dataclass
class Loaded:
    """The validated call: its data, its languages, and where each field stands."""

    call: dict
    languages: language_table.Languages
    folder: Path
    documents: dict[str, Document] = field(default_factory=dict)

    def line(self, name: str, path: tuple) -> int:
        return self.documents[name].line(path) if name in self.documents else 1

    def file(self, name: str) -> str:
        return display_path(data_path(self.folder, name))

    @property
    def slug(self) -> str:
        return self.folder.name

    @property
    def shared_terms(self) -> int:
        """How many of the glossary's terms are the site's (site.yml: glossary): they come first."""
        site = self.documents.get("site")
        return len(site.data.get("glossary", [])) if site is not None else 0


def site_root(folder: Path) -> Path:
    """The site a call folder belongs to: the folder that holds calls/ (site.yml beside it); for a call folder that
    is not in a calls/ folder (a copy made on its own), the folder it is in."""
    folder = Path(folder)
    return folder.parent.parent if folder.parent.name == CALLS else folder.parent


def data_path(folder: Path, name: str) -> Path:
    """Where a data file of the call in `folder` is: the site's beside calls/, the call's own in its folder."""
    return (site_root(folder) if name in SITE_DATA else Path(folder)) / DATA_FILES[name][0]


def call_folders(root: Path) -> list[Path]:
    """The site's calls (calls/<slug>/ under root), oldest slug first: a slug starts with its year."""
    calls = Path(root) / CALLS
    return sorted(path for path in calls.iterdir() if path.is_dir() and SLUG.fullmatch(path.name)) if calls.is_dir() else []


def call_folder_problems(root: Path) -> list[Problem]:
    """A folder in calls/ whose name is no slug would be no call at all, silently: each is named instead."""
    calls = Path(root) / CALLS
    return [Problem(display_path(path), 1, "call_folder_name", (("name", path.name),))
            for path in sorted(calls.iterdir()) if path.is_dir() and not SLUG.fullmatch(path.name)] if calls.is_dir() else []


def call_dir() -> Path:
    """The call a tool works on when it is not told: CALL_DIR when set (tests point it at fixtures), else the newest
    of ./calls/. Made absolute without resolving links, so that a linked call folder is seen, and refused, as one."""
    if os.environ.get("CALL_DIR"):
        return Path(os.path.abspath(os.environ["CALL_DIR"]))
    folders = call_folders(Path(CALLS).parent)
    return Path(os.path.abspath(folders[-1] if folders else CALLS))


def display_path(path: Path) -> str:
    """A path as an editor would type it: relative to the working folder when possible."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# --- reading -----------------------------------------------------------------------------------

def read_document(path: Path, required: bool = True) -> tuple[Document | None, list[Problem]]:
    shown = display_path(path)
    if not path.is_file():
        return None, [Problem(shown, 1, "file_missing")] if required else []
    try:
        document = load_bytes(path.read_bytes())
    except YamlProblem as problem:
        return None, [Problem(shown, problem.line, problem.code, problem.params)]
    except OSError as error:
        return None, [Problem(shown, 1, "file_unreadable", (("error", error.strerror or str(error)),))]
    if document.data is None:
        return None, [Problem(shown, 1, "file_empty")]
    if not isinstance(document.data, dict):
        return None, [Problem(shown, 1, "not_mapping")]
    return document, []


# --- the schema ----------------------------------------------------------------------------------

def _validate_schema(data: dict, schema_name: str, file: str, document: Document) -> list[Problem]:
    """What the schema refuses in a data file. A verdict that the data is valid is kept in the user's cache by
    what decides it (the data, every schema, the validator's version and ours), so that a file unchanged since it
    was last found valid is not validated again, nor jsonschema imported (a tenth of `make check`)."""
    key = (repr(data), schema_name, *validation_inputs())  # repr: exact (1 and "1" differ), whatever the keys
    if known("valid-data", key):
        return []
    from .schema_check import schema_problems
    problems = schema_problems(data, schema_name, file, document)
    if not problems:
        remember("valid-data", key)
    return problems


# --- rules the schema cannot say -------------------------------------------------------------------

def _walk(node_schema: dict, base: str, data, path: tuple, summary: bool = False):
    """Every (path, schema, value, inherited x-summary) in data, guided by its schema."""
    node_schema, base = resolve(node_schema, base)
    summary = summary or bool(node_schema.get("x-summary"))
    yield path, node_schema, data, summary
    if node_schema.get("x-widget") in ("text", "long_text"):
        return
    if isinstance(data, dict):
        for key, value in data.items():
            child = node_schema.get("properties", {}).get(key)
            if child is not None:
                yield from _walk(child, base, value, path + (key,), summary)
    elif isinstance(data, list) and "items" in node_schema:
        for index, value in enumerate(data):
            yield from _walk(node_schema["items"], base, value, path + (index,), summary)


def _real_date(value: str) -> dt.date | None:
    try:
        day = dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return day


def _usable_date(value: str) -> dt.date | None:
    """A real date within what calendars handle (others have their own problem already)."""
    day = _real_date(value)
    return day if day and EARLIEST <= day <= LATEST else None


def _field_rules(data: dict, schema_name: str, file: str, document: Document, languages) -> list[Problem]:
    """Real dates and times within what calendars handle, unique ids in every list, and every
    text in every language that publishes it, whatever the file."""
    problems = []

    def at(where, message, **params):
        problems.append(Problem(file, document.line(where), message, tuple(params.items()), dotted(where)))

    for path, node, value, summary in _walk(schema_read_only(schema_name), schema_name, data, ()):
        form = node.get("x-format")
        if form == "date" and isinstance(value, str):
            day = _real_date(value)
            if day is None:
                at(path, "not_real_date", value=repr(value))
            elif not EARLIEST <= day <= LATEST:
                at(path, "date_out_of_range", value=repr(value), earliest=EARLIEST.isoformat(), latest=LATEST.isoformat())
        elif form in ("datetime", "time") and isinstance(value, str):
            try:
                moment = dt.datetime.fromisoformat(value) if form == "datetime" else dt.time.fromisoformat(value)
            except ValueError:
                moment = None
            if moment is None:
                at(path, "not_real_time", value=repr(value))
            elif form == "datetime" and not EARLIEST <= moment.date() <= LATEST:
                at(path, "date_out_of_range", value=repr(value), earliest=EARLIEST.isoformat(), latest=LATEST.isoformat())
        if isinstance(value, list) and all(isinstance(item, dict) and "id" in item for item in value):
            seen = set()
            for index, item in enumerate(value):
                if item["id"] in seen:
                    at(path + (index, "id"), "duplicate_id", value=repr(item["id"]))
                seen.add(item["id"])
        if node.get("x-widget") in ("text", "long_text") and isinstance(value, dict) and languages is not None:
            for lang in languages:
                if lang.code not in value and (lang.full or summary):
                    at(path, "text_language_missing", language=language_label(lang.code, lang.name), code=lang.code,
                       scope=Term("scope_full" if lang.full else "scope_summary"))
            for code in value:
                if code not in languages:
                    at(path + (code,), "text_language_unpublished", code=code)
            for code, text in value.items():
                if isinstance(text, str) and ("{{" in text or "{%" in text) and not node.get("x-facts"):
                    at(path + (code,), "text_has_template")
    return problems


def _call_rules(loaded: "Loaded") -> list[Problem]:
    """Rules across fields: the window's order, meetings, and grants within the call's rule."""
    call, problems = loaded.call, []

    def at(name, where, message, **params):
        problems.append(Problem(loaded.file(name), loaded.line(name, where), message, tuple(params.items()), dotted(where)))

    window = call["window"]
    opens, closes = _usable_date(window["opens"]), _usable_date(window["closes"])
    if opens and closes and opens > closes:
        at("call", ("window", "closes"), "closes_before_opens", closes=window["closes"], opens=window["opens"])
    for index, event in enumerate(call.get("events", [])):
        try:
            starts, ends = dt.datetime.fromisoformat(event["starts"]), dt.datetime.fromisoformat(event["ends"])
        except ValueError:
            continue
        if ends <= starts:
            at("call", ("events", index, "ends"), "event_ends_before_start", starts=event["starts"], ends=event["ends"])
        registration = _real_date(event.get("registration_closes", ""))
        if registration and registration > starts.date():
            at("call", ("events", index, "registration_closes"), "registration_after_event",
               closes=event["registration_closes"], starts=event["starts"][:10])
    shared = {term["id"] for term in call["glossary"][:loaded.shared_terms]}
    for index, term in enumerate(call["glossary"][loaded.shared_terms:]):
        if term["id"] in shared:
            at("glossary", ("terms", index, "id"), "glossary_term_of_site", value=repr(term["id"]))
    archived = _usable_date(call.get("archived", ""))
    if archived and closes and archived <= closes:
        at("call", ("archived",), "archived_before_closing", archived=call["archived"], closes=window["closes"])
    if call.get("archived") and call.get("withdrawn"):
        at("call", ("archived",), "archived_and_withdrawn")
    if bool(call.get("withdrawn")) != bool(call.get("withdrawn_reason")):  # a reader is told why, and only then
        at("call", ("withdrawn_reason",) if call.get("withdrawn") else ("withdrawn",), "withdrawn_without_reason")
    outcome = call.get("outcome")
    if outcome:
        cap, slugs = call["funding"]["max_support_sek"], {}
        for index, grant in enumerate(outcome.get("grants", [])):
            if grant["amount_sek"] > cap:
                at("outcome", ("grants", index, "amount_sek"), "grant_above_cap", amount=grant["amount_sek"], cap=cap)
            # Two case numbers that differ only in punctuation ("RN 2019-1", "RN 2019/1") would give one open-data id.
            if grant_slug(grant["id"]) in slugs and slugs[grant_slug(grant["id"])] != grant["id"]:
                at("outcome", ("grants", index, "id"), "duplicate_id", value=repr(grant["id"]))
            slugs.setdefault(grant_slug(grant["id"]), grant["id"])
        decided = _real_date(outcome.get("decided", ""))
        if decided and closes and decided < closes:
            at("outcome", ("decided",), "decided_before_closing", decided=outcome["decided"], closes=window["closes"])
        received = outcome.get("applications_received")
        if received is not None and len(outcome.get("grants", [])) > received:
            at("outcome", ("applications_received",), "grants_above_applications", grants=len(outcome["grants"]), received=received)
        if outcome.get("grants") and not outcome.get("decided"):
            at("outcome", ("grants",), "grants_without_decision")
    return problems


def _document_in_call(call: dict, name: str, shared: int = 0):
    """Where a data file's content stands in the call (the inverse of load's assembly); `shared`: how many of the
    glossary's terms are the site's (they come first)."""
    return {"call": call, "glossary": {"terms": call["glossary"][shared:]}, "questions": {"questions": call["questions"]},
            "outcome": call["outcome"], "guidance": {"guidance": call["guidance"]}, "site": call}.get(name)


def _resolve_fact_texts(loaded: "Loaded") -> list[Problem]:
    """Fill in the facts that texts marked x-facts ask for (macros/fact_texts.py), in the call's copy."""
    problems = []
    for name, (_file, schema_name, _required) in DATA_FILES.items():
        document, target = loaded.documents.get(name), _document_in_call(loaded.call, name, loaded.shared_terms)
        if document is None or target is None:
            continue
        for path, node, value, _summary in _walk(schema_read_only(schema_name), schema_name, document.data, ()):
            if not node.get("x-facts") or not isinstance(value, dict):
                continue
            for code, text in value.items():
                if code not in loaded.languages or not fact_texts.has_names(text):
                    continue
                result = fact_texts.resolve(text, loaded.call, loaded.languages[code], loaded.file(name),
                                            document.line(path + (code,)))
                if isinstance(result, Problem):
                    problems.append(result)
                    continue
                node_in_call = target
                for part in path:
                    node_in_call = node_in_call[part]
                node_in_call[code] = result
    return problems


# --- the language table and the strings ---------------------------------------------------------

def _language_rules(entries: list[dict], file: str, document: Document) -> list[Problem]:
    problems = []

    def at(where, message, **params):
        problems.append(Problem(file, document.line(where), message, tuple(params.items()), dotted(where)))

    authoritative = [index for index, entry in enumerate(entries) if entry.get("authoritative")]
    if len(authoritative) != 1:
        at(("languages",), "language_authoritative", count=len(authoritative))
    seen = set()
    for index, entry in enumerate(entries):
        where = ("languages", index)
        if entry["code"] in seen:
            at(where + ("code",), "duplicate_id", value=repr(entry["code"]))
        seen.add(entry["code"])
        expected = "/" if entry.get("authoritative") else f"/{entry['code']}/"
        if entry["path"] != expected:
            at(where + ("path",), "language_path", path=entry["path"], expected=expected)
        if entry.get("authoritative") and entry["scope"] != "full":
            at(where + ("scope",), "language_authoritative_summary")
        try:
            Locale.parse(entry["locale"])
        except (UnknownLocaleError, ValueError):
            at(where + ("locale",), "locale_unknown", locale=entry["locale"])
        theme = entry.get("theme") or entry["code"]
        if not language_table.material_has_language(theme):
            at(where + ("theme" if entry.get("theme") else "code",), "theme_unknown", code=theme)
        if entry.get("search") and not language_table.lunr_has_language(entry["search"]):
            at(where + ("search",), "search_unknown", code=entry["search"])
    return problems


def _format_problems(formats: dict, file: str, document: Document, locale: str) -> list[Problem]:
    problems = []

    def at(key, message, **params):
        problems.append(Problem(file, document.line(("formats", key)), message, tuple(params.items()), f"formats.{key}"))

    def patterns(value):
        return [value] if isinstance(value, str) else list(value.values()) if isinstance(value, dict) else []

    for key, placeholder in (("money", "{number}"), ("percent", "{number}"), ("months", "{n}"),
                             ("money_in_words", "{number}"), ("percent_in_words", "{number}")):
        found = patterns(formats.get(key))
        if not found or any(placeholder not in pattern for pattern in found) or \
                (isinstance(formats.get(key), dict) and "other" not in formats[key]):
            at(key, "format_pattern", placeholder=placeholder)
    for key in ("date", "time"):
        try:
            format_date(dt.date(2019, 3, 31), formats[key], locale=locale) if key == "date" else None
        except (KeyError, ValueError, TypeError):
            at(key, "format_pattern", placeholder="d MMMM y")
    if formats.get("phone") not in ("national", "international"):
        at("phone", "not_allowed", value=repr(formats.get("phone")), choices="national, international")
    if not (isinstance(formats.get("quotes"), list) and len(formats["quotes"]) == 2):
        at("quotes", "format_quotes")
    names = formats.get("month_names")
    if names is not None and not (isinstance(names, list) and len(names) == 12):
        at("month_names", "format_month_names")
    try:
        format_decimal(1, locale=locale)
    except (ValueError, TypeError):
        pass
    return problems


def grant_slug(grant_id: str) -> str:
    """A grant's id as it stands in its open-data id: "RN 2019-00123" -> "RN-2019-00123"."""
    return re.sub(r"[^A-Za-z0-9]+", "-", grant_id).strip("-")


def _load_strings(languages_entries: list[dict]) -> tuple[dict, list[Problem]]:
    """Each language's strings file: the groups it must have, every key the authoritative one has."""
    problems, tables, documents = [], {}, {}
    for entry in languages_entries:
        path = STRINGS_DIR / f"{entry['code']}.yml"
        document, found = read_document(path)
        problems += found
        if document:
            tables[entry["code"]], documents[entry["code"]] = document.data, document
    if problems:
        return tables, problems
    reference_code = next(e["code"] for e in languages_entries if e.get("authoritative"))
    reference = tables[reference_code]
    for entry in languages_entries:
        code, table = entry["code"], tables[entry["code"]]
        file, document = display_path(STRINGS_DIR / f"{code}.yml"), documents[code]
        groups = [g for g in reference if g not in ("theme", "easy_read")] if entry["scope"] == "full" else list(SUMMARY_STRING_GROUPS)
        if entry.get("easy_read"):  # a language with an easy-to-read page says its status in plain words too
            groups.append("easy_read")
        for group in groups:
            if not isinstance(table.get(group), dict):
                problems.append(Problem(file, 1, "strings_group_missing", (("group", group), ("reference", f"{reference_code}.yml")), group))
                continue
            for key in reference.get(group, {}):
                if key not in table[group]:
                    problems.append(Problem(file, document.line((group,)), "string_missing",
                                            (("key", f"{group}.{key}"), ("reference", f"{reference_code}.yml")), f"{group}.{key}"))
        if isinstance(table.get("formats"), dict):
            problems += _format_problems(table["formats"], file, document, entry["locale"])
    return tables, problems


def flat_strings(table: dict) -> dict:
    """A strings file as the flat names pages use (ui.status_open_many): every group but formats, theme and
    easy_read (the easy-to-read page's own words for the same names), which stay groups of their own."""
    flat = {}
    for group, entries in table.items():
        if group not in ("formats", "theme", "easy_read") and isinstance(entries, dict):
            flat.update(entries)
    return {**flat, "formats": table.get("formats", {}), "theme": table.get("theme", {}), "easy_read": table.get("easy_read", {})}


# --- the longer texts ----------------------------------------------------------------------------------

def _load_prose(folder: Path, languages) -> tuple[dict, list[Problem]]:
    prose, problems = {lang.code: {} for lang in languages}, []
    text_dir = folder / "text"
    for sub in sorted(p for p in text_dir.iterdir() if p.is_dir()) if text_dir.is_dir() else []:
        if sub.name not in languages:
            problems.append(Problem(display_path(sub), 1, "text_folder_unpublished", (("code", sub.name),)))
    for lang in languages:
        for path in sorted((text_dir / lang.code).glob("*.md")):
            shown = display_path(path)
            raw = path.read_bytes()
            if len(raw) > MAX_PROSE_BYTES:
                problems.append(Problem(shown, 1, "file_too_large", (("size", f"{len(raw) // 1024} KB"), ("limit", f"{MAX_PROSE_BYTES // 1024} KB"))))
                continue
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                problems.append(Problem(shown, raw[: error.start].count(b"\n") + 1, "not_utf8"))
                continue
            if not body_in_place(text).strip():
                problems.append(Problem(shown, 1, "prose_empty"))
            found = refused_character(text)
            if found:
                line = text[: text.index(chr(int(found[2:], 16)))].count("\n") + 1
                problems.append(Problem(shown, line, "yaml_control_character", (("char", found),)))
                continue
            # A translation's header holds its record (tools/translations.py), not text to show.
            prose[lang.code][path.stem] = body_in_place(text)
    own = {lang.easy_read for lang in languages if lang.easy_read}
    source = languages.authoritative
    for lang in languages.full:
        if lang == source:
            continue
        # A language's easy-to-read text is its own, with its phase variants (lattlast.closed.md).
        for name in sorted(name for name in set(prose[source.code]) - set(prose[lang.code]) if name.split(".")[0] not in own):
            problems.append(Problem(display_path(text_dir / lang.code / f"{name}.md"), 1, "prose_missing",
                                    (("source", display_path(text_dir / source.code / f"{name}.md")), ("language", language_label(lang.code, lang.name)))))
    return prose, problems


# --- everything together ------------------------------------------------------------------------------

def _languages_from(document: Document, path: Path) -> language_table.Languages:
    """The language table of a schema-valid site.yml (at `path`), with every language's strings; CallError otherwise."""
    entries = document.data["languages"]
    problems = _language_rules(entries, display_path(path), document)
    if problems:
        raise CallError(problems)
    tables, problems = _load_strings(entries)
    if problems:
        raise CallError(problems)
    return language_table.from_table(entries, {code: flat_strings(table) for code, table in tables.items()})


def load_languages(folder: Path) -> language_table.Languages:
    """The published languages alone, for what must work while the rest of the call is wrong (the editor's
    forms, so that an editor can open the file that is wrong and mend it)."""
    return _read_languages(data_path(folder, "site"))


def load_site_languages(root: Path) -> language_table.Languages:
    """The site's languages, at their own places (the site's pages: the list of calls)."""
    return _read_languages(Path(root) / SITE_FILE)


def _read_languages(path: Path) -> language_table.Languages:
    _file, schema_name, _required = DATA_FILES["site"]
    document, problems = read_document(path)
    if document is not None:
        problems = _validate_schema(document.data, schema_name, display_path(path), document)
    if problems:
        raise CallError(problems)
    return _languages_from(document, path)


def load(folder: Path | None = None) -> Loaded:
    """Read and validate the whole call; raise CallError listing every problem."""
    folder = Path(folder or call_dir())
    problems = link_problems([folder, data_path(folder, "site")], display_path)
    if problems:
        raise CallError(problems)
    documents = {}
    for name, (_file, schema_name, required) in DATA_FILES.items():
        path = data_path(folder, name)
        document, found = read_document(path, required)
        problems += found
        if document is None:
            continue
        documents[name] = document
        problems += _validate_schema(document.data, schema_name, display_path(path), document)
    if problems:
        raise CallError(problems)

    entries = documents["site"].data["languages"]
    languages = _languages_from(documents["site"], data_path(folder, "site")).under(folder.name)

    for name, (_file, schema_name, _required) in DATA_FILES.items():
        if name in documents:
            problems += _field_rules(documents[name].data, schema_name, display_path(data_path(folder, name)), documents[name],
                                     languages)
    # A copy: texts that ask for facts are resolved in it, the documents keep what the editor wrote.
    call = copy.deepcopy(documents["call"].data)
    # The site's shared terms first, then the call's own (a slice of the list keeps the same terms: facts resolved
    # in a slice are resolved in the call's glossary).
    shared = copy.deepcopy(documents["site"].data.get("glossary", []))
    call["glossary"] = shared + copy.deepcopy(documents["glossary"].data["terms"])
    call["questions"] = copy.deepcopy(documents["questions"].data["questions"]) if "questions" in documents else []
    call["outcome"] = copy.deepcopy(documents["outcome"].data) if "outcome" in documents else None
    call["guidance"] = copy.deepcopy(documents["guidance"].data["guidance"]) if "guidance" in documents else []
    call["languages"] = entries
    for key in SITE_FACTS:  # the site's, as every call of it has them
        if key in documents["site"].data:
            call[key] = copy.deepcopy(documents["site"].data[key])
    loaded = Loaded(call, languages, folder, documents)
    problems += _call_rules(loaded)
    if not problems:
        problems += _resolve_fact_texts(loaded)
    prose, prose_problems = _load_prose(folder, languages)
    problems += prose_problems
    if problems:
        raise CallError(problems)
    call["text"] = prose
    return loaded


def load_call(folder: Path | None = None) -> dict:
    return load(folder).call
