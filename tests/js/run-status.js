// Reads {window, moments: [ISO…]} on stdin, prints [{state, daysLeft, key}] computed by
// overrides/assets/javascripts/call-status.js, the very file the pages load.
const path = require("path");
const status = require(path.join(__dirname, "..", "..", "overrides", "assets", "javascripts", "call-status.js"));
let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const { window, moments } = JSON.parse(input);
  const results = moments.map((moment) => {
    const result = status.callStatus(window, new Date(moment));
    return { state: result.state, daysLeft: result.daysLeft, key: status.messageKey(result) };
  });
  process.stdout.write(JSON.stringify(results));
});
