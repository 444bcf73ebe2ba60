"""Finish a staged build: steps that need every page of both languages written.

- The call as open data (call.json and call.schema.json, tools/open_data.py).
- One sitemap for both languages, with hreflang (tools/sitemap.py), and robots.txt.
- Swedish stemming in search, for prefix queries too.
- Our own CSS and JS without their comments (compact), as readers download them.
- One 404 page in both languages, the same at the root and under en/.
- Valid HTML where Material's own markup is not.
- Material's bundle loaded on first use of search, not on every first view.
- A Content-Security-Policy meta tag on every page. Material writes inline
  scripts whose text holds the page's relative base URL, so their hashes differ
  with the page's depth: each page gets the hashes of its own inline scripts.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from pathlib import Path

from tools.open_data import write_open_data
from tools.sitemap import write_sitemap

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S)

# A meta tag cannot carry frame-ancestors; deploy/nginx.conf sends it as a header.
POLICY = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)


def script_hashes(html: str) -> list[str]:
    hashes = []
    for body in INLINE_SCRIPT.findall(html):
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        token = f"'sha256-{digest}'"
        if token not in hashes:
            hashes.append(token)
    return hashes


def content_security_policy(html: str) -> str:
    return POLICY.format(hashes=" ".join(script_hashes(html))).replace("  ", " ")


def add_csp(html: str) -> str:
    """Put the page's policy first in <head>, before any script can run."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(html)}">'
    return re.sub(r"<head>", "<head>\n    " + meta, html, count=1)


def share_not_found_page(site: Path) -> None:
    """One bilingual 404 page for the whole site: the root's, also at en/404.html."""
    shutil.copyfile(site / "404.html", site / "en" / "404.html")


CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*type="checkbox"[^>]*?)\s+autocomplete="off"')


def fix_material_markup(html: str) -> str:
    """Material's base.html puts autocomplete on its two checkbox toggles, which HTML does
    not allow (Nu Html Checker error). They sit outside any block, so they are mended here
    rather than by copying all of base.html."""
    return CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)


MATERIAL_BUNDLE = re.compile(r'<script src="([^"]*assets/javascripts/)(bundle\.[0-9a-f]+\.min\.js)"></script>')


def defer_material_bundle(html: str) -> str:
    """Load Material's bundle on first use of search (see material-on-demand.js)."""
    return MATERIAL_BUNDLE.sub(r'<script src="\1material-on-demand.js" data-bundle="\1\2"></script>', html, count=1)


OWN_ASSETS = Path(__file__).resolve().parent.parent / "overrides" / "assets"
# A comment that fills its lines alone: "/*" first on a line, its own "*/" last on a line.
BLOCK_COMMENT = re.compile(r"^[ \t]*/\*(?:(?!\*/).)*\*/[ \t]*\n", re.S | re.M)
LINE_COMMENT = re.compile(r"^[ \t]*//[^\n]*\n", re.M)


def compact(source: str) -> str:
    """Our CSS and JS without comments that stand on lines of their own, and without
    indentation: what readers download. Conservative on purpose (no comment inside
    a line is touched), so it cannot change what the code does."""
    source = BLOCK_COMMENT.sub("", source)
    source = LINE_COMMENT.sub("", source)
    return "\n".join(line.strip() for line in source.splitlines() if line.strip()) + "\n"


def compact_own_assets(site: Path) -> None:
    for lang_root in [site] + [site / lang for lang in ("en",)]:
        for source in OWN_ASSETS.rglob("*"):
            if source.suffix in (".css", ".js"):
                built = lang_root / "assets" / source.relative_to(OWN_ASSETS)
                if built.exists():
                    built.write_text(compact(built.read_text(encoding="utf-8")), encoding="utf-8")


def add_prefix_stemming(site: Path) -> None:
    """Teach Material's search worker to stem prefix queries (see the script's header)."""
    patch = site / "assets" / "javascripts" / "lunr-prefix-stemming.js"
    support = site / "assets" / "javascripts" / "lunr" / "min" / "lunr.stemmer.support.min.js"
    support.write_text(support.read_text(encoding="utf-8") + "\n" + patch.read_text(encoding="utf-8"), encoding="utf-8")


def finish(site: Path, preview: bool = False) -> None:
    share_not_found_page(site)
    compact_own_assets(site)
    write_open_data(site)
    write_sitemap(site)
    add_prefix_stemming(site)
    if preview:
        return  # the preview's reload script is inline; see tools/serve.py
    for page in sorted(site.rglob("*.html")):
        html = defer_material_bundle(fix_material_markup(page.read_text(encoding="utf-8")))
        page.write_text(add_csp(html), encoding="utf-8")
