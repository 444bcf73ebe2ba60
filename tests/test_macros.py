"""The macros module's functions on their own: formats per language, escaping, language marks."""

from __future__ import annotations

import pytest

from macros import formatting as fmt
from macros import view

NBSP = "\u00a0"


@pytest.mark.parametrize(("lang", "expected"), [("sv", f"800{NBSP}000{NBSP}kr"), ("en", f"SEK{NBSP}800,000")])
def test_money(lang, expected):
    assert fmt.format_money(800000, lang) == expected


@pytest.mark.parametrize(("percent", "lang", "expected"), [
    (75, "sv", f"75{NBSP}%"), (75, "en", "75%"), (62.5, "sv", f"62,5{NBSP}%"), (62.5, "en", "62.5%"), (0.29, "en", "0.29%"),
])
def test_percent(percent, lang, expected):
    assert fmt.format_percent(percent, lang) == expected


@pytest.mark.parametrize(("lang", "expected"), [("sv", "15 januari 2019"), ("en", "15 January 2019")])
def test_date(lang, expected):
    assert fmt.format_date("2019-01-15", lang) == expected


@pytest.mark.parametrize(("months", "lang", "expected"), [
    (12, "sv", f"12{NBSP}månader"), (1, "sv", f"1{NBSP}månad"), (12, "en", f"12{NBSP}months"), (1, "en", f"1{NBSP}month"),
])
def test_months_singular_and_plural(months, lang, expected):
    assert fmt.format_months(months, lang) == expected


def test_phone_forms():
    assert fmt.phone_uri("070-549 80 62") == "tel:+46705498062"
    assert fmt.phone_international("08-123 45 67") == "+46 8 123 45 67"
    assert fmt.format_phone("070-549 80 62", "sv") == f"070-549{NBSP}80{NBSP}62"
    assert fmt.format_phone("070-549 80 62", "en") == f"+46{NBSP}70{NBSP}549{NBSP}80{NBSP}62"


def test_rates_are_exact_basis_points():
    # 0.29 * 100 is 28.999999999999996 in binary floating point; the site never sees that.
    assert fmt.rate_basis_points(0.29) == 29
    assert fmt.rate_basis_points(62.55) == 6255
    assert fmt.rate_basis_points(75) == 7500


def test_lists_join_in_each_language():
    assert fmt.format_list(["a", "b", "c"], "sv") == "a, b och c"
    assert fmt.format_list(["a", "b", "c"], "en", style="or") == "a, b or c"


def test_markup_in_data_is_escaped():
    pair = {"sv": '<script>alert("x")</script>', "en": "<b>bold</b>"}
    assert str(view.text(pair, "sv")) == "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"
    assert "<b>" not in str(view.text(pair, "en"))
    link = view.named_link({"name": pair, "url": 'https://x.se/"onmouseover="alert(1)'}, "sv")
    assert 'href="https://x.se/&#34;onmouseover=&#34;alert(1)"' in str(link)


def test_swedish_kept_in_english_is_marked_swedish():
    assert str(view.text({"sv": "Min ansökan", "en": "Min ansökan"}, "en")) == '<span lang="sv">Min ansökan</span>'
    assert str(view.text({"sv": "Min ansökan", "en": "Min ansökan"}, "sv")) == "Min ansökan"
    assert str(view.swedish("Kompetensförsörjning alla aktörer", "en")).startswith('<span lang="sv">')


def test_a_link_without_a_target_is_just_the_name():
    assert str(view.named_link({"name": {"sv": "riktlinjer", "en": "guidelines"}}, "en")) == "guidelines"


def test_window_runs_through_the_whole_closing_day_in_stockholm():
    opens, closes = view.window_instants({"time_zone": "Europe/Stockholm", "opens": "2019-01-15", "closes": "2019-03-31"})
    assert opens.isoformat() == "2019-01-15T00:00:00+01:00"
    # Sweden moved to summer time at 02.00 on 31 March 2019: the day ended at 24.00 CEST.
    assert closes.isoformat() == "2019-04-01T00:00:00+02:00"


def test_facts_for_each_language(call):
    sv, en = view.facts(call, "sv"), view.facts(call, "en")
    assert sv["max_support"] == fmt.format_money(call["funding"]["max_support_sek"], "sv")
    assert en["closes"] == f'<time datetime="{call["window"]["closes"]}">{fmt.format_date(call["window"]["closes"], "en")}</time>'
    assert en["contact_phone"].startswith('<a href="tel:+46')


def test_the_readme_lists_every_name_a_page_may_use(call):
    import datetime as dt

    from conftest import REPO
    from macros.context import page_context
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    names = page_context(call, "sv", None, dt.datetime.now(dt.timezone.utc))
    for fact in view.facts(call, "sv"):
        assert f"`call.{fact}`" in readme, fact
    for name, value in names.items():
        if callable(value):
            assert f"`{name}(" in readme, name
