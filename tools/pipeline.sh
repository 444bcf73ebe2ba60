#!/usr/bin/env bash
# The hosted pipelines' one script (.github/workflows/site.yml, .gitlab-ci.yml), in steps that run in separate jobs
# so that no job that builds (and so reads the call's data and pages) ever has a key or a token:
#   bash tools/pipeline.sh build     the gate and the build (`make site`: what `make check --strict`
#                                    refuses is never built), into site/
#   bash tools/pipeline.sh publish   the built site/ to PUBLISH_TO as a new release, with the same atomic
#                                    switch as `make publish` (server:/var/www/utlysning over ssh, or a folder)
#   bash tools/pipeline.sh preview   a branch's preview (`make branch-preview`: what stops its publication listed
#                                    on its pages) into site/, and what to announce into preview-status.json;
#                                    exits with 1 while the change cannot be published as it is
#   bash tools/pipeline.sh announce  the preview to PREVIEW_TO/<branch>/ when set, then its address as the
#                                    commit's status, which the hosted editor shows (tools/preview_status.py)
# With no step, build and publish, one after the other (a machine of your own, where no key is involved).
# tests/test_publish.py and tests/test_hosted_preview.py run this script.
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
  preview) make branch-preview ;;
  announce)
    if [ -n "${PREVIEW_TO:-}" ]; then
      python3 -m tools.preview_status preview-status.json --dotenv preview.env
      folder="$(sed -n 's/^PREVIEW_FOLDER=//p' preview.env)"
      TO="${PREVIEW_TO%/}/$folder" make release
    fi
    python3 -m tools.preview_status preview-status.json
    ;;
esac
case "$step" in
  build|publish|all|preview|announce) ;;
  *) echo "usage: bash tools/pipeline.sh [build|publish|preview|announce]" >&2; exit 2 ;;
esac
