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
@description('Grant the identity Azure Service Bus Data Owner instead of Data Sender + Data Receiver (see below)')
param identityIsDataOwner bool = true

// Keep in step with io.reprotect.pipeline.Queues (InfraConsistencyTest checks it).
// One queue name per line, nothing else in this array.
var queueNames = [
  'reprotect-requests'
  'reprotect-requests-rejected'
  'stages'
  'cycle-ticks'
]
var intakeQueueName = 'reprotect-requests'

// Built-in roles
var serviceBusDataSender = '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
var serviceBusDataReceiver = '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
var serviceBusDataOwner = '090c5cfd-751d-490a-894a-3ce6f1109419'

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
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

resource queues 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = [for queueName in queueNames: {
  parent: namespace
  name: queueName
  properties: {
    // A stage invocation is kept short (sliced work), so 5 minutes (the maximum) covers it.
    lockDuration: 'PT5M'
    // Past this many failed deliveries a message goes to the queue's $DeadLetterQueue, where a
    // dead-letter function marks the job Failed (stage queues) or forwards the request to
    // reprotect-requests-rejected with the reason (intake queue); modules/alerts.bicep alerts.
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

resource intakeQueue 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' existing = {
  parent: namespace
  name: intakeQueueName
}

// The Flex Consumption scale controller decides from the queue's message counts whether to
// wake the app from zero and how far to scale out. With only Data Receiver it can merely peek
// about ten head messages: a queue whose head holds scheduled messages (delayed retries, resync
// slices) can look idle and not wake. Reading the queue's runtime counts with an identity takes
// Data Owner, which is what Microsoft's Java + Service Bus Flex Consumption sample
// (Azure-Samples/functions-quickstart-java-azd-service-bus) grants. The namespace holds only the
// engine's own queues, so Owner adds the right to manage these queues, nothing outside.
// identityIsDataOwner=false keeps the narrower Sender + Receiver pair (docs/deploy.md, trade-off).
resource dataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (identityIsDataOwner) {
  name: guid(namespace.id, identityPrincipalId, serviceBusDataOwner)
  scope: namespace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataOwner)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource dataSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!identityIsDataOwner) {
  name: guid(namespace.id, identityPrincipalId, serviceBusDataSender)
  scope: namespace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataSender)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource dataReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!identityIsDataOwner) {
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
