"""The post-build steps on their own: the check for scripts the site did not write, the policy, the
compaction of our own assets, and the escaping of the XML written by hand."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.security_policy import POLICY
from tools.postbuild import compact, fix_material_markup
from tools.published_markup import page_problems

SITE_FILES = {"assets/javascripts/x.js", "en/tools/calculator/calculator.js"}


def test_compact_drops_only_comments_that_stand_alone():
    source = "/* a\n * b */\nvar x = 1; /* kept */\n  /* y */ foo();\n// gone\nvar s = \"// kept\";\n/* z */\nbar();\n"
    assert compact(source) == 'var x = 1; /* kept */\n/* y */ foo();\nvar s = "// kept";\nbar();\n'


def test_the_policy_trusts_the_sites_own_scripts_only():
    script_src = POLICY.split("script-src")[1].split(";")[0]
    assert script_src.strip() == "'self'"


def test_the_themes_policy_passes_once_and_no_other_policy_does():
    own = f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
    assert not page_problems(f"<html><head>{own}</head><body></body></html>", "en/page.html", SITE_FILES, "en/page.html")
    assert page_problems(f"<html><head>{own}</head><body>{own}</body></html>", "en/page.html", SITE_FILES, "en/page.html")
    weaker = own.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    assert page_problems(f"<html><head>{weaker}</head><body></body></html>", "en/page.html", SITE_FILES, "en/page.html")


@pytest.mark.parametrize("html", [
    "<script>alert(1)</script>",
    '<script type="text/javascript">alert(1)</script>',
    '<script id="calculator-data">alert(1)</script>',  # the right id, but code, not data
    '<script type="application/json" id="unknown">{}</script>',
    '<script src="https://evil.example/x.js"></script>',
    '<script src="//evil.example/x.js"></script>',
    '<img src="x" onerror="alert(1)">',
    '<a href="#" ONCLICK="alert(1)">x</a>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href=" JavaScript:alert(1)">x</a>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<svg><a xlink:href="javascript:alert(1)">x</a></svg>',
    '<form action="javascript:alert(1)"></form>',
    '<div style="x" onmouseover="alert(1)">x</div>',
    '<svg/onload=alert(1)>', '<svg><set attributeName="href" to="x"/></svg>', '<meta http-equiv="refresh" content="0;url=https://e.example">',
    '<meta name="referrer" content="unsafe-url">', '<base href="https://e.example/">', '<style>p::after{content:"x"}</style>',
    '<form action="https://e.example/collect"><input name=x></form>', '<object data="x.swf"></object>', '<embed src="x">',
    '<img src="https://tracker.example/p.png">', '<img src="data:image/svg+xml,<svg/onload=alert(1)>">',
    '<script src="../../outside.js"></script>', '<script src="assets/javascripts/missing.js"></script>',
    '<link rel="stylesheet" href="https://cdn.example/x.css">', '<p style="background:url(https://e.example/x)">x</p>',
    '<a href="&#106;avascript:alert(1)">x</a>', '<a href="java&#x09;script:alert(1)">x</a>',
])
def test_a_script_the_site_did_not_write_is_refused(html):
    assert page_problems(f"<html><body>{html}</body></html>", "en/page.html", SITE_FILES, "en/page.html")


def test_the_sites_own_data_and_scripts_pass():
    html = ('<script type="application/json" id="calculator-data">{"a":1}</script>'
            '<script type="application/ld+json" id="call-jsonld">{}</script>'
            '<script id="__config" type="application/json">{}</script>'
            '<script src="../assets/javascripts/x.js"></script><script src="tools/calculator/calculator.js"></script>'
            '<form class="md-search__form" name="search"></form><form class="calc" id="calculator"></form>'
            '<a href="https://example.se">x</a><p>onclick= is only text</p>')
    assert page_problems(html, "en/page.html", SITE_FILES, "en/page.html") == []


def test_checkbox_toggles_lose_the_attribute_html_forbids():
    html = '<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off"><input type="text" autocomplete="off">'
    assert fix_material_markup(html) == '<input class="md-toggle" type="checkbox" id="__drawer"><input type="text" autocomplete="off">'


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\t&<>\"'")))
def test_xml_text_and_attributes_read_back_as_written(text):
    """The feeds' and the sitemap's escaping (macros/xml_text.py): whatever the text, an XML parser reads back exactly it."""
    from xml.dom.minidom import parseString
    from macros.xml_text import escape, quoteattr
    element = parseString(f"<a b={quoteattr(text + chr(13))}>{escape(text)}</a>".encode("utf-8")).documentElement
    assert element.getAttribute("b") == text + "\r"
    assert "".join(node.data for node in element.childNodes) == text
