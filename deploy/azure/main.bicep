// vm-backup-bot on Azure: what the README otherwise asks a person to click together.
//   - a user-assigned managed identity: the bot's Azure identity (DefaultAzureCredential through
//     AZURE_CLIENT_ID) and its Bot Framework identity (MICROSOFT_APP_TYPE=UserAssignedMSI, so
//     Teams needs no secret), with the roles of the README's permission table at the scopes below;
//   - an Azure Bot registration (F0) with its Teams channel and messaging endpoint;
//   - Azure Container Apps running the image with two replicas, probes on /readyz and /healthz;
//   - Azure Database for PostgreSQL Flexible Server (Burstable B1ms), shared by the replicas;
//   - a Key Vault holding the database URL and the Slack secrets, read by the identity.
// Deploy: see docs/deploy.md, "The ready-made deployments" and "Azure: parameters and cost".

@description('Short name used in every resource name (letters and digits, 3-12).')
@minLength(3)
@maxLength(12)
param name string = 'vmbackupbot'

param location string = resourceGroup().location

@description('The bot image, e.g. ghcr.io/your-org/vm-backup-bot:0.1.0 (built from the Dockerfile).')
param image string

@description('Subscriptions the bot manages: AZURE_SUBSCRIPTION_IDS, and Reader on each (list VMs, regions, agent state).')
@minLength(1)
param subscriptionIds array

@description('Resource groups that hold, or will hold, the vaults, as [{ subscriptionId, resourceGroup }]: Backup Contributor (vaults, policies, Backup now, jobs).')
param vaultResourceGroups array = []

@description('Resource groups of the VMs to protect, as [{ subscriptionId, resourceGroup }]: Virtual Machine Contributor (enable backup).')
param vmResourceGroups array = []

@description('Subscriptions where the bot may create a resource group for a new vault: Contributor there. Empty: it cannot.')
param resourceGroupCreatorSubscriptionIds array = []

@description('PostgreSQL administrator login.')
param postgresAdminLogin string = 'botadmin'

@description('PostgreSQL administrator password (stored in Key Vault inside DATABASE_URL).')
@secure()
param postgresAdminPassword string

@description('Slack bot token (xoxb-...); empty: Slack off.')
@secure()
param slackBotToken string = ''

@description('Slack signing secret; needed with the bot token.')
@secure()
param slackSigningSecret string = ''

@description('vCPU of each replica (Container Apps pairs 0.25 with 0.5Gi, 0.5 with 1Gi, ...).')
param cpu string = '0.5'

@description('Memory of each replica: the bench measured 187 MB idle and 608 MB with 100,000 VMs.')
param memory string = '1Gi'

@minValue(2)
param replicas int = 2

// Built-in role definition ids (the same in every tenant).
var roles = {
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7'
  contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c'
  backupContributor: '5e467623-bb1f-42f4-a55d-6e525e11384b'
  virtualMachineContributor: '9980e02c-c2be-4d73-94e8-173b1dc7cf3c'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
}
var slackOn = !empty(slackBotToken)
var suffix = uniqueString(resourceGroup().id)

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-id'
  location: location
}

module readers 'modules/role-at-subscription.bicep' = [for sub in subscriptionIds: {
  name: 'reader-${sub}'
  scope: subscription(sub)
  params: { principalId: identity.properties.principalId, roleDefinitionId: roles.reader }
}]

module rgCreators 'modules/role-at-subscription.bicep' = [for sub in resourceGroupCreatorSubscriptionIds: {
  name: 'contributor-${sub}'
  scope: subscription(sub)
  params: { principalId: identity.properties.principalId, roleDefinitionId: roles.contributor }
}]

module vaultRoles 'modules/role-at-resource-group.bicep' = [for rg in vaultResourceGroups: {
  name: 'backup-${uniqueString(rg.subscriptionId, rg.resourceGroup)}'
  scope: resourceGroup(rg.subscriptionId, rg.resourceGroup)
  params: { principalId: identity.properties.principalId, roleDefinitionId: roles.backupContributor }
}]

