// Service Bus namespace and every queue the app uses (io.reprotect.pipeline.Queues).
// Standard tier: duplicate detection (the pipeline's deterministic message ids make redelivered
// sends harmless) and scheduled messages (delayed retries and resync slices) need it.
// Local (SAS key) authentication is disabled: senders and receivers use Microsoft Entra ID.

param name string
param location string
param tags object = {}
@description('Principal id of the managed identity that sends to and receives from every queue')
param identityPrincipalId string
@description('Optional: principal (a person or a pipeline) allowed to send to the intake queue, for trials')
param intakeSenderPrincipalId string = ''

// Keep in step with io.reprotect.pipeline.Queues (InfraConsistencyTest checks it).
// One queue name per line, nothing else in this array.
var queueNames = [
  'reprotect-requests'
  'reprotect-requests-rejected'
  'stages'
]
var intakeQueueName = 'reprotect-requests'

// Built-in roles
var serviceBusDataSender = '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
var serviceBusDataReceiver = '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'

resource namespace 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource queues 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' = [for queueName in queueNames: {
  parent: namespace
  name: queueName
  properties: {
    // A stage invocation is kept short (sliced work), so 5 minutes (the maximum) covers it.
    lockDuration: 'PT5M'
    // Past this many failed deliveries a message goes to the queue's $DeadLetterQueue, where a
    // dead-letter function marks the job Failed.
    maxDeliveryCount: 10
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'P1D'
    defaultMessageTimeToLive: 'P14D'
    deadLetteringOnMessageExpiration: true
    requiresSession: false
    enablePartitioning: false
    maxSizeInMegabytes: 1024
  }
}]

resource intakeQueue 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' existing = {
  parent: namespace
  name: intakeQueueName
}

resource dataSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(namespace.id, identityPrincipalId, serviceBusDataSender)
  scope: namespace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataSender)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource dataReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(namespace.id, identityPrincipalId, serviceBusDataReceiver)
  scope: namespace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataReceiver)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource intakeSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(intakeSenderPrincipalId)) {
  name: guid(namespace.id, intakeQueueName, intakeSenderPrincipalId, serviceBusDataSender)
  scope: intakeQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataSender)
    principalId: intakeSenderPrincipalId
  }
  dependsOn: [
    queues
  ]
}

output name string = namespace.name
// serviceBusEndpoint is https://<name>.servicebus.windows.net:443/ (another suffix in sovereign clouds).
output fullyQualifiedNamespace string = split(split(namespace.properties.serviceBusEndpoint, '//')[1], ':')[0]
