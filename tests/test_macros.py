"""The macros module's functions on their own: formats per language, escaping, language marks."""

from __future__ import annotations

import pytest

from conftest import loaded
from macros import formatting as fmt
from macros import pieces as pc
from macros import view
from macros.components import inline
from macros.instants import window_instants

NBSP = "\u00a0"
LANGUAGES = loaded().languages
SV, EN, FI = LANGUAGES["sv"], LANGUAGES["en"], LANGUAGES["fi"]


@pytest.mark.parametrize(("lang", "expected"), [(SV, f"800{NBSP}000{NBSP}kr"), (EN, f"SEK{NBSP}800,000"), (FI, f"800{NBSP}000{NBSP}kruunua")])
def test_money(lang, expected):
    assert fmt.format_money(800000, lang) == expected


def test_money_follows_the_languages_plural_rules():
    assert fmt.format_money(1, FI) == f"1{NBSP}kruunu"
    assert fmt.format_money(2, FI) == f"2{NBSP}kruunua"


@pytest.mark.parametrize(("percent", "lang", "expected"), [
    (75, SV, f"75{NBSP}%"), (75, EN, "75%"), (62.5, SV, f"62,5{NBSP}%"), (62.5, EN, "62.5%"), (0.29, EN, "0.29%"), (62.5, FI, f"62,5{NBSP}%"),
])
def test_percent(percent, lang, expected):
    assert fmt.format_percent(percent, lang) == expected


@pytest.mark.parametrize(("lang", "expected"), [(SV, "15 januari 2019"), (EN, "15 January 2019"), (FI, "15. tammikuuta 2019")])
def test_date(lang, expected):
    assert fmt.format_date("2019-01-15", lang) == expected


@pytest.mark.parametrize(("lang", "expected"), [(SV, "31 mars 2019 kl. 16.00"), (EN, "31 March 2019, 16:00"), (FI, "31. maaliskuuta 2019 klo 16.00")])
def test_a_date_with_a_time(lang, expected):
    shown = inline(pc.date("2019-03-31", lang, "16:00"))
    assert 'datetime="2019-03-31T16:00"' in shown
    assert shown.striptags().replace(NBSP, " ") == expected


@pytest.mark.parametrize(("months", "lang", "expected"), [
    (12, SV, f"12{NBSP}månader"), (1, SV, f"1{NBSP}månad"), (12, EN, f"12{NBSP}months"), (1, EN, f"1{NBSP}month"),
    (12, FI, f"12{NBSP}kuukautta"), (1, FI, f"1{NBSP}kuukausi"),
])
def test_months_singular_and_plural(months, lang, expected):
    assert fmt.format_months(months, lang) == expected


def test_phone_forms():
    assert fmt.phone_uri("070-549 80 62") == "tel:+46705498062"
    assert fmt.phone_international("08-123 45 67") == "+46 8 123 45 67"
    assert fmt.format_phone("070-549 80 62", SV) == f"070-549{NBSP}80{NBSP}62"
    assert fmt.format_phone("070-549 80 62", EN) == f"+46{NBSP}70{NBSP}549{NBSP}80{NBSP}62"
    assert fmt.format_phone("070-549 80 62", FI) == fmt.format_phone("070-549 80 62", EN)


def test_rates_are_exact_basis_points():
    # 0.29 * 100 is 28.999999999999996 in binary floating point; the site never sees that.
    assert fmt.rate_basis_points(0.29) == 29
    assert fmt.rate_basis_points(62.55) == 6255
    assert fmt.rate_basis_points(75) == 7500


def test_lists_join_in_each_language():
    assert fmt.format_list(["a", "b", "c"], SV) == "a, b och c"
    assert fmt.format_list(["a", "b", "c"], EN, style="or") == "a, b or c"
    assert fmt.format_list(["a", "b", "c"], FI) == "a, b ja c"


def test_markup_in_data_is_escaped():
    pair = {"sv": '<script>alert("x")</script>', "en": "<b>bold</b>"}
    assert str(inline(pc.text(pair, SV))) == "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"
    assert "<b>" not in str(inline(pc.text(pair, EN)))
    link = inline(pc.named_link({"name": pair, "url": 'https://x.se/"onmouseover="alert(1)'}, SV))
    assert 'href="https://x.se/&#34;onmouseover=&#34;alert(1)"' in str(link)


