// Log Analytics workspace and workspace-based Application Insights. Local (key) authentication
// is disabled: telemetry is accepted only with a Microsoft Entra token, which the Functions host and
// the app's own exporter (telemetry.AzureMonitorExport) get for the managed identity named in
// APPLICATIONINSIGHTS_AUTHENTICATION_STRING.

param logAnalyticsName string
param applicationInsightsName string
param location string
param tags object = {}
@description('Principal id of the managed identity that publishes telemetry')
param identityPrincipalId string

// Built-in role: Monitoring Metrics Publisher (lets an Entra principal send telemetry).
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

resource publisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, identityPrincipalId, monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output applicationInsightsName string = appInsights.name
output workspaceId string = workspace.id
// The connection string names the ingestion endpoint and the resource; it carries no secret,
// and with DisableLocalAuth it grants nothing without an Entra token.
output connectionString string = appInsights.properties.ConnectionString
