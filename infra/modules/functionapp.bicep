// The engine: a Java 17 Function App on the Flex Consumption plan (FC1). It scales to zero
// between failback events. Every connection is identity-based; no app setting holds a secret.

param name string
param planName string
param location string
param tags object = {}

@description('Resource id of the user-assigned managed identity')
param identityId string
@description('Client id of the user-assigned managed identity')
param identityClientId string

param storageAccountName string
@description('Blob endpoint of the app storage account, e.g. https://<account>.blob.core.windows.net/')
param storageBlobEndpoint string
@description('URL of the Flex Consumption deployment container')
param deploymentContainerUrl string
@description('<namespace>.servicebus.windows.net')
param serviceBusFullyQualifiedNamespace string
@description('Application Insights connection string: the Functions host and the app (telemetry.AzureMonitorExport) both send to it, authenticated as the identity (APPLICATIONINSIGHTS_AUTHENTICATION_STRING)')
param applicationInsightsConnectionString string

@description('Comma-separated subscriptions the app serves (reprotect.arm.subscription-ids)')
param armSubscriptionIds string
@description('Container of seeds and replicas in the served storage accounts (the operator role\'s condition names it too)')
param replicaContainerName string

@description('Upper bound of instances the plan scales out to')
param maximumInstanceCount int = 100
@description('Memory of each instance in MB (CPU and network scale with it); 512 is too small for the JVM and the resync buffers')
@allowed([
  2048
  4096
])
param instanceMemoryMB int = 2048
@description('Always-ready instances, e.g. [{ name: \'http\', instanceCount: 1 }]: names are \'http\' (all HTTP functions), \'function:<name>\' (one queue-triggered function); empty: every function scales from zero')
param alwaysReady array = []

@description('Origins allowed to call the HTTP function from a browser: the portal runs Test/Run from https://portal.azure.com')
param corsAllowedOrigins array = [
  'https://portal.azure.com'
]

@description('Require a Microsoft Entra ID token on every HTTP request (App Service Authentication)')
param entraAuthEnabled bool = false
@description('Application (client) id of the Entra ID app registration that represents this API')
param entraClientId string = ''
@description('Issuer of the tokens callers present; managed-identity tokens are v1 tokens of this issuer')
param entraOpenIdIssuer string = 'https://sts.windows.net/${tenant().tenantId}/'
@description('Client ids allowed to call (e.g. a Logic App managed identity); empty allows any client of the tenant')
param entraAllowedClientIds array = []
@description('Role of function key holders (README, Security)')
param functionKeyRole string = 'Operator'
@description('Two-person rule on disabling protection')
param twoPersonRuleEnabled bool = false
@description('Time limit of an approval (ISO-8601)')
param approvalTimeLimit string = 'PT1H'

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  // azd finds the deployment target of service 'api' by this tag.
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Flex Consumption rejects ftpsState (and most other siteConfig properties): keep this minimal.
    siteConfig: {
      minTlsVersion: '1.2'
      cors: {
        allowedOrigins: corsAllowedOrigins
        supportCredentials: false
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        alwaysReady: alwaysReady
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'java'
        version: '17'
      }
    }
  }
}

// Flex Consumption sets the runtime in functionAppConfig: FUNCTIONS_WORKER_RUNTIME,
// FUNCTIONS_EXTENSION_VERSION and WEBSITE_RUN_FROM_PACKAGE are not allowed here.
// One setting per line (InfraConsistencyTest reads these names).
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    AzureWebJobsStorage__accountName: storageAccountName
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    ServiceBusConnection__fullyQualifiedNamespace: serviceBusFullyQualifiedNamespace
    ServiceBusConnection__credential: 'managedidentity'
    ServiceBusConnection__clientId: identityClientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    AZURE_CLIENT_ID: identityClientId
    REPROTECT_STORAGE_BLOB_ENDPOINT: storageBlobEndpoint
    REPROTECT_ARM_ENDPOINT: environment().resourceManager
    REPROTECT_ARM_SUBSCRIPTION_IDS: armSubscriptionIds
    REPROTECT_ARM_TENANT_ID: tenant().tenantId
    REPROTECT_ARM_MANAGED_IDENTITY_CLIENT_ID: identityClientId
    REPROTECT_STAGES_REPLICA_CONTAINER: replicaContainerName
    // Easy Auth's X-MS-CLIENT-PRINCIPAL headers are trusted only when it runs in front of the app
    REPROTECT_SECURITY_EASY_AUTH_ENABLED: string(entraAuthEnabled)
    REPROTECT_SECURITY_FUNCTION_KEY_ROLE: functionKeyRole
    REPROTECT_SECURITY_TWO_PERSON_RULE_ENABLED: string(twoPersonRuleEnabled)
    REPROTECT_SECURITY_TWO_PERSON_RULE_APPROVAL_TIME_LIMIT: approvalTimeLimit
  }
}

// App Service Authentication: only requests with a valid Entra ID token for the API's app
// registration reach the functions (401 otherwise). Service Bus triggers are not affected.
resource auth 'Microsoft.Web/sites/config@2024-04-01' = if (entraAuthEnabled) {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: entraClientId
          openIdIssuer: entraOpenIdIssuer
        }
        validation: {
          allowedAudiences: [
            'api://${entraClientId}'
            entraClientId
          ]
          defaultAuthorizationPolicy: empty(entraAllowedClientIds) ? {} : {
            allowedApplications: entraAllowedClientIds
          }
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
}

output name string = site.name
output uri string = 'https://${site.properties.defaultHostName}'
