// VM reprotect and failback engine: everything one azd environment needs.
//
// targetScope is the subscription because the deployment spans scopes: it creates the app's
// resource group, and it defines and assigns the custom role "VM Reprotect Operator" in each
// subscription (or resource group) of the protected VMs, which may be other subscriptions.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; names and tags resources')
param environmentName string

@minLength(1)
@description('Region of the engine. Choose a region other than the primary region VMs fail back into (see docs/deploy.md), and one that offers Flex Consumption.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Name of the resource group for the engine; default rg-<environmentName>')
param resourceGroupName string = ''

@description('Comma-separated subscriptions the app serves: those of the protected VMs and of what reprotect creates. The operator role is assignable and assigned in each; a request naming any other subscription is refused. Default: protectedSubscriptionId, else this deployment\'s subscription.')
param protectedSubscriptionIds string = ''

@description('Older single-subscription form of protectedSubscriptionIds, used when that is empty')
param protectedSubscriptionId string = ''

@description('Comma-separated resource groups the operator role is limited to, as name (in the first protected subscription) or subscriptionId/name: the failed-over VMs\' groups and the primary-region target groups. Empty: each whole protected subscription (needed if reprotect must create resource groups).')
param protectedResourceGroups string = ''

@description('Optional: principal id allowed to send to the intake queue (azd passes the signed-in user)')
param principalId string = ''

@description('Require Microsoft Entra ID tokens on HTTP calls (App Service Authentication)')
param entraAuthEnabled bool = false

@description('Application (client) id of the Entra ID app registration of the API; required when entraAuthEnabled')
param entraClientId string = ''

@description('Comma-separated client ids allowed to call the API (e.g. the Logic App managed identity); empty: any client of the tenant with a token for the API')
param entraAllowedClientIds string = ''

@description('Role of a caller with a function key alone (no Entra principal): Reader, Operator or Administrator (README, Security)')
@allowed([
  'Reader'
  'Operator'
  'Administrator'
])
param functionKeyRole string = 'Operator'

@description('Two-person rule: disabling protection waits for a second Administrator to approve (README, Security)')
param twoPersonRuleEnabled bool = false

@description('How long a request waits for its second Administrator, ISO-8601 (e.g. PT1H)')
param approvalTimeLimit string = 'PT1H'

@description('Upper bound of Flex Consumption instances')
param maximumInstanceCount int = 100

