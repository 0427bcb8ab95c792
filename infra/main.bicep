// VM reprotect and failback engine: everything one azd environment needs.
//
// targetScope is the subscription because the deployment spans scopes: it creates the app's
// resource group, and it defines and assigns the custom role "VM Reprotect Operator" in the
// subscription (or resource groups) of the protected VMs, which may be another subscription.
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

@description('Subscription of the protected VMs and of what reprotect creates; default: this deployment\'s subscription')
param protectedSubscriptionId string = ''

@description('Comma-separated resource groups (in protectedSubscriptionId) the operator role is limited to: the failed-over VMs\' groups and the primary-region target groups. Empty: the whole subscription (needed if reprotect must create resource groups).')
param protectedResourceGroups string = ''

@description('Optional: principal id allowed to send to the intake queue (azd passes the signed-in user)')
param principalId string = ''

@description('Require Microsoft Entra ID tokens on HTTP calls (App Service Authentication)')
param entraAuthEnabled bool = false

@description('Application (client) id of the Entra ID app registration of the API; required when entraAuthEnabled')
param entraClientId string = ''

@description('Comma-separated client ids allowed to call the API (e.g. the Logic App managed identity); empty: any client of the tenant with a token for the API')
param entraAllowedClientIds string = ''

@description('Upper bound of Flex Consumption instances')
param maximumInstanceCount int = 100

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var armSubscriptionId = empty(protectedSubscriptionId) ? subscription().subscriptionId : protectedSubscriptionId
var protectedResourceGroupNames = filter(map(split(protectedResourceGroups, ','), n => trim(n)), n => !empty(n))
var allowedClientIds = filter(map(split(entraAllowedClientIds, ','), n => trim(n)), n => !empty(n))
var deploymentContainerName = 'app-package-${take(resourceToken, 7)}'

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
    armSubscriptionId: armSubscriptionId
    maximumInstanceCount: maximumInstanceCount
    entraAuthEnabled: entraAuthEnabled
    entraClientId: entraClientId
    entraAllowedClientIds: allowedClientIds
  }
}

// The custom role lives in the protected VMs' subscription; it is assigned there, either on the
// whole subscription (inside the module) or on each named resource group (below).
module operatorRole 'modules/operator-role.bicep' = {
  name: 'operator-role-${resourceToken}'
  scope: subscription(armSubscriptionId)
  params: {
    environmentName: environmentName
    principalId: identity.outputs.principalId
    resourceGroupNames: protectedResourceGroupNames
  }
}

module operatorAssignments 'modules/operator-assignment.bicep' = [for rgName in protectedResourceGroupNames: {
  name: 'operator-${take(uniqueString(rgName), 8)}-${resourceToken}'
  scope: resourceGroup(armSubscriptionId, rgName)
  params: {
    roleDefinitionId: operatorRole.outputs.roleDefinitionId
    principalId: identity.outputs.principalId
  }
}]

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
output REPROTECT_PROTECTED_SUBSCRIPTION_ID string = armSubscriptionId
output REPROTECT_OPERATOR_ROLE_ID string = operatorRole.outputs.roleDefinitionId
