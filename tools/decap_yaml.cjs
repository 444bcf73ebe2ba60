// Writes a YAML file exactly as the browser editor (Decap CMS) writes it, so that the data files are
// kept in that form and a save in the editor changes only the lines of the field it changed.
// It is decap-cms-core's YAML formatter (src/formats/yaml.ts: toFile) with the yaml 1.x it bundles:
// the top-level keys in the order of the editor's fields, everything else as the data has it.
//
//   node tools/decap_yaml.cjs FILE [KEY,KEY,...]    prints FILE in the editor's form
'use strict';
const fs = require('fs');
const path = require('path');

const yamlPath = require.resolve('yaml', { paths: [path.dirname(require.resolve('decap-cms-core/package.json'))] });
const yaml = require(yamlPath);

function fromFile(content) {
  if (content && content.trim().endsWith('---')) content = content.trim().slice(0, -3);
  const doc = yaml.parseDocument(content, { prettyErrors: true });
  if (doc.errors.length > 0) throw new Error(doc.errors.map(e => e.message).join('\n'));
  return doc.toJSON();
}

function toFile(data, sortedKeys) {
  const contents = yaml.createNode(data);
  const order = key => sortedKeys.indexOf(key);
  contents.items.sort((a, b) => {
    const ia = order(a.key && a.key.toString()), ib = order(b.key && b.key.toString());
    if (ia === -1 || ib === -1) return 0;
    return ia > ib ? 1 : ia < ib ? -1 : 0;
  });
  const doc = new yaml.Document();
  doc.contents = contents;
  let text = doc.toString();
  if (text.slice(-1) !== '\n') text += '\n';
  return text;
}

const [file, keys] = process.argv.slice(2);
process.stdout.write(toFile(fromFile(fs.readFileSync(file, 'utf8')), keys ? keys.split(',') : []));
