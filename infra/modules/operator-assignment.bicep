// Assigns the "VM Reprotect Operator" role to the engine identity on one resource group
// (used when the role is limited to named resource groups instead of the subscription).
targetScope = 'resourceGroup'

param roleDefinitionId string
param principalId string

resource assignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, principalId, roleDefinitionId)
  properties: {
    roleDefinitionId: roleDefinitionId
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
