// Every tool's named examples (overrides/tools/<tool>/examples.yml), run on the very scripts the
// pages load. tests/test_tools.py runs `node --test` on this file inside `make test`, with the
// reference call's formats as the build writes them (CALL_FORMATS), and runs the same examples
// on the Python side.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const YAML = require("yaml");

const root = path.join(__dirname, "..", "..");
const tool = (name) => require(path.join(root, "overrides", "tools", name, `${name}.js`));
const examples = (name) => YAML.parse(fs.readFileSync(path.join(root, "overrides", "tools", name, "examples.yml"), "utf8"));
const format = require(path.join(root, "overrides", "assets", "javascripts", "call-format.js"));
const contracts = JSON.parse(fs.readFileSync(process.env.CALL_CONTRACTS, "utf8"));

test("status: every named moment", () => {
  const status = tool("status");
  for (const example of examples("status").examples) {
    const got = status.callStatus(contracts.status[example.name], new Date(example.moment));
    assert.equal(got.state, example.state, example.name);
    assert.equal(got.daysLeft, example.days, example.name);
    assert.equal(status.messageKey(got), example.key, example.name);
  }
});

test("calculator: every named plan", () => {
  const calculator = tool("calculator");
  for (const example of examples("calculator").plans) {
    const plan = Object.assign({}, example.plan, {
      inkind_hours_scaled: BigInt(example.plan.inkind_hours_hundredths), inkind_rate_scaled: BigInt(example.plan.inkind_rate_hundredths) });
    const got = calculator.compute(plan, example.rule);
    for (const key of Object.keys(example.expected)) assert.deepEqual(got[key], example.expected[key], `${example.name}: ${key}`);
  }
});

test("calculator: every named typed or linked value", () => {
  for (const example of examples("calculator").values) {
    const got = example.source === "address"
      ? format.parseParam(example.text, example.field, 40)
      : format.parseTyped(example.text, contracts.formats[example.format], example.field, 40);
    if (example.expected.error) assert.equal(got.error, example.expected.error, example.name);
    else assert.equal(got.value, example.expected.value, example.name);
  }
});

test("eligibility: every named answer", () => {
  const eligibility = tool("eligibility");
  const data = examples("eligibility");
  for (const example of data.examples) {
    const got = eligibility.assess(example.answers, data.rules, 20);
    assert.equal(got.overall, example.overall, example.name);
    assert.deepEqual(got.points.map((p) => [p.topic, p.verdict]), example.points, example.name);
  }
});

test("checklist: every named address", () => {
  const checklist = tool("checklist");
  for (const example of examples("checklist").examples) {
    const done = checklist.parseDone(example.search, example.known);
    assert.deepEqual(done, example.done, example.name);
    assert.equal(checklist.writeDone(done), example.written, example.name);
  }
});

test("an address of pathological length is refused at once", () => {
  const field = { kind: "money", max: 10000000000, decimals: 0 };
  const long = "1" + " ".repeat(100000) + "x";
  assert.equal(format.parseParam(long, field, 40).error, "not_a_number");
  assert.equal(format.parseTyped(long, contracts.formats.sv, field, 40).error, "not_a_number");
  assert.equal(tool("eligibility").parseMonths(long, 20).error, "months");
});
