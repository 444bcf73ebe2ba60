"""deploy/nginx.conf, run by Debian's nginx on 127.0.0.1: headers, compression, caching, pages."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request

import pytest

from conftest import loaded
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
    for path, lang in (("/", "sv"), ("/en/", "en"), ("/en/who-can-apply.html", "en")):
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
