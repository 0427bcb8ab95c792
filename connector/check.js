#!/usr/bin/env node
// Checks connector/apiDefinition.swagger.json the way a Logic Apps / Power Platform user meets it:
// 1. a valid Swagger 2.0 document (@apidevtools/swagger-parser: the Swagger 2.0 JSON schema, $refs, unique
//    operationIds, path parameters);
// 2. the connector rules: only x-ms- extensions the Power Platform connector schema allows
//    (PowerPlatformConnectors, schemas/apiDefinition.swagger.schema.json); no AutoRest long-running
//    extensions (Logic Apps runs 202 + Location by itself); descriptions that say more than the summary;
//    described parameters; a job-starting action's 200 is the Job its polling ends with; every GET declares
//    a 200 with a schema; lists are pageable with nextLink and use one paging convention ($top/$skipToken);
//    the key travels as ?code= (the Location of a 202 carries it only then).
// Usage: node connector/check.js [file]   Exit 1 and one line per finding when a rule fails.
'use strict';
const fs = require('fs');
const path = require('path');
const SwaggerParser = require('@apidevtools/swagger-parser');

const FILE = process.argv[2] || path.join(__dirname, 'apiDefinition.swagger.json');
/** The x-ms- extensions the Power Platform connector schema names. */
const ALLOWED_EXTENSIONS = new Set(['x-ms-summary', 'x-ms-visibility', 'x-ms-test-value', 'x-ms-dynamic-values',
  'x-ms-dynamic-list', 'x-ms-enum-values', 'x-ms-trigger-value', 'x-ms-url-encoding', 'x-ms-notification-url',
  'x-ms-trigger-metadata', 'x-ms-trigger-hint', 'x-ms-trigger', 'x-ms-safe-operation', 'x-ms-pageable',
  'x-ms-operation-context', 'x-ms-notification-content', 'x-ms-notification', 'x-ms-no-generic-test',
  'x-ms-media-kind', 'x-ms-dynamic-schema', 'x-ms-dynamic-properties', 'x-ms-dynamic-tree', 'x-ms-docs',
  'x-ms-deployment-version', 'x-ms-connector-metadata', 'x-ms-capabilities', 'x-ms-api-annotation',
  'x-ms-enum', 'x-ms-parameter-location', 'x-ms-skip-url-encoding']);
/** Definitions a designer user reads: each of their properties must say what it is. */
const DESCRIBED_DEFINITIONS = ['Job', 'JobError', 'TaskView', 'Progress', 'JobListView', 'ProtectedItemView',
  'ProtectedItemPage', 'RecoveryPoint', 'RecoveryPointList', 'FailoverStatusView', 'HealthError', 'RpoSample',
  'ReprotectRequest', 'ReplicationPolicy'];
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

const findings = [];
const fail = (where, what) => findings.push(`${where}: ${what}`);

function extensions(node, where) {
  if (Array.isArray(node)) {
    node.forEach((v, i) => extensions(v, `${where}/${i}`));
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-ms-') && !ALLOWED_EXTENSIONS.has(key)) {
        fail(`${where}/${key}`, 'not an extension of the Power Platform connector schema');
      }
      // examples and enums hold data, not extensions
      if (key !== 'example' && key !== 'enum') extensions(value, `${where}/${key}`);
    }
  }
}

function ref(schema) {
  return schema && schema.$ref ? schema.$ref.replace('#/definitions/', '') : null;
}

function operations(doc) {
  const ops = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const m of METHODS) if (item[m]) ops.push({ where: `${m.toUpperCase()} ${p}`, method: m, op: item[m] });
  }
  return ops;
}

function rules(doc) {
  extensions(doc, '#');
  const security = Object.values(doc.securityDefinitions || {});
  if (security.length !== 1 || security[0].type !== 'apiKey' || security[0].in !== 'query' || security[0].name !== 'code') {
    fail('securityDefinitions', 'the function key must be one apiKey in query named code');
  }
  for (const { where, method, op } of operations(doc)) {
    const id = op.operationId || where;
    if (!op.summary) fail(id, 'no summary');
    if (!op.description) fail(id, 'no description');
    else if (op.description.trim() === (op.summary || '').trim()) fail(id, 'description only repeats the summary');
    for (const p of op.parameters || []) {
      if (!p.description) fail(`${id} parameter ${p.name}`, 'no description');
      if (p.in !== 'body' && !p['x-ms-summary']) fail(`${id} parameter ${p.name}`, 'no x-ms-summary');
      if (['pageSize', 'continuationToken'].includes(p.name)) fail(`${id} parameter ${p.name}`, 'page with $top and $skipToken');
      if (p.name === 'whatIf' && op.responses['202']) fail(id, 'what-if does not belong in a job-starting action');
    }
    const ok = op.responses['200'];
    if (op.responses['202'] && (!ok || ref(ok.schema) !== 'Job')) {
      fail(id, 'starts a job (202): its 200 must be the Job its polling ends with');
    }
    if (method === 'get' && (!ok || !ok.schema)) fail(id, 'a read must declare its 200 with a schema');
    const page = ok && ref(ok.schema) && doc.definitions[ref(ok.schema)];
    const paged = page && page.properties && page.properties.nextLink && page.properties.value;
    if (paged && (!op['x-ms-pageable'] || op['x-ms-pageable'].nextLinkName !== 'nextLink')) {
      fail(id, 'a list with nextLink must be x-ms-pageable with nextLinkName nextLink');
    }
  }
  for (const name of DESCRIBED_DEFINITIONS) {
    const def = doc.definitions[name];
    if (!def) { fail(`definitions/${name}`, 'missing'); continue; }
    for (const [prop, schema] of Object.entries(def.properties || {})) {
      if (!schema.description && !schema.$ref) fail(`definitions/${name}/${prop}`, 'no description');
    }
  }
}

(async () => {
  const text = fs.readFileSync(FILE, 'utf8');
  try {
    await SwaggerParser.validate(JSON.parse(text));
  } catch (e) {
    fail(FILE, `not valid Swagger 2.0: ${e.message}`);
  }
  rules(JSON.parse(text));
  if (findings.length) {
    findings.forEach(f => console.error(f));
    console.error(`${FILE}: ${findings.length} connector rule(s) broken`);
    process.exit(1);
  }
  console.log(`${path.relative(process.cwd(), FILE)}: valid Swagger 2.0 and every connector rule holds`);
})();
