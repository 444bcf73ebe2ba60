"""deploy/nginx.conf, run by Debian's nginx on 127.0.0.1: headers, compression, caching, pages."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from conftest import REPO
from macros import load_strings


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def nginx(site, tmp_path_factory):
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(binary):
        pytest.fail("nginx is missing: run `make test` as root, or `sudo apt-get install -y nginx`")
    work = tmp_path_factory.mktemp("nginx")
    port = free_port()
    served = REPO.joinpath("deploy", "nginx.conf").read_text(encoding="utf-8")
    served = re.sub(r"^\s*listen\s+80;", f"    listen 127.0.0.1:{port};", served, count=1, flags=re.M)
    served = re.sub(r"^\s*root\s+[^;]+;", f"    root {site};", served, count=1, flags=re.M)
    (work / "site.conf").write_text(served, encoding="utf-8")
    user = "user root;" if os.geteuid() == 0 else ""
    (work / "nginx.conf").write_text(f"""{user}
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    include {work}/site.conf;
}}
""", encoding="utf-8")
    process = subprocess.Popen([binary, "-p", str(work), "-c", str(work / "nginx.conf"), "-g", "daemon off;"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    origin = f"http://127.0.0.1:{port}"
    for _ in range(50):
        try:
            urllib.request.urlopen(origin + "/", timeout=1)
            break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("nginx did not start: " + process.stderr.read().decode() + (work / "error.log").read_text())
    yield origin
    process.terminate()
    process.wait(timeout=10)


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
        assert all(load_strings(lang)["not_found_heading"] in body for lang in ("sv", "en"))
