#!/usr/bin/env bash
# The hosted pipelines' one script (.github/workflows/site.yml, .gitlab-ci.yml), in two steps that run
# in separate jobs so that the build never has the deploy key in its environment or on its disk:
#   bash tools/pipeline.sh build     the gate and the build (`make site`: what `make check --strict`
#                                    refuses is never built), into site/
#   bash tools/pipeline.sh publish   the built site/ to PUBLISH_TO as a new release, with the same atomic
#                                    switch as `make publish` (server:/var/www/utlysning over ssh, or a folder)
# With no step, both, one after the other (a machine of your own, where no key is involved).
# tests/test_publish.py runs this script.
set -euo pipefail
cd "$(dirname "$0")/.."
step="${1:-all}"
case "$step" in
  build|all) make site ;;
esac
case "$step" in
  publish|all)
    if [ -n "${PUBLISH_TO:-}" ]; then
      TO="$PUBLISH_TO" make release
    fi
    ;;
esac
case "$step" in
  build|publish|all) ;;
  *) echo "usage: bash tools/pipeline.sh [build|publish]" >&2; exit 2 ;;
esac
