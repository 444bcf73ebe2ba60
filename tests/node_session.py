"""One node process for many scripts, with the site's scripts loaded (tests/test_tools.py, tests/test_calculator.py)."""

from __future__ import annotations

import json
import subprocess

from conftest import REPO


class NodeSession:
    """One node process with the site's scripts loaded, running each script as a function of its input: starting
    node anew for each of the hundreds of examples the properties below generate was most of their time."""

    LOOP = f"""const path = require("path"); const root = {json.dumps(str(REPO))};
    const format = require(path.join(root, "overrides/assets/javascripts/call-format.js"));
    const status = require(path.join(root, "overrides/tools/status/status.js"));
    const calculator = require(path.join(root, "overrides/tools/calculator/calculator.js"));
    const eligibility = require(path.join(root, "overrides/tools/eligibility/eligibility.js"));
    require("readline").createInterface({{input: process.stdin}}).on("line", line => {{
      const {{script, input}} = JSON.parse(line); let written = null;
      const own = {{stdout: {{write: text => {{ written = text; }}}}}};
      try {{
        new Function("input", "process", "format", "status", "calculator", "eligibility", script)(
          input, own, format, status, calculator, eligibility);
        process.stdout.write(JSON.stringify({{written}}) + "\\n");
      }} catch (error) {{ process.stdout.write(JSON.stringify({{error: String(error && error.stack || error)}}) + "\\n"); }}
    }});"""

    def __init__(self):
        self.process = None

    def run(self, script: str, payload):
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen(["node", "-e", self.LOOP], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.process.stdin.write(json.dumps({"script": script, "input": payload}) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline())
        assert "error" not in answer, answer["error"]
        return json.loads(answer["written"])

    def close(self):
        if self.process is not None:
            self.process.stdin.close()
            self.process.wait(timeout=10)
