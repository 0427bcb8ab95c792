// Assigns the "VM Reprotect Operator" role to the engine identity on one whole protected
// subscription (deployed once per subscription, at subscription scope).
targetScope = 'subscription'

@description('Name (GUID) of the custom role definition')
param roleDefinitionName string
@description('Principal id of the engine identity')
param principalId string

// A custom role is a tenant-wide object: an assignment names it through its own subscription.
var roleDefinitionId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionName)

resource assignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, principalId, roleDefinitionId)
  properties: {
    roleDefinitionId: roleDefinitionId
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
