// Assigns the "VM Reprotect Operator" role to the engine identity on one resource group
// (used when the role is limited to named resource groups instead of whole subscriptions).
targetScope = 'resourceGroup'

@description('Name (GUID) of the custom role definition')
param roleDefinitionName string
@description('Principal id of the engine identity')
param principalId string

// A custom role is a tenant-wide object: an assignment names it through its own subscription.
var roleDefinitionId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionName)

resource assignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, principalId, roleDefinitionId)
  properties: {
    roleDefinitionId: roleDefinitionId
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