@description('Memory of each Flex Consumption instance in MB: 2048 or 4096 (CPU and network scale with it)')
@allowed([
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Always-ready instances, comma-separated <group or function>=<count>, e.g. "http=1,function:reprotect-intake=1"; empty: everything scales from zero (see README, Cold starts)')
param alwaysReady string = ''

@description('Comma-separated browser origins allowed by CORS, besides https://portal.azure.com (which Test/Run needs)')
param corsAllowedOrigins string = ''

@description('Grant the engine Azure Service Bus Data Owner (what the Flex Consumption scale controller needs to read queue lengths with the identity); false: Data Sender + Data Receiver only, see docs/deploy.md')
param serviceBusDataOwner bool = true

@description('Container that holds seeds and replicas in every storage account the engine serves; the operator role\'s blob data access is limited to it')
param replicaContainerName string = 'reprotect-replicas'

@description('Optional: email address that receives the dead-letter and rejected-request alerts')
param alertEmail string = ''

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var listedSubscriptionIds = filter(map(split(protectedSubscriptionIds, ','), s => toLower(trim(s))), s => !empty(s))
var armSubscriptionIds = !empty(listedSubscriptionIds) ? union(listedSubscriptionIds, []) : [
  toLower(empty(protectedSubscriptionId) ? subscription().subscriptionId : protectedSubscriptionId)
]
// The role definition lives in the first protected subscription.
var roleSubscriptionId = armSubscriptionIds[0]
var protectedResourceGroupEntries = filter(map(split(protectedResourceGroups, ','), n => trim(n)), n => !empty(n))
var protectedGroups = map(protectedResourceGroupEntries, e => contains(e, '/') ? {
  subscriptionId: toLower(split(e, '/')[0])
  name: split(e, '/')[1]
} : {
  subscriptionId: roleSubscriptionId
  name: e
})
var scopedToSubscriptions = empty(protectedGroups)
var subscriptionScopes = map(armSubscriptionIds, s => '/subscriptions/${s}')
var groupScopes = map(protectedGroups, g => '/subscriptions/${g.subscriptionId}/resourceGroups/${g.name}')
var allowedClientIds = filter(map(split(entraAllowedClientIds, ','), n => trim(n)), n => !empty(n))
var deploymentContainerName = 'app-package-${take(resourceToken, 7)}'
// "http=1,function:x=2" -> [{ name: 'http', instanceCount: 1 }, { name: 'function:x', instanceCount: 2 }]
var alwaysReadyEntries = filter(map(split(alwaysReady, ','), e => trim(e)), e => !empty(e))
var alwaysReadyConfig = map(alwaysReadyEntries, e => {
  name: trim(split(e, '=')[0])
  instanceCount: int(trim(split(e, '=')[1]))
})
var extraCorsOrigins = filter(map(split(corsAllowedOrigins, ','), o => trim(o)), o => !empty(o))

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: empty(resourceGroupName) ? 'rg-${environmentName}' : resourceGroupName
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-reprotect-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
    identityPrincipalId: identity.outputs.principalId
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    jobContainerName: 'reprotect-jobs'
    identityPrincipalId: identity.outputs.principalId
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  scope: rg
  params: {
    name: 'sb-${resourceToken}'
    location: location
    tags: tags
    identityPrincipalId: identity.outputs.principalId
    intakeSenderPrincipalId: principalId
    identityIsDataOwner: serviceBusDataOwner
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    namePrefix: 'reprotect-${resourceToken}'
    serviceBusNamespaceName: serviceBus.outputs.name
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
    location: location
    tags: tags
    alertEmail: alertEmail
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: rg
  params: {
    name: 'func-reprotect-${resourceToken}'
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    armSubscriptionIds: join(armSubscriptionIds, ',')
    replicaContainerName: replicaContainerName
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    alwaysReady: alwaysReadyConfig
    corsAllowedOrigins: union([ 'https://portal.azure.com' ], extraCorsOrigins)
    entraAuthEnabled: entraAuthEnabled
    entraClientId: entraClientId
    entraAllowedClientIds: allowedClientIds
    functionKeyRole: functionKeyRole
    twoPersonRuleEnabled: twoPersonRuleEnabled
    approvalTimeLimit: approvalTimeLimit
  }
}

// The custom role is defined once, in the first protected subscription, assignable in every
// protected subscription (or named group); it is assigned on each whole subscription, or on each
// named resource group when protectedResourceGroups limits it.
module operatorRole 'modules/operator-role.bicep' = {
  name: 'operator-role-${resourceToken}'
  scope: subscription(roleSubscriptionId)
  params: {
    environmentName: environmentName
    assignableScopes: scopedToSubscriptions ? subscriptionScopes : groupScopes
  }
}

module operatorSubscriptionAssignments 'modules/operator-subscription-assignment.bicep' = [for subscriptionId in (scopedToSubscriptions ? armSubscriptionIds : []): {
  name: 'operator-sub-${take(uniqueString(subscriptionId), 8)}-${resourceToken}'
  scope: subscription(subscriptionId)
  params: {
    roleDefinitionName: operatorRole.outputs.roleDefinitionName
    principalId: identity.outputs.principalId
    blobContainerName: replicaContainerName
  }
}]

// The assignments on named resource groups are NOT made here: a resource this deployment put in a
// group makes `azd down` count the group as the environment's and delete it whole, with the
// customer's VMs in it (Azure/azure-dev#2916). The postprovision hook (azure.yaml,
// infra/scripts/assign-operator-role.*) deploys modules/operator-assignment.bicep into each group
// in a deployment of its own, from the outputs below.

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = functionApp.outputs.uri
output AZURE_SERVICEBUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_MANAGED_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId
output REPROTECT_PROTECTED_SUBSCRIPTION_IDS string = join(armSubscriptionIds, ',')
output REPROTECT_OPERATOR_ROLE_ID string = operatorRole.outputs.roleDefinitionId
output REPROTECT_OPERATOR_ROLE_NAME string = operatorRole.outputs.roleDefinitionName
// "<subscription id>/<group>,..." the postprovision hook assigns the role on; empty: whole subscriptions
output REPROTECT_OPERATOR_GROUPS string = join(map(protectedGroups, g => '${g.subscriptionId}/${g.name}'), ',')
output REPROTECT_REPLICA_CONTAINER string = replicaContainerName
