// Reads {rule, plans: [...], parses: [[text, lang, kind]…]} on stdin and prints the results of
// overrides/assets/javascripts/calculator.js, the very file the calculator page loads.
const path = require("path");
const calc = require(path.join(__dirname, "..", "..", "overrides", "assets", "javascripts", "calculator.js"));
let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const { rule, plans = [], parses = [] } = JSON.parse(input);
  const results = plans.map((plan) => calc.compute({
    costs: plan.costs, public_cash: plan.public_cash, private_cash: plan.private_cash,
    inkind_premises: plan.inkind_premises,
    inkind_hours_scaled: BigInt(plan.inkind_hours_hundredths), inkind_rate_scaled: BigInt(plan.inkind_rate_hundredths),
  }, rule));
  const parsed = parses.map(([text, lang, kind]) => {
    const result = calc.parseAmount(text, lang, kind);
    return result.error ? { error: result.error } : { value: result.value, empty: !!result.empty };
  });
  const capBindsFrom = rule ? calc.capBindsFrom(rule) : null;
  process.stdout.write(JSON.stringify({ results, parsed, capBindsFrom }));
});
