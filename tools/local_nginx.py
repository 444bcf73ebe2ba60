"""Run Debian's nginx on 127.0.0.1 with deploy/nginx.conf, serving a built site.

Used by tests/test_hosting.py and tools/bench.py, so that both measure the
hosting recipe a funder would deploy, not a stand-in.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class NginxError(Exception):
    pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def write_config(site: Path, work: Path, port: int, tls_port: int | None = None) -> Path:
    """deploy/nginx.conf with only its listen address, its roots (the site's, the certificate renewal's)
    changed, and with tls_port, TLS on that port with a certificate made here, in a minimal main config."""
    served = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    listen = f"    listen 127.0.0.1:{port};"
    if tls_port:
        certificate = self_signed(work)
        listen += (f"\n    listen 127.0.0.1:{tls_port} ssl;\n    ssl_certificate {certificate}.crt;\n"
                   f"    ssl_certificate_key {certificate}.key;")
    served = re.sub(r"^\s*listen\s+80;", listen, served, count=1, flags=re.M)
    served = re.sub(r"^\s*root\s+[^;]+;", f"    root {site};", served, count=1, flags=re.M)
    served = served.replace("root /var/www/acme;", f"root {work / 'acme'};")
    (work / "site.conf").write_text(served, encoding="utf-8")
    temp_paths = "\n".join(f"    {kind}_temp_path {work}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    main = work / "nginx.conf"
    main.write_text(f"""{"user root;" if os.geteuid() == 0 else ""}
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
{temp_paths}
    include {work}/site.conf;
}}
""", encoding="utf-8")
    return main


def self_signed(work: Path) -> Path:
    """A certificate for 127.0.0.1 made with openssl, for a test of what is sent over TLS: its path without suffix."""
    base = work / "localhost"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-keyout", f"{base}.key", "-out", f"{base}.crt"], check=True, capture_output=True)
    return base


class LocalNginx:
    """`with LocalNginx(site, work, port) as origin:` serves site at http://127.0.0.1:port."""

    def __init__(self, site: Path, work: Path, port: int | None = None, tls_port: int | None = None):
        self.site, self.work, self.port, self.tls_port = site, work, port or free_port(), tls_port
        self.origin = f"http://127.0.0.1:{self.port}"
        self.process = None

    def __enter__(self) -> str:
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        if not os.path.exists(binary):
            raise NginxError("nginx is missing: run `make test` as root, or `sudo apt-get install -y nginx`")
        self.work.mkdir(parents=True, exist_ok=True)
        config = write_config(self.site, self.work, self.port, self.tls_port)
        self.process = subprocess.Popen([binary, "-p", str(self.work), "-c", str(config), "-g", "daemon off;"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for _ in range(50):
            try:
                urllib.request.urlopen(self.origin + "/", timeout=1)
                return self.origin
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        self.process.kill()
        raise NginxError("nginx did not start: " + (self.work / "error.log").read_text(errors="replace"))

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
