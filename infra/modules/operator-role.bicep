// The custom role "VM Reprotect Operator": exactly the ARM actions the engine calls
// (infra/reprotect-operator-actions.json, checked against io.reprotect.cloud...ArmPermissions by
// InfraConsistencyTest) plus blob data actions for seed and replica blobs in the storage accounts
// it creates (infra/reprotect-operator-data-actions.json). No listKeys: blob data is reached
// with the identity. Deployed in the subscription of the protected VMs.
targetScope = 'subscription'

@description('Suffix that keeps the role name unique in the tenant (role names are tenant-wide)')
param environmentName string
@description('Principal id of the engine identity')
param principalId string
@description('Resource groups the role is limited to; empty: the whole subscription')
param resourceGroupNames array = []

var actions = loadJsonContent('../reprotect-operator-actions.json')
var dataActions = loadJsonContent('../reprotect-operator-data-actions.json')

var scopedToSubscription = empty(resourceGroupNames)
var assignableScopes = scopedToSubscription ? [
  subscription().id
] : map(resourceGroupNames, rg => '${subscription().id}/resourceGroups/${rg}')

resource role 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'VM Reprotect Operator', environmentName)
  properties: {
    roleName: 'VM Reprotect Operator (${environmentName})'
    description: 'Reprotect and fail back Azure VMs: read, stop and delete VMs; copy disks through snapshots; create availability sets, storage accounts and resource groups.'
    type: 'CustomRole'
    permissions: [
      {
        actions: actions
        notActions: []
        dataActions: dataActions
        notDataActions: []
      }
    ]
    assignableScopes: assignableScopes
  }
}

resource subscriptionAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (scopedToSubscription) {
  name: guid(subscription().id, principalId, role.id)
  properties: {
    roleDefinitionId: role.id
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

output roleDefinitionId string = role.id
