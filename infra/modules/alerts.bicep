// Alerts that need a person: a message reached a dead-letter queue. The dead-letter functions
// act on it at once (a stage's job is marked Failed; an intake request is forwarded to
// reprotect-requests-rejected with its reason), but someone must look at why it happened.

param namePrefix string
param serviceBusNamespaceName string
param tags object = {}
@description('Optional: email address that receives the alerts; empty: the alert fires in the portal only')
param alertEmail string = ''

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

// DeadletteredMessages is the count of messages in an entity's $DeadLetterQueue, per queue
// (dimension EntityName). Split by EntityName so each queue fires on its own, with its name.
resource deadLetterAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'alert-${namePrefix}-dead-letters'
  location: 'global'
  tags: tags
  properties: {
    description: 'A message was dead-lettered on a reprotect queue (reprotect-requests: a request failed 10 deliveries; stage-*: a job was marked Failed). See docs/deploy.md, Where failed messages go.'
    severity: 2
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
          name: 'DeadLettered'
          metricNamespace: 'Microsoft.ServiceBus/namespaces'
          metricName: 'DeadletteredMessages'
          dimensions: [
            {
              name: 'EntityName'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Maximum'
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

output deadLetterAlertId string = deadLetterAlert.id
