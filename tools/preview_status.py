"""Announce a branch's preview to the hosted editor: a commit status named PREVIEW_CONTEXT whose link is the
preview, on the commit the editor saved; Decap's editorial workflow shows it as its preview link beside the change
(tools/editor_config.py names the status). The preview's build wrote what to say (tools/hosted_preview.py: the
address, whether the change can be published, the words); this only sends it, with the standard library alone,
from the pipeline's job that holds the token and nothing else of the project's.

    python3 -m tools.preview_status preview-status.json
    python3 -m tools.preview_status preview-status.json --dotenv preview.env    (GitLab: the environment's address)

On GitHub Actions with the job's GITHUB_TOKEN (permission `statuses: write`); on GitLab CI with a project access
token in PREVIEW_STATUS_TOKEN (scope `api`), as a job's own token cannot set a status. Without either it sends
nothing (exit 0): the preview is still the build's artifact. Prints the preview's address.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.parse
import urllib.request
from pathlib import Path

PREVIEW_CONTEXT = "deploy/forhandsvisning"


def status_request(status: dict, env: dict) -> urllib.request.Request | None:
    """The host's request that sets the status, or None where the pipeline has no token for it."""
    publishable = status["publishable"]
    if env.get("GITHUB_ACTIONS") and env.get("GITHUB_TOKEN"):
        api = env.get("GITHUB_API_URL", "https://api.github.com")
        body = {"state": "success" if publishable else "failure", "target_url": status["url"], "context": PREVIEW_CONTEXT,
                "description": status["description"][:140]}
        return urllib.request.Request(f"{api}/repos/{env['GITHUB_REPOSITORY']}/statuses/{status['sha']}", method="POST",
                                      data=json.dumps(body).encode("utf-8"),
                                      headers={"Authorization": f"Bearer {env['GITHUB_TOKEN']}",
                                               "Accept": "application/vnd.github+json", "Content-Type": "application/json"})
    if env.get("GITLAB_CI") and env.get("PREVIEW_STATUS_TOKEN"):
        query = urllib.parse.urlencode({"state": "success" if publishable else "failed", "target_url": status["url"],
                                        "name": PREVIEW_CONTEXT, "ref": status["branch"], "description": status["description"][:255]})
        return urllib.request.Request(f"{env['CI_API_V4_URL']}/projects/{env['CI_PROJECT_ID']}/statuses/{status['sha']}",
                                      method="POST", data=query.encode("utf-8"),
                                      headers={"PRIVATE-TOKEN": env["PREVIEW_STATUS_TOKEN"],
                                               "Content-Type": "application/x-www-form-urlencoded"})
    return None


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) == 3 and args[1] == "--dotenv":  # GitLab reads the environment's address from such a file
        status = json.loads(Path(args[0]).read_text(encoding="utf-8"))
        Path(args[2]).write_text(f"PREVIEW_ADDRESS={status['url']}\nPREVIEW_FOLDER={status['folder']}\n", encoding="utf-8")
        return 0
    if len(args) != 1:
        print("usage: python3 -m tools.preview_status preview-status.json [--dotenv FILE]", file=sys.stderr)
        return 2
    status = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    request = status_request(status, dict(os.environ))
    print(status["url"])
    if request is None:
        return 0
    try:
        with urllib.request.urlopen(request, timeout=30):
            return 0
    except OSError as error:
        print(error, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