module vmRoles 'modules/role-at-resource-group.bicep' = [for rg in vmResourceGroups: {
  name: 'vm-${uniqueString(rg.subscriptionId, rg.resourceGroup)}'
  scope: resourceGroup(rg.subscriptionId, rg.resourceGroup)
  params: { principalId: identity.properties.principalId, roleDefinitionId: roles.virtualMachineContributor }
}]

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: '${name}-pg-${suffix}'
  location: location
  sku: { name: 'Standard_B1ms', tier: 'Burstable' }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: { storageSizeGB: 32 }
    backup: { backupRetentionDays: 7, geoRedundantBackup: 'Disabled' }
    highAvailability: { mode: 'Disabled' }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: 'bot'
}

// Container Apps reach the server over its public endpoint (TLS required by the server).
resource allowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: '${name}-kv-${take(suffix, 8)}'
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
  }
}

resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'database-url'
  properties: {
    value: 'postgres://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/bot?sslmode=verify-full'
  }
}

resource slackBotTokenSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (slackOn) {
  parent: vault
  name: 'slack-bot-token'
  properties: { value: slackBotToken }
}

resource slackSigningSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (slackOn) {
  parent: vault
  name: 'slack-signing-secret'
  properties: { value: slackSigningSecret }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${name}-env'
  location: location
  properties: {}
}

var secretRefs = concat(
  [{ name: 'database-url', keyVaultUrl: databaseUrlSecret.properties.secretUri, identity: identity.id }],
  slackOn
    ? [
        { name: 'slack-bot-token', keyVaultUrl: slackBotTokenSecret.properties.secretUri, identity: identity.id }
        { name: 'slack-signing-secret', keyVaultUrl: slackSigningSecretSecret.properties.secretUri, identity: identity.id }
      ]
    : []
)

var botEnv = concat(
  [
    { name: 'HOST', value: '0.0.0.0' }
    { name: 'PORT', value: '3978' }
    { name: 'METRICS_PORT', value: '9464' }
    { name: 'DATA_DIR', value: '/data' }
    { name: 'PLAYGROUND', value: 'false' }
    { name: 'DATABASE_URL', secretRef: 'database-url' }
    { name: 'AZURE_SUBSCRIPTION_IDS', value: join(subscriptionIds, ',') }
    { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
    { name: 'MICROSOFT_APP_ID', value: identity.properties.clientId }
    { name: 'MICROSOFT_APP_TYPE', value: 'UserAssignedMSI' }
    { name: 'MICROSOFT_APP_TENANT_ID', value: tenant().tenantId }
  ],
  slackOn
    ? [
        { name: 'SLACK_BOT_TOKEN', secretRef: 'slack-bot-token' }
        { name: 'SLACK_SIGNING_SECRET', secretRef: 'slack-signing-secret' }
      ]
    : []
)

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: '${name}-app'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  dependsOn: [secretsUser]
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: { external: true, targetPort: 3978, transport: 'http', allowInsecure: false }
      secrets: secretRefs
    }
    template: {
      containers: [
        {
          name: 'bot'
          image: image
          resources: { cpu: json(cpu), memory: memory }
          env: botEnv
          probes: [
            { type: 'Startup', httpGet: { path: '/healthz', port: 3978 }, periodSeconds: 2, failureThreshold: 60 }
            { type: 'Readiness', httpGet: { path: '/readyz', port: 3978 }, periodSeconds: 5, timeoutSeconds: 6 }
            { type: 'Liveness', httpGet: { path: '/healthz', port: 3978 }, periodSeconds: 20, timeoutSeconds: 6 }
          ]
        }
      ]
      // Always this many: the lease picks one replica for the sweeps; the others take chat traffic too.
      scale: { minReplicas: replicas, maxReplicas: replicas }
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${name}-bot-${suffix}'
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'F0' }
  properties: {
    displayName: 'VM Backup'
    endpoint: 'https://${app.properties.configuration.ingress.fqdn}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identity.id
    msaAppTenantId: tenant().tenantId
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true }
  }
}

@description('Slack: Request URL of the app (slash command, interactivity, events).')
output slackRequestUrl string = 'https://${app.properties.configuration.ingress.fqdn}/slack/events'
@description('Teams: the app id to package the Teams app with (npm run package:teams).')
output microsoftAppId string = identity.properties.clientId
output messagingEndpoint string = bot.properties.endpoint
