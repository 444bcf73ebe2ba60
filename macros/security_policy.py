"""The Content-Security-Policy every page carries (overrides/main.html writes it first in <head>).

Only the site's own scripts run: no inline script, no other host. A meta tag cannot carry
frame-ancestors; deploy/nginx.conf sends the same policy as a header with it.
"""

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)
