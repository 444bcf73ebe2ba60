#!/usr/bin/env bash
# The hosted pipelines' one script (.github/workflows/site.yml, .gitlab-ci.yml): on every push,
# the gate and the build (`make site`: what `make check --strict` refuses is never built); then,
# when PUBLISH_TO is set (the pipelines set it on the main branch only), the built site is
# published there as a new release with the same atomic switch as `make publish`
# (PUBLISH_TO=server:/var/www/utlysning over ssh, or a local folder).
# tests/test_publish.py runs this script.
set -euo pipefail
cd "$(dirname "$0")/.."
make site
if [ -n "${PUBLISH_TO:-}" ]; then
  TO="$PUBLISH_TO" make release
fi