def test_json_in_a_page_cannot_end_its_script_element():
    text = str(view.script_json({"a": '</script><!--<script>&'}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\\u003c/script\\u003e\\u003c!--\\u003cscript\\u003e\\u0026" in text


def test_text_kept_in_the_authoritative_language_is_marked_so():
    assert str(inline(pc.text({"sv": "Min ansökan", "en": "Min ansökan"}, EN))) == '<span lang="sv">Min ansökan</span>'
    assert str(inline(pc.text({"sv": "Min ansökan", "en": "Min ansökan"}, SV))) == "Min ansökan"
    # A language that has no version of a text shows the authoritative one, marked.
    assert str(inline(pc.text({"sv": "Min ansökan", "en": "My application"}, FI))) == '<span lang="sv">Min ansökan</span>'
    assert str(inline(pc.in_source_language("Kompetensförsörjning alla aktörer", EN))).startswith('<span lang="sv">')


def test_a_link_without_a_target_is_just_the_name():
    assert str(inline(pc.named_link({"name": {"sv": "riktlinjer", "en": "guidelines"}}, EN))) == "guidelines"


def test_the_guidelines_are_named_in_full_without_an_address(call):
    assert str(inline(view.guidelines(call, SV))) == "Region Norrbottens riktlinjer för projektmedel"
    with_url = dict(call, funding=dict(call["funding"], guidelines=dict(call["funding"]["guidelines"], url="https://example.se/r")))
    assert str(inline(view.guidelines(with_url, SV))) == '<a href="https://example.se/r">riktlinjer för projektmedel</a>'


def test_window_runs_through_the_whole_closing_day_in_stockholm():
    opens, closes = window_instants({"time_zone": "Europe/Stockholm", "opens": "2019-01-15", "closes": "2019-03-31"})
    assert opens.isoformat() == "2019-01-15T00:00:00+01:00"
    # Sweden moved to summer time at 02.00 on 31 March 2019: the day ended at 24.00 CEST.
    assert closes.isoformat() == "2019-04-01T00:00:00+02:00"


def test_a_closing_time_in_the_data_ends_the_window_then():
    _opens, closes = window_instants({"time_zone": "Europe/Stockholm", "opens": "2019-01-15", "closes": "2019-03-31",
                                           "closes_time": "16:00"})
    assert closes.isoformat() == "2019-03-31T16:00:00+02:00"


def test_role_contacts_follow_the_data(call):
    # The reference call names no one for personal data or accessibility: the funder, never the call's contact.
    for role in ("personal_data", "accessibility"):
        shown = str(inline(view.role_contact(call, role, SV)))
        assert shown == "Region Norrbotten" and call["contact"]["name"] not in shown
    named = dict(call, role_contacts={"accessibility": {"name": "Webbredaktionen", "email": "webb@example.se"}})
    assert "Webbredaktionen" in str(inline(view.role_contact(named, "accessibility", SV)))
    assert str(inline(view.role_contact(named, "personal_data", SV))) == "Region Norrbotten"
    general = dict(call, funder=dict(call["funder"], contact={"email": "info@example.se"}))
    assert str(inline(view.role_contact(general, "personal_data", SV))).startswith("Region Norrbotten, ")


def test_facts_for_each_language(call):
    sv, en = view.facts(call, SV), view.facts(call, EN)
    assert sv["max_support"] == fmt.format_money(call["funding"]["max_support_sek"], SV)
    assert en["closes"] == f'<time datetime="{call["window"]["closes"]}">{fmt.format_date(call["window"]["closes"], EN)}</time>'
    assert en["contact_phone"].startswith('<a href="tel:+46')


def test_the_readme_lists_every_name_a_page_may_use(call):
    from conftest import REPO, prepared_call
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    names = prepared_call(with_history=False).names(SV)
    for fact in names["call"]:
        assert f"`call.{fact}`" in readme, fact
    for name, value in names.items():
        if callable(value):
            assert f"`{name}(" in readme, name
    from macros.context import site_page_context
    for fact in site_page_context(call, SV)["site"]:  # what the site's own pages may ask for
        assert f"`site.{fact}`" in readme, fact
