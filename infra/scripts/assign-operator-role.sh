#!/bin/sh
# azd postprovision hook: assigns the "VM Reprotect Operator" role to the engine's identity on each
# resource group of REPROTECT_PROTECTED_RESOURCE_GROUPS, each in a deployment of its own.
#
# Why not in infra/main.bicep: `azd down` deletes every resource group the azd deployment put a
# resource in (Azure/azure-dev#2916). A role assignment deployed from main.bicep into a protected
# group would make `azd down` delete that group, with the VMs and recovery data in it. Deployed here,
# the assignment is not part of azd's deployment, and `azd down` leaves the group alone.
#
# Safe to run again: the assignment's name derives from the group, the identity and the role, so a
# second run finds the same assignment. Needs the Azure CLI, signed in (`az login`).
set -eu

if [ -z "${REPROTECT_OPERATOR_GROUPS:-}" ]; then
  echo "operator role: assigned on each whole protected subscription by the template; nothing to do"
  exit 0
fi
for name in REPROTECT_OPERATOR_ROLE_NAME AZURE_MANAGED_IDENTITY_PRINCIPAL_ID REPROTECT_REPLICA_CONTAINER AZURE_ENV_NAME; do
  eval "value=\${$name:-}"
  if [ -z "$value" ]; then
    echo "error: $name is not set; run this as azd's postprovision hook (azd provision)" >&2
    exit 1
  fi
done
if ! command -v az >/dev/null 2>&1; then
  echo "error: the Azure CLI (az) is needed to assign the operator role on REPROTECT_PROTECTED_RESOURCE_GROUPS;" >&2
  echo "       install it, run az login, then azd provision again" >&2
  exit 1
fi

template="$(dirname "$0")/../modules/operator-assignment.bicep"
old_ifs=$IFS
IFS=,
for group in $REPROTECT_OPERATOR_GROUPS; do
  IFS=$old_ifs
  subscription=${group%%/*}
  resource_group=${group#*/}
  echo "operator role: assigning on resource group $resource_group (subscription $subscription)"
  az deployment group create --only-show-errors --output none \
    --subscription "$subscription" --resource-group "$resource_group" \
    --name "vm-reprotect-operator-$AZURE_ENV_NAME" --template-file "$template" \
    --parameters roleDefinitionName="$REPROTECT_OPERATOR_ROLE_NAME" \
                 principalId="$AZURE_MANAGED_IDENTITY_PRINCIPAL_ID" \
                 blobContainerName="$REPROTECT_REPLICA_CONTAINER"
  IFS=,
done
IFS=$old_ifs
