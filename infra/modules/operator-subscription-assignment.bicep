// Assigns the "VM Reprotect Operator" role to the engine identity on one whole protected
// subscription (deployed once per subscription, at subscription scope).
targetScope = 'subscription'

@description('Name (GUID) of the custom role definition')
param roleDefinitionName string
@description('Principal id of the engine identity')
param principalId string
@description('The container the engine owns in the storage accounts it serves (REPROTECT_STAGES_REPLICA_CONTAINER)')
param blobContainerName string

// A custom role is a tenant-wide object: an assignment names it through its own subscription.
var roleDefinitionId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionName)

// The role's blob data actions (infra/reprotect-operator-data-actions.json) are limited by an ABAC
// condition to the one container the engine owns in the accounts it serves (seeds, replicas and
// failover's import copies): without it the identity could read and write every blob of every
// storage account in scope. The condition is the "read, write, or delete blobs in named
// containers" example of Microsoft's Blob Storage ABAC examples; it leaves the role's control-plane
// actions alone (they match none of the ActionMatches).
resource assignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, principalId, roleDefinitionId)
  properties: {
    roleDefinitionId: roleDefinitionId
    principalId: principalId
    principalType: 'ServicePrincipal'
    condition: '((!(ActionMatches{\'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete\'}) AND !(ActionMatches{\'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read\'}) AND !(ActionMatches{\'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write\'}) AND !(ActionMatches{\'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action\'})) OR (@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals \'${blobContainerName}\'))'
    conditionVersion: '2.0'
  }
}
