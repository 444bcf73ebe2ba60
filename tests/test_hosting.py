"""deploy/nginx.conf, run by Debian's nginx on 127.0.0.1: headers, compression, caching, pages."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request

import pytest

from conftest import call_path, loaded
from tools.local_nginx import LocalNginx, NginxError


@pytest.fixture(scope="module")
def nginx(site, tmp_path_factory):
    try:
        with LocalNginx(site, tmp_path_factory.mktemp("nginx")) as origin:
            yield origin
    except NginxError as error:
        pytest.fail(str(error))


def get(url: str, gzip_ok: bool = True):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        response = urllib.request.urlopen(request, timeout=5)
    except urllib.error.HTTPError as error:
        response = error
    body = response.read()
    if response.headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return response.status, response.headers, body.decode("utf-8", "replace")


def test_security_headers_on_every_response(nginx, site):
    for path in ("/", "/en/funding.html", "/assets/site.css", "/no-such-page"):
        _status, headers, _body = get(nginx + path)
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"], path
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["X-Frame-Options"] == "DENY"
        assert "Server" not in headers or "/" not in headers["Server"]  # no version given away


def test_pages_in_both_languages_keep_their_meta_policy(nginx):
    for path, lang in (("/", "sv"), ("/en/", "en"), ("/" + call_path("en/who-can-apply.html"), "en")):
        status, headers, body = get(nginx + path)
        assert status == 200
        assert f'<html lang="{lang}"' in body
        assert 'http-equiv="Content-Security-Policy"' in body
        assert headers["Content-Type"].startswith("text/html")


def test_compression(nginx, site):
    bundle = next((site / "assets" / "javascripts").glob("bundle.*.min.js")).name
    for path in ("/", "/assets/site.css", f"/assets/javascripts/{bundle}", "/search/search_index.json"):
        _status, headers, _body = get(nginx + path)
        assert headers.get("Content-Encoding") == "gzip", path


def test_long_caching_for_fingerprinted_assets_short_for_the_rest(nginx, site):
    bundle = next((site / "assets" / "javascripts").glob("bundle.*.min.js")).name
    stylesheet = next((site / "assets" / "stylesheets").glob("main.*.min.css")).name
    for path in (f"/assets/javascripts/{bundle}", f"/assets/stylesheets/{stylesheet}"):
        assert "immutable" in get(nginx + path)[1]["Cache-Control"], path
    for path in ("/", "/en/index.html", "/assets/site.css", "/search/search_index.json"):
        assert get(nginx + path)[1]["Cache-Control"] == "no-cache", path


def test_a_missing_address_gets_the_bilingual_404_page(nginx):
    for path in ("/no-such-page", "/en/no-such-page", "/deep/er/path.html"):
        status, _headers, body = get(nginx + path)
        assert status == 404
        assert all(lang.strings["not_found_heading"] in body for lang in loaded().languages)


@pytest.fixture(scope="module")
def nginx_with_secrets(site, tmp_path_factory):
    """The site as a careless upload might leave it: a .git folder and an .env file beside the pages."""
    import shutil
    root = tmp_path_factory.mktemp("careless") / "site"
    shutil.copytree(site, root)
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[remote]\n", encoding="utf-8")
    (root / ".env").write_text("SECRET=1\n", encoding="utf-8")
    (root / "en" / ".hidden").write_text("x\n", encoding="utf-8")
    try:
        with LocalNginx(root, tmp_path_factory.mktemp("nginx-careless")) as origin:
            yield origin
    except NginxError as error:
        pytest.fail(str(error))


def test_no_dotfile_is_ever_served(nginx_with_secrets):
    for path in ("/.git/config", "/.env", "/en/.hidden", "/.git/", "/%2egit/config"):
        status, _headers, body = get(nginx_with_secrets + path)
        assert status == 404, path
        assert "SECRET" not in body and "[remote]" not in body


def test_calendar_files_and_feeds_have_their_types_and_are_compressed(nginx):
    slug = call_path("")[:-1]  # the reference call's place
    for path in (f"/{slug}/calendar/closes.ics", f"/en/{slug}/calendar/opens.ics"):
        _status, headers, body = get(nginx + path)
        assert headers["Content-Type"].startswith("text/calendar"), path
        assert headers.get("Content-Encoding") == "gzip" or len(body) < 256, path
        assert body.startswith("BEGIN:VCALENDAR")
    for path in ("/feed.xml", "/en/feed.xml"):
        _status, headers, body = get(nginx + path)
        assert headers["Content-Type"].startswith("application/atom+xml"), path
        assert headers.get("Content-Encoding") == "gzip", path
        assert "X-Frame-Options" in headers  # the security headers hold here too


def test_a_folder_without_an_index_gets_the_sites_404_page(nginx):
    for path in ("/assets/", "/calendar/", "/en/assets/javascripts/"):
        status, _headers, body = get(nginx + path)
        assert status == 404, path
        assert all(lang.strings["not_found_heading"] in body for lang in loaded().languages)
