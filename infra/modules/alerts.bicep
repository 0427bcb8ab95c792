// Alerts that need a person. A dead-lettered message is acted on within seconds by a dead-letter
// function (a stage's job is marked Failed with the message; an intake request is forwarded to
// reprotect-requests-rejected with its reason) and then completed, so a dead-letter queue is
// almost always empty and its DeadletteredMessages metric (a per-minute count of what sits
// there) rarely sees anything. The alerts watch what stays instead:
// - every run of a dead-letter function, from the app's logs (a log search alert);
// - messages left unread in reprotect-requests-rejected (ActiveMessages of that queue).

param namePrefix string
param serviceBusNamespaceName string
@description('Resource id of the Log Analytics workspace behind Application Insights')
param logAnalyticsWorkspaceId string
param location string
param tags object = {}
@description('Optional: email address that receives the alerts; empty: the alert fires in the portal only')
param alertEmail string = ''

// io.reprotect.pipeline.Queues.REJECTED
var rejectedQueueName = 'reprotect-requests-rejected'

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: 'ag-${namePrefix}'
  location: 'Global'
  tags: tags
  properties: {
    groupShortName: 'reprotect'
    enabled: true
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

// One alert per run of a dead-letter function: the Functions host records each invocation as a
// request named after the function (AppRequests in the workspace); its log lines carry the same
// operation name. Counted per function, so the alert names the queue that dead-lettered. The names
// are io.reprotect.pipeline.DeadLetterFunctions.NAME and io.reprotect.intake.IntakeDeadLetterFunction.NAME
// (InfraConsistencyTest checks them).
resource deadLetterRunsAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-${namePrefix}-dead-letter-runs'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'A reprotect dead-letter function ran'
    description: 'A message was dead-lettered (stages: its job is Failed and keeps the message; reprotect-requests: the request went to reprotect-requests-rejected). See docs/deploy.md, Where failed messages go.'
    severity: 2
    enabled: true
    scopes: [
      logAnalyticsWorkspaceId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    autoMitigate: false
    criteria: {
      allOf: [
        {
          query: 'union isfuzzy=true (AppRequests | project TimeGenerated, Function = Name, OperationId), (AppTraces | project TimeGenerated, Function = OperationName, OperationId) | where Function in (\'stages-dead-letter\', \'reprotect-intake-dead-letter\') | summarize Runs = dcount(OperationId) by Function'
          timeAggregation: 'Total'
          metricMeasureColumn: 'Runs'
          dimensions: [
            {
              name: 'Function'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: empty(alertEmail) ? [] : [
        actionGroup.id
      ]
    }
  }
}

// ActiveMessages is the number of messages waiting in a queue, per queue (dimension EntityName),
// sampled every minute. The window's minimum above 0 means a rejected request sat unread for the
// whole window: nobody (neither the sending system nor a person) has picked it up.
resource rejectedAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'alert-${namePrefix}-rejected-unread'
  location: 'global'
  tags: tags
  properties: {
    description: 'Requests wait unread in reprotect-requests-rejected: they did not become jobs. See docs/deploy.md, Where failed messages go.'
    severity: 3
    enabled: true
    scopes: [
      namespace.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: true
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'RejectedUnread'
          metricNamespace: 'Microsoft.ServiceBus/namespaces'
          metricName: 'ActiveMessages'
          dimensions: [
            {
              name: 'EntityName'
              operator: 'Include'
              values: [
                rejectedQueueName
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Minimum'
        }
      ]
    }
    actions: empty(alertEmail) ? [] : [
      {
        actionGroupId: actionGroup.id
      }
    ]
  }
}

output deadLetterRunsAlertId string = deadLetterRunsAlert.id
output rejectedAlertId string = rejectedAlert.id
