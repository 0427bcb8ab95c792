# azd postprovision hook (Windows): assigns the "VM Reprotect Operator" role to the engine's identity
# on each resource group of REPROTECT_PROTECTED_RESOURCE_GROUPS, each in a deployment of its own.
# See assign-operator-role.sh for why this is not in infra/main.bicep (azd down would delete the
# groups: Azure/azure-dev#2916). Safe to run again. Needs the Azure CLI, signed in (az login).
$ErrorActionPreference = 'Stop'

if ([string]::IsNullOrEmpty($env:REPROTECT_OPERATOR_GROUPS)) {
    Write-Host "operator role: assigned on each whole protected subscription by the template; nothing to do"
    exit 0
}
foreach ($name in 'REPROTECT_OPERATOR_ROLE_NAME', 'AZURE_MANAGED_IDENTITY_PRINCIPAL_ID', 'REPROTECT_REPLICA_CONTAINER', 'AZURE_ENV_NAME') {
    if ([string]::IsNullOrEmpty([Environment]::GetEnvironmentVariable($name))) {
        Write-Error "$name is not set; run this as azd's postprovision hook (azd provision)"
        exit 1
    }
}
if (-not (Get-Command az -ErrorAction SilentlyContinue)) {
    Write-Error "the Azure CLI (az) is needed to assign the operator role on REPROTECT_PROTECTED_RESOURCE_GROUPS; install it, run az login, then azd provision again"
    exit 1
}

$template = Join-Path $PSScriptRoot '../modules/operator-assignment.bicep'
foreach ($group in $env:REPROTECT_OPERATOR_GROUPS.Split(',')) {
    $subscription, $resourceGroup = $group.Split('/', 2)
    Write-Host "operator role: assigning on resource group $resourceGroup (subscription $subscription)"
    az deployment group create --only-show-errors --output none `
        --subscription $subscription --resource-group $resourceGroup `
        --name "vm-reprotect-operator-$($env:AZURE_ENV_NAME)" --template-file $template `
        --parameters roleDefinitionName=$($env:REPROTECT_OPERATOR_ROLE_NAME) `
                     principalId=$($env:AZURE_MANAGED_IDENTITY_PRINCIPAL_ID) `
                     blobContainerName=$($env:REPROTECT_REPLICA_CONTAINER)
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}
