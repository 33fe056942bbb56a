#!/usr/bin/env node
// ajv_validate.js - benchmark peer: ajv, the usual choice in JavaScript.
//
//   node bench/ajv_validate.js [--multi] [--pointer /$defs/session] SCHEMA FILE
//
// Loads the schema with the ajv class its "$schema" names (draft 2020-12:
// ajv/dist/2020; draft-04: ajv-draft-04; otherwise ajv's default draft-07),
// with ajv-formats for "format", compiles it, reads the whole input,
// JSON.parse()s it and validates.  --multi takes one value per line
// (NDJSON); --pointer makes a subschema the root (the schema keeps its
// definitions and gets {"$ref": "#<pointer>"} as its root).
// Packages: npm install --prefix bench (bench/package.json pins them).
//
// Prints nothing and exits 0 when valid; one line and exit 1 when not;
// exit 2 on usage, I/O or schema errors.
'use strict';

const fs = require('fs');
const path = require('path');

function load(mod) {
  // bench/node_modules first, so that running from anywhere works.
  try {
    return require(path.join(__dirname, 'node_modules', mod));
  } catch (e) {
    return require(mod);
  }
}

function usage() {
  process.stderr.write('usage: ajv_validate.js [--multi] [--pointer P] SCHEMA FILE\n');
  process.exit(2);
}

let multi = false;
let pointer = null;
const args = process.argv.slice(2);
while (args.length && args[0].startsWith('--')) {
  const a = args.shift();
  if (a === '--multi') multi = true;
  else if (a === '--pointer' && args.length) pointer = args.shift();
  else usage();
}
if (args.length !== 2) usage();
const [schemaPath, inputPath] = args;

let schema;
try {
  schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
} catch (e) {
  process.stderr.write(`ajv_validate: ${schemaPath}: ${e.message}\n`);
  process.exit(2);
}
if (pointer) {
  const root = { $ref: '#' + pointer };
  for (const k of ['$schema', '$id', 'id', '$defs', 'definitions']) {
    if (k in schema) root[k] = schema[k];
  }
  schema = root;
}

const draft = String(schema.$schema || '');
let Ajv;
if (draft.includes('2020-12')) Ajv = load('ajv/dist/2020');
else if (draft.includes('draft-04')) Ajv = load('ajv-draft-04');
else Ajv = load('ajv');
Ajv = Ajv.default || Ajv;
const addFormats = load('ajv-formats');

let validate;
try {
  // strict: false - the exported schema may carry evidence annotations that
  // ajv's strict mode would reject as unknown keywords.
  const ajv = new Ajv({ strict: false, allErrors: false });
  (addFormats.default || addFormats)(ajv);
  validate = ajv.compile(schema);
} catch (e) {
  process.stderr.write(`ajv_validate: ${schemaPath}: ${e.message}\n`);
  process.exit(2);
}

let text;
try {
  text = fs.readFileSync(inputPath, 'utf8');
} catch (e) {
  process.stderr.write(`ajv_validate: ${inputPath}: ${e.message}\n`);
  process.exit(2);
}

function check(json, doc) {
  let value;
  try {
    value = JSON.parse(json);
  } catch (e) {
    process.stdout.write(`document ${doc}: invalid JSON: ${e.message}\n`);
    return false;
  }
  if (!validate(value)) {
    const e = validate.errors[0];
    process.stdout.write(`document ${doc}: ${e.instancePath || '/'}: ${e.message} (${e.schemaPath})\n`);
    return false;
  }
  return true;
}

let ok = true;
if (multi) {
  let doc = 0;
  let start = 0;
  while (ok && start < text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    const line = text.slice(start, nl);
    if (line.trim() !== '') ok = check(line, doc++);
    start = nl + 1;
  }
} else {
  ok = check(text, 0);
}
process.exit(ok ? 0 : 1);
