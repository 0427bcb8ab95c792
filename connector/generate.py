#!/usr/bin/env python3
"""Regenerates the Swagger 2.0 connector definition from the OpenAPI 3.1 document the app serves."""
import json, copy, re
import sys
# Usage: python3 connector/generate.py SERVED_OPENAPI_JSON
#   SERVED_OPENAPI_JSON: the app's document, e.g. `curl -s localhost:8080/api/q/openapi?format=json > /tmp/openapi.json`
#   (./mvnw -Plocal quarkus:dev). Rewrites connector/apiDefinition.swagger.json; ConnectorDefinitionTest keeps them equal.
oas = json.load(open(sys.argv[1]))
REF3 = '#/components/schemas/'
def schema2(s):
    if isinstance(s, dict):
        if '$ref' in s:
            out = {'$ref': s['$ref'].replace(REF3, '#/definitions/')}
            return out
        out = {}
        for k, v in s.items():
            if k == 'examples':
                out['example'] = v[0]
            elif k in ('properties',):
                out[k] = {pk: schema2(pv) for pk, pv in v.items()}
            elif k in ('items', 'additionalProperties'):
                out[k] = schema2(v) if isinstance(v, dict) else v
            else:
                out[k] = v
        return out
    return s

summaries = {
 'vmId': 'VM id', 'failoverDirection': 'Failover direction', 'primaryRegion': 'Primary region',
 'targetResourceGroupId': 'Target resource group id', 'targetStorageAccountId': 'Target storage account id',
 'cacheStorageAccountId': 'Cache storage account id', 'availabilitySetId': 'Availability set id',
 'replicationPolicy': 'Replication policy', 'recoveryPointRetentionInHours': 'Recovery point retention (hours)',
 'crashConsistentFrequencyInMinutes': 'Crash-consistent frequency (minutes)',
 'appConsistentFrequencyInMinutes': 'App-consistent frequency (minutes)',
 'id': 'Job id', 'state': 'State', 'cancelRequested': 'Cancel requested', 'progress': 'Progress', 'tasks': 'Tasks',
 'outputs': 'Outputs', 'createdAt': 'Created at', 'updatedAt': 'Updated at',
}
defs = {}
for name, s in oas['components']['schemas'].items():
    d = schema2(s)
    if name in ('ReprotectRequest', 'ReplicationPolicy', 'Job'):
        for pk, pv in d.get('properties', {}).items():
            if pk in summaries and '$ref' not in pv:
                pv['x-ms-summary'] = summaries[pk]
    if name == 'ReprotectRequest':
        for pk in ('targetResourceGroupId', 'targetStorageAccountId', 'cacheStorageAccountId', 'availabilitySetId', 'replicationPolicy'):
            if pk in d['properties'] and '$ref' not in d['properties'][pk]:
                d['properties'][pk]['x-ms-visibility'] = 'advanced'
    defs[name] = d

visibility = {'Reprotect': 'important', 'GetJob': None, 'GetJobResult': 'internal', 'CancelJob': None, 'ResumeJob': 'advanced'}
lro = {'Reprotect', 'CancelJob', 'ResumeJob'}
paths = {}
for path, item in oas['paths'].items():
    p2 = path[len('/api'):]
    paths[p2] = {}
    for method, op in item.items():
        o = {'tags': op.get('tags', []), 'summary': op.get('summary', op['operationId']), 'description': op.get('description', op.get('summary', '')), 'operationId': op['operationId']}
        if visibility.get(op['operationId']):
            o['x-ms-visibility'] = visibility[op['operationId']]
        params = []
        for prm in op.get('parameters', []):
            q = {'name': prm['name'], 'in': prm['in'], 'required': prm.get('required', False), 'type': prm['schema']['type']}
            q['description'] = prm.get('description', '')
            q['x-ms-summary'] = {'id': 'Id', 'Idempotency-Key': 'Idempotency key'}.get(
                prm['name'], re.sub(r'([a-z])([A-Z])', r'\1 \2', prm['name'].lstrip('$')).capitalize())
            if 'enum' in prm['schema']:
                q['enum'] = prm['schema']['enum']
            if prm['name'] == 'Idempotency-Key':
                q['x-ms-visibility'] = 'advanced'
            params.append(q)
        if 'requestBody' in op:
            rb = op['requestBody']
            params.append({'name': 'body', 'in': 'body', 'required': rb.get('required', False),
                           'schema': schema2(rb['content']['application/json']['schema'])})
        if 'requestBody' in op:
            o['consumes'] = list(op['requestBody']['content'].keys())
        produces = []
        responses = {}
        for code, r in op['responses'].items():
            r2 = {'description': r['description']}
            if 'content' in r:
                mt, c = next(iter(r['content'].items()))
                for m in r['content']:
                    if m not in produces: produces.append(m)
                r2['schema'] = schema2(c['schema'])
            if 'headers' in r:
                r2['headers'] = {h: {'type': hv['schema']['type'], 'description': hv.get('description', '')} for h, hv in r['headers'].items()}
            responses[code] = r2
        o['produces'] = produces
        o['parameters'] = params
        o['responses'] = responses
        if op['operationId'] in lro or (method in ('post', 'delete') and '202' in op['responses']):
            o['x-ms-long-running-operation'] = True
            o['x-ms-long-running-operation-options'] = {'final-state-via': 'location'}
        paths[p2][method] = o

sw = {
  'swagger': '2.0',
  'info': {'title': oas['info']['title'], 'description': oas['info']['description'], 'version': oas['info']['version'],
           'contact': {'name': 'vm-reprotect', 'url': 'https://github.com/vm-reprotect/vm-reprotect'}},
  'host': 'func-reprotect.azurewebsites.net',
  'basePath': '/api',
  'schemes': ['https'],
  'consumes': ['application/json'],
  'produces': ['application/json', 'application/problem+json'],
  'paths': paths,
  'definitions': defs,
  'parameters': {},
  'responses': {},
  'securityDefinitions': {'functionKey': {'type': 'apiKey', 'in': 'header', 'name': 'x-functions-key',
                                          'description': oas['components']['securitySchemes']['functionKey']['description']}},
  'security': [{'functionKey': []}],
  'tags': oas['tags'],
  'x-ms-connector-metadata': [
    {'propertyName': 'Website', 'propertyValue': 'https://github.com/vm-reprotect/vm-reprotect'},
    {'propertyName': 'Categories', 'propertyValue': 'IT Operations'}
  ]
}
out = __import__('os').path.join(__import__('os').path.dirname(__file__), 'apiDefinition.swagger.json')
json.dump(sw, open(out, 'w'), indent=2)
open(out, 'a').write('\n')
