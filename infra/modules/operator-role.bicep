// The custom role "VM Reprotect Operator": exactly the ARM actions the engine calls
// (infra/reprotect-operator-actions.json, checked against io.reprotect.cloud...ArmPermissions by
// InfraConsistencyTest) plus blob data actions for seed and replica blobs in the storage accounts
// it creates (infra/reprotect-operator-data-actions.json), which each assignment limits with an ABAC
// condition to the engine's own container (replicaContainerName). No listKeys: blob data is reached
// with the identity. Defined once, in the first protected subscription, and assignable in every
// protected subscription (or only in the named resource groups); the assignments are made by
// operator-subscription-assignment.bicep (one per subscription) or operator-assignment.bicep (one
// per resource group).
targetScope = 'subscription'

@description('Suffix that keeps the role name unique in the tenant (role names are tenant-wide)')
param environmentName string
@description('Scopes the role can be assigned on: /subscriptions/{id} of each protected subscription, or /subscriptions/{id}/resourceGroups/{name} of each named group')
param assignableScopes array

var actions = loadJsonContent('../reprotect-operator-actions.json')
var dataActions = loadJsonContent('../reprotect-operator-data-actions.json')

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

// The role's GUID: assignments in other subscriptions refer to it through their own subscription.
output roleDefinitionName string = role.name
output roleDefinitionId string = role.id
