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
# Property descriptions for the designer, where the served schemas carry none.
PROPERTY_DESCRIPTIONS = {
 'Job': {'id': 'Job id', 'workflow': 'What the job does: reprotect, replication-cycle, disable-protection, failover, ...',
         'vmId': 'Resource id of the VM the job works on', 'cancelRequested': 'Whether a cancel was asked for',
         'tasks': 'The stages of the job, in order, with their state'},
 'JobError': {'code': 'Error code, stable for automation', 'message': 'What went wrong',
              'possibleCauses': 'Why it may have happened', 'recommendedAction': 'What to do about it'},
 'TaskView': {'name': 'Stage name', 'friendlyName': 'Stage name for people', 'attempts': 'Runs of the stage so far',
              'errors': 'Errors of the stage, newest last'},
 'Progress': {'percent': 'Share of the job done, 0-100', 'currentTask': 'The stage running now'},
 'JobListView': {'value': 'The jobs of this page, newest first'},
 'ProtectedItemView': {
   'id': 'Protected item id', 'vmId': 'Resource id of the protected VM',
   'lifecycleState': 'Where the item stands in its lifecycle, e.g. Protected, FailedOverPendingCommit or CommitFailed',
   'protectionState': 'Protection state, e.g. Protected or DisablingProtection',
   'activeLocation': 'Region the VM runs in now', 'replicationHealth': 'Normal, Warning or Critical',
   'healthErrors': 'What is wrong with replication now; empty when healthy',
   'rpoInSeconds': 'Age of the newest recovery point when the last cycle ended, in seconds',
   'allowedOperations': 'Operations the item state allows now',
   'currentScenario': 'The operation running on the item now, if any',
   'currentJobId': 'The job running on the item now, if any',
   'failoverState': 'Failover state of the item; allowedOperations says what it permits',
   'failoverType': 'Planned or Unplanned, for a failover in progress or done',
   'testFailoverState': 'State of a test failover (drill), if any', 'primaryRegion': 'The region replicas are kept in',
   'replicas': 'One replica per disk of the VM', 'recoveryPointCount': 'Number of recovery points kept',
   'nextCycleJobId': 'Job id of the next replication cycle', 'reprotectJobId': 'The job that protected the VM',
   'failoverDirection': 'RecoveryToPrimary or PrimaryToRecovery: where the replicas are',
   'recoveryRegion': 'The secondary region'},
 'RecoveryPoint': {'id': 'Recovery point id, as failover and change-recovery-point take it',
                   'type': 'Consistency type, e.g. CrashConsistent', 'consistency': 'How the point was captured',
                   'disks': 'One point per disk'},
 'FailoverStatusView': {'id': 'Protected item id', 'activeLocation': 'Region the VM runs in now',
                        'failoverState': 'Failover state of the item; allowedOperations says what it permits',
                        'failoverType': 'Planned or Unplanned', 'recoveryPointId': 'Recovery point the VM was created from',
                        'testFailoverState': 'State of a test failover (drill), if any',
                        'testFailoverJobId': 'The test failover job, if any',
                        'allowedOperations': 'Operations the failover state allows now'},
 'HealthError': {'code': 'Error code, stable for automation', 'severity': 'Warning or Critical',
                 'message': 'What is wrong', 'possibleCauses': 'Why it may be so',
                 'recommendedAction': 'What to do about it'},
 'RpoSample': {'cycle': 'Replication cycle number', 'rpoSeconds': 'RPO the cycle left behind, in seconds',
               'recoveryPointTaken': 'Whether the cycle took a recovery point'},
 'ReplicationPolicy': {'recoveryPointRetentionInHours': 'How long recovery points are kept, in hours',
                       'crashConsistentFrequencyInMinutes': 'Minutes between crash-consistent recovery points (replication cycles)',
                       'appConsistentFrequencyInMinutes': 'Minutes between app-consistent recovery points'},
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
    for pk, pv in d.get('properties', {}).items():
        if '$ref' not in pv and not pv.get('description') and pk in PROPERTY_DESCRIPTIONS.get(name, {}):
            pv['description'] = PROPERTY_DESCRIPTIONS[name][pk]
    defs[name] = d

visibility = {'Reprotect': 'important', 'GetJob': None, 'GetJobResult': 'internal', 'CancelJob': None, 'ResumeJob': 'advanced'}
# Operation descriptions for the designer, where the served document has none of its own (or only its summary).
DESCRIPTIONS = {
 'ListProtectedItems': 'Lists every protected VM with its protection state and RPO, a page at a time (the connector follows nextLink), or the one item of a VM.',
 'GetProtectedItem': 'Reads one protected item: protection state, replication health, last RPO and the operations its state allows now.',
 'DisableProtection': 'Starts a job that deletes everything protection created (replicas, snapshots, the item) and stops the replication cycles. The action waits for the job and returns it.',
 'CancelFailover': 'Starts a job that deletes the VM a failover created and puts the item back to replicating, while the failover is not committed. The action waits for the job and returns it.',
 'ChangeRecoveryPoint': 'Starts a job that recreates the failed-over VM from another recovery point, while the failover is not committed. The action waits for the job and returns it.',
 'CommitFailover': 'Starts a job that makes the failover final: the recovery points of the old direction are deleted. The action waits for the job and returns it.',
 'Failover': 'Starts a job that creates the VM in its primary region from the replicas (Planned: syncs first and loses nothing; Unplanned: from a recovery point). The action waits for the job and returns it.',
 'GetFailoverStatus': 'Reads the failover state of a protected item (none, failed over, committed, test failover running) and the operations allowed now.',
 'ListRecoveryPoints': 'Lists every recovery point the retention keeps, newest first, with the id that a failover or change of recovery point names.',
 'GetRpoHistory': 'Reads the RPO that each recent replication cycle left behind, oldest first, with the warning and critical thresholds.',
 'TestFailover': 'Starts a job that creates a copy of the VM from a recovery point in an isolated network, leaving replication untouched. The action waits for the job and returns it.',
 'TestFailoverCleanup': 'Starts a job that deletes exactly what the test failover created. The action waits for the job and returns it.',
}
# Parameter descriptions where the served document has none.
PARAM_DESCRIPTIONS = {
 'id': 'Id of the job or protected item, as a list or a previous action returned it',
 'Idempotency-Key': 'Any unique string; repeating a request with the same key returns the same job instead of starting another',
}
# The connector's own conventions (checked by connector/check-rules.js):
# - Logic Apps runs 202 + Location by itself; x-ms-long-running-operation(-options) are AutoRest's, so left out.
# - A job-starting action's 200 is what its last poll returns: the Job. The served operations also answer
#   whatIf=true with 200 = WhatIf; the connector does not offer whatIf on them (see docs/api.md, Logic Apps connector).
# - Lists are pageable the ARM way: value + nextLink.
JOB_STARTING = set()
PAGEABLE = {'ListJobs', 'ListProtectedItems'}
paths = {}
for path, item in oas['paths'].items():
    p2 = path[len('/api'):]
    paths[p2] = {}
    for method, op in item.items():
        opid = op['operationId']
        summary = op.get('summary', opid)
        description = op.get('description') or ''
        if not description or description == summary:
            description = DESCRIPTIONS.get(opid, description)
        o = {'tags': op.get('tags', []), 'summary': summary, 'description': description, 'operationId': opid}
        if visibility.get(opid):
            o['x-ms-visibility'] = visibility[opid]
        starts_job = '202' in op['responses'] and any(prm['name'] == 'whatIf' for prm in op.get('parameters', []))
        params = []
        for prm in op.get('parameters', []):
            if starts_job and prm['name'] == 'whatIf':
                continue
            q = {'name': prm['name'], 'in': prm['in'], 'required': prm.get('required', False), 'type': prm['schema']['type']}
            q['description'] = prm.get('description') or PARAM_DESCRIPTIONS.get(prm['name'], '')
            q['x-ms-summary'] = {'id': 'Id', 'Idempotency-Key': 'Idempotency key', '$top': 'Page size',
                                 '$skipToken': 'Skip token'}.get(
                prm['name'], re.sub(r'([a-z])([A-Z])', r'\1 \2', prm['name'].lstrip('$')).capitalize())
            if 'enum' in prm['schema']:
                q['enum'] = prm['schema']['enum']
            if prm['name'] in ('Idempotency-Key', '$skipToken'):
                q['x-ms-visibility'] = 'internal' if prm['name'] == '$skipToken' else 'advanced'
            params.append(q)
        if 'requestBody' in op:
            rb = op['requestBody']
            params.append({'name': 'body', 'in': 'body', 'required': rb.get('required', False),
                           'description': rb.get('description') or 'The request',
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
        if starts_job:
            JOB_STARTING.add(opid)
            responses['200'] = {'description': 'The job, once it has ended (the result of polling Location)',
                                'schema': {'$ref': '#/definitions/Job'}}
        o['produces'] = produces
        o['parameters'] = params
        o['responses'] = responses
        if opid in PAGEABLE:
            o['x-ms-pageable'] = {'nextLinkName': 'nextLink'}
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
  # The key goes as ?code=: the Location a 202 answers carries the key only when the request had it as code
  # (docs/api.md, Logic Apps connector), so the designer's polls keep authenticating.
  'securityDefinitions': {'functionKey': {'type': 'apiKey', 'in': 'query', 'name': 'code',
                                          'description': 'A function key of the Function App, sent as the code query parameter'}},
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
