"""The facts table (macros/fact_table.py) is the one list of the call's single facts: every row names a field
the schema has, a kind that is drawn and formatted, and the names pages use, the public log, the fact finder
and the README all come from it."""

from __future__ import annotations

import json

from conftest import REPO, loaded
from macros import view
from macros.call_data import SITE_FACTS
from macros.changes import fact_text
from macros.fact_table import FACTS, KINDS, KINDS_SPOTTED, spotted, tracked, value_at
from macros.history import tracked_facts
from tools.factfinder import MACROS, fact_patterns

SCHEMA = json.loads((REPO / "macros" / "schemas" / "call.schema.json").read_text(encoding="utf-8"))
SITE_SCHEMA = json.loads((REPO / "macros" / "schemas" / "site.schema.json").read_text(encoding="utf-8"))


def schema_has(path: str) -> bool:
    """Whether the call's schema has the field, or the site's for what a call has from the site (SITE_FACTS)."""
    node = SITE_SCHEMA if path.split(".")[0] in SITE_FACTS else SCHEMA
    for part in path.split("."):
        properties = node.get("properties") or {}
        if part not in properties:
            reference = node.get("$ref", "").removeprefix("call.schema.json")
            if reference.startswith("#/$defs/"):
                node = SCHEMA["$defs"][reference.removeprefix("#/$defs/")]
                properties = node.get("properties") or {}
            if part not in properties:
                return False
        node = properties[part]
        reference = node.get("$ref", "").removeprefix("call.schema.json")
        if reference.startswith("#/$defs/"):
            node = {**SCHEMA["$defs"][reference.removeprefix("#/$defs/")], **{k: v for k, v in node.items() if k != "$ref"}}
    return True


def test_every_fact_names_a_field_of_the_schema_and_a_known_kind():
    assert len({fact.name for fact in FACTS}) == len(FACTS)
    for fact in FACTS:
        assert fact.kind in KINDS, fact
        assert schema_has(fact.path), fact.path


def test_the_names_pages_use_are_the_tables():
    data = loaded()
    for lang in data.languages:
        assert list(view.facts(data.call, lang)) == [fact.name for fact in FACTS]


def test_the_public_log_follows_the_facts_the_table_marks():
    data = loaded()
    codes, source = data.languages.codes, data.languages.authoritative.code
    paths = tracked_facts(codes, source)
    assert paths == [path for path, _fact in tracked(codes, source)]
    assert "funding.max_support_sek" in paths and f"title.{source}" in paths
    for path in paths:
        head = path.rsplit(".", 1)[0] if path.rsplit(".", 1)[-1] in codes else path
        assert schema_has(head), path
    # Each kind formats its old and new values the way pages write them.
    lang = data.languages.authoritative
    from macros import formatting as fmt
    assert fact_text("funding.max_support_sek", 650000, lang) == fmt.format_money(650000, lang)
    assert fact_text("window.closes", "2024-11-13", lang) == fmt.format_date("2024-11-13", lang)
    assert fact_text("window.closes", None, lang) == "–"


def test_the_fact_finder_spots_every_fact_of_a_spotted_kind():
    data = loaded()
    found = {path for path, _pattern in fact_patterns(data.call, data.languages)}
    for fact in spotted():
        assert fact.kind in KINDS_SPOTTED
        if value_at(data.call, fact.path) not in (None, ""):
            assert fact.path in found, fact.path
        assert MACROS[fact.path] == "{{ call.%s }}" % fact.name


def test_one_model_of_key_dates_in_order_and_a_meeting_named_once():
    """The timeline, the calendar files, the feed and CommonGrants read one list of key dates; a meeting the
    editor named like its kind ("Informationsmöte om checkarna") is not named twice."""
    from conftest import FIXTURE_CALL
    from macros.key_dates import key_dates, meeting_label
    data = loaded(FIXTURE_CALL)
    found = key_dates(data.call)
    assert [d.kind for d in found][:1] == ["opens"] and "closes" in [d.kind for d in found]
    assert [d._order() for d in found] == sorted(d._order() for d in found)
    assert {d.ident for d in found if d.kind == "event"} == {f"event-{e['id']}" for e in data.call["events"]}
    for lang in data.languages:
        template = lang.strings["timeline_event"]
        kind = template.split("{name}")[0].strip(" :–-")
        assert meeting_label(template, f"{kind} om checkarna") == f"{kind} om checkarna"
        assert meeting_label(template, "Frukostmöte") == template.replace("{name}", "Frukostmöte")
