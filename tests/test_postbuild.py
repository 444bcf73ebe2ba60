"""The post-build steps on their own: CSP hashes and the compaction of our own assets."""

from __future__ import annotations

import base64
import hashlib

from tools.postbuild import add_csp, compact, fix_material_markup


def test_compact_drops_only_comments_that_stand_alone():
    source = "/* a\n * b */\nvar x = 1; /* kept */\n  /* y */ foo();\n// gone\nvar s = \"// kept\";\n/* z */\nbar();\n"
    assert compact(source) == 'var x = 1; /* kept */\n/* y */ foo();\nvar s = "// kept";\nbar();\n'


def test_every_inline_script_gets_its_hash_and_the_policy_comes_first():
    body = "console.log(1)"
    html = f"<html><head><title>t</title></head><body><script>{body}</script><script src=a.js></script></body></html>"
    out = add_csp(html)
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    assert out.index("Content-Security-Policy") < out.index("<title>")
    assert f"'sha256-{digest}'" in out and "'unsafe-inline'" not in out.split("script-src")[1].split(";")[0]


def test_checkbox_toggles_lose_the_attribute_html_forbids():
    html = '<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off"><input type="text" autocomplete="off">'
    assert fix_material_markup(html) == '<input class="md-toggle" type="checkbox" id="__drawer"><input type="text" autocomplete="off">'
