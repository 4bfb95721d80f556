// Yhteistyöbotti on Azure: one resource group holds everything the bot needs.
//
//   Azure Bot (single tenant, Teams channel) ──► bot App Service app ──┐
//                                                worker App Service app ┤── private endpoint ──► Azure Managed Redis
//   user-assigned managed identity: the bot's identity + Key Vault reads ┘    (AOF every second, noeviction, TLS only)
//   Key Vault: Redis URL, Graph client secret, data encryption key (referenced, never copied into app settings)
//   Storage: the "config" file share mounted at /mounts/config (unit directory)
//   Log Analytics + Application Insights: stdout (pino JSON) and request telemetry
//
// Provisioned by `m365agents.yml` (Microsoft 365 Agents Toolkit) or by
// `az deployment group create -g <rg> -f infra/azure.bicep -p infra/azure.parameters.json ...`;
// infra/README-admin.md walks through both.

targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

@description('Start of every resource name. The default is unique to the resource group.')
@minLength(3)
@maxLength(20)
param resourceBaseName string = 'yt${uniqueString(resourceGroup().id)}'

@description('Region of every regional resource (the Azure Bot itself is global).')
param location string = resourceGroup().location

@description('Name of the bot as the Azure portal shows it. Teams shows the name in the app package.')
@maxLength(42)
param botDisplayName string = 'Yhteistyöbotti'

@description('Azure Bot pricing tier. Teams is a standard channel: its messages are free on F0 too.')
@allowed([
  'F0'
  'S1'
])
param botServiceSku string = 'F0'

@description('The SDK that carries activities: botbuilder as designed, or agents (the Microsoft 365 Agents SDK, botbuilder\'s supported successor). Stored data works under both: switching is a restart.')
@allowed([
  'botbuilder'
  'agents'
])
param botSdk string = 'botbuilder'

@description('App Service plan size (Linux). Virtual network integration needs Basic or higher; Premium v3 for zone redundancy.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
  'P3v3'
])
param appServiceSku string = 'P0v3'

@description('Instances of the plan. Every instance runs one bot process and one worker process.')
@minValue(1)
@maxValue(10)
param instanceCount int = 2

@description('Spread the plan over availability zones (Premium v3, at least two instances, a region with zones).')
param zoneRedundant bool = false

@description('App Service runtime stack of both apps.')
param linuxFxVersion string = 'NODE|24-lts'

@description('Start command of the worker app; it answers its probes on WORKER_PORT.')
param workerStartupCommand string = 'node --enable-source-maps dist/src/worker.js'

@description('Azure Managed Redis size. The non-clustered policy the app needs allows caches up to 25 GB; B0 is for test environments.')
@allowed([
  'Balanced_B0'
  'Balanced_B1'
  'Balanced_B3'
  'Balanced_B5'
  'Balanced_B10'
  'Balanced_B20'
  'MemoryOptimized_M10'
  'MemoryOptimized_M20'
  'ComputeOptimized_X3'
  'ComputeOptimized_X5'
])
param redisSku string = 'Balanced_B1'

@description('Which Redis access key the apps use. Switch, redeploy and restart before regenerating the other key.')
@allowed([
  'Primary'
  'Secondary'
])
param redisAccessKey string = 'Primary'

@description('Address space of the virtual network that carries the apps\' traffic to Redis.')
param vnetAddressPrefix string = '10.60.0.0/16'

@description('Subnet delegated to the App Service plan (outbound virtual network integration).')
param appSubnetPrefix string = '10.60.1.0/24'

@description('Subnet of the private endpoints.')
param privateEndpointSubnetPrefix string = '10.60.2.0/24'

@description('Client id of the Entra app registration the bot calls Microsoft Graph as (Calendars.ReadWrite, application).')
param graphClientId string

@description('Its client secret. Written to Key Vault as graph-client-secret when given; empty leaves the vault\'s secret as it is.')
@secure()
param graphClientSecret string = ''

@description('Client id of the Entra app registration the tabs\' Teams sign-in is issued for (aad.manifest.json: api://<bot domain>/<id>, scope access_as_user). Empty: the Graph registration, which then needs that API exposed by hand.')
param tabSsoAppId string = ''

@description('Object id of a person or group given "Key Vault Secrets Officer" on the vault, to set the encryption key. Empty: none.')
param keyVaultSecretsOfficerPrincipalId string = ''

@description('Keep basic-auth publishing credentials for the SCM site: the Agents Toolkit\'s zip deploy uses them. FTP stays off.')
param allowScmBasicAuth bool = true

@description('Turn on the Application Insights agent for Node.js (requests, dependencies, exceptions). Logs go to Log Analytics either way.')
param enableApplicationInsightsAgent bool = true

@description('Days Log Analytics keeps logs and telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

// The bot's own settings (README, Configuration). Defaults match the app's.

@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
  'silent'
])
param logLevel string = 'info'

@description('Prefix of every Redis key.')
param redisKeyPrefix string = 'yt:'

@description('Unit directory: on the mounted file share, so an upload applies without a restart.')
param unitDirectoryFile string = '/mounts/config/unit-directory.yaml'

@description('Feedback questions: the file shipped with the app, or /mounts/config/feedback-questions.yaml for the county\'s own.')
param feedbackQuestionsFile string = 'infra/feedback-questions.yaml'

@description('A Wednesday of the county\'s every-other-Wednesday Yhteistyöaika series (yyyy-MM-dd).')
param yhteistyoaikaAnchor string = '2026-01-07'

@description('Working days between the last worker named and the earliest meeting.')
param yhteistyoaikaLeadDays int = 2

@description('Breaks without Yhteistyöaika: from..to[@unit+unit], comma-separated.')
param yhteistyoaikaBlackouts string = ''

@description('Service mailbox that organizes the meetings; empty: the chair\'s own calendar.')
param meetingOrganizerMailbox string = ''

@description('Working days before a receiving supervisor is reminded, and again before escalation.')
param reminderWorkingDays int = 2

@description('County time (HH:mm) on the meeting day when feedback is asked.')
param feedbackTime string = '15:00'

@description('Days a closed or withdrawn request keeps its client description.')
param retentionDays int = 30

@description('Days the audit log keeps each entry, past the description purge (12 years by default).')
param auditRetentionDays int = 4380

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

var suffix = uniqueString(resourceGroup().id, resourceBaseName)
var botAppName = '${resourceBaseName}-bot'
var workerAppName = '${resourceBaseName}-worker'
var keyVaultName = 'kv${suffix}'
var storageAccountName = 'st${suffix}'
var configShareName = 'config'
var configMountPath = '/mounts/config'
var redisPrivateDnsZoneName = 'privatelink.redis.azure.net'

// Built-in role definitions.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var keyVaultSecretsOfficerRoleId = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

// ---------------------------------------------------------------------------------------------
// Identity: the bot's Microsoft App ID is this identity's client id (MicrosoftAppType
// UserAssignedMSI), so no bot password exists. The same identity reads Key Vault.
// ---------------------------------------------------------------------------------------------

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-identity'
  location: location
}

// ---------------------------------------------------------------------------------------------
// Monitoring
// ---------------------------------------------------------------------------------------------

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${resourceBaseName}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${resourceBaseName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    IngestionMode: 'LogAnalytics'
  }
}

// ---------------------------------------------------------------------------------------------
// Network: the apps reach Redis through a private endpoint; Redis has no public endpoint.
// Only private (RFC 1918) addresses are routed into the virtual network, so Teams, Graph and
// Key Vault are reached over App Service's own outbound path and no NAT gateway is needed.
// ---------------------------------------------------------------------------------------------

resource vnet 'Microsoft.Network/virtualNetworks@2023-11-01' = {
  name: '${resourceBaseName}-vnet'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [
        vnetAddressPrefix
      ]
    }
    subnets: [
      {
        name: 'app'
        properties: {
          addressPrefix: appSubnetPrefix
          delegations: [
            {
              name: 'app-service'
              properties: {
                serviceName: 'Microsoft.Web/serverFarms'
              }
            }
          ]
        }
      }
      {
        name: 'private-endpoints'
        properties: {
          addressPrefix: privateEndpointSubnetPrefix
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }
}

var appSubnetId = '${vnet.id}/subnets/app'
var privateEndpointSubnetId = '${vnet.id}/subnets/private-endpoints'

resource redisDnsZone 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: redisPrivateDnsZoneName
  location: 'global'
}

resource redisDnsZoneLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: redisDnsZone
  name: '${resourceBaseName}-vnet-link'
  location: 'global'
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: vnet.id
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Redis: Azure Managed Redis (Azure Cache for Redis takes no new caches since 1 Oct 2026).
// Non-clustered, so the app's single-node client, BullMQ's multi-key scripts and the store's
// Lua scripts work unchanged; high availability keeps a replica; AOF writes every second.
// ---------------------------------------------------------------------------------------------

resource redis 'Microsoft.Cache/redisEnterprise@2025-07-01' = {
  name: '${resourceBaseName}-redis'
  location: location
  sku: {
    name: redisSku
  }
  properties: {
    minimumTlsVersion: '1.2'
    highAvailability: 'Enabled'
    publicNetworkAccess: 'Disabled'
  }
}

resource redisDatabase 'Microsoft.Cache/redisEnterprise/databases@2025-07-01' = {
  parent: redis
  name: 'default'
  properties: {
    clientProtocol: 'Encrypted'
    port: 10000
    clusteringPolicy: 'NoCluster'
    evictionPolicy: 'NoEviction'
    accessKeysAuthentication: 'Enabled'
    persistence: {
      aofEnabled: true
      aofFrequency: '1s'
      rdbEnabled: false
    }
  }
}

resource redisPrivateEndpoint 'Microsoft.Network/privateEndpoints@2023-11-01' = {
  name: '${resourceBaseName}-redis-pe'
  location: location
  properties: {
    subnet: {
      id: privateEndpointSubnetId
    }
    privateLinkServiceConnections: [
      {
        name: 'redis'
        properties: {
          privateLinkServiceId: redis.id
          groupIds: [
            'redisEnterprise'
          ]
        }
      }
    ]
  }
}

resource redisPrivateDnsZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2023-11-01' = {
  parent: redisPrivateEndpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'redis'
        properties: {
          privateDnsZoneId: redisDnsZone.id
        }
      }
    ]
  }
}

// ---------------------------------------------------------------------------------------------
// Key Vault: RBAC only, soft delete and purge protection. The apps read secrets through Key
// Vault references with the managed identity; no secret value is an app setting.
// ---------------------------------------------------------------------------------------------

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource identityReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource adminWritesSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(keyVaultSecretsOfficerPrincipalId)) {
  name: guid(keyVault.id, keyVaultSecretsOfficerPrincipalId, keyVaultSecretsOfficerRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficerRoleId)
    principalId: keyVaultSecretsOfficerPrincipalId
  }
}

// The Redis URL carries the access key, so it is composed here and kept in the vault. The key is
// URI-encoded: Redis keys end in "=", which a URL's userinfo must not carry as is.
resource redisUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'redis-url'
  properties: {
    contentType: 'rediss URL with the access key'
    value: 'rediss://:${uriComponent(redisAccessKey == 'Primary' ? redisDatabase.listKeys().primaryKey : redisDatabase.listKeys().secondaryKey)}@${redis.properties.hostName}:${redisDatabase.properties.port}'
  }
}

resource graphClientSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(graphClientSecret)) {
  parent: keyVault
  name: 'graph-client-secret'
  properties: {
    contentType: 'client secret of the Graph app registration'
    value: graphClientSecret
  }
}

// data-encryption-key is never written here: the admin creates it once (README-admin.md) and
// rotates it in the vault, so a later provisioning run cannot overwrite a rotated key.

// ---------------------------------------------------------------------------------------------
// Storage: the "config" share, mounted into both apps, holds the unit directory. The mount
// needs the account key; it stays in the site's storage configuration, not in app settings.
// ---------------------------------------------------------------------------------------------

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: true
    publicNetworkAccess: 'Enabled'
  }
}

resource fileService 'Microsoft.Storage/storageAccounts/fileServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    shareDeleteRetentionPolicy: {
      enabled: true
      days: 14
    }
  }
}

resource configShare 'Microsoft.Storage/storageAccounts/fileServices/shares@2023-05-01' = {
  parent: fileService
  name: configShareName
  properties: {
    shareQuota: 1
  }
}

// ---------------------------------------------------------------------------------------------
// App Service: one Linux plan, two apps. The bot serves Teams (stateless, any number of
// instances behind App Service's load balancer); the worker runs the BullMQ effect jobs.
// ---------------------------------------------------------------------------------------------

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
    zoneRedundant: zoneRedundant
  }
}

var storageMounts = {
  config: {
    type: 'AzureFiles'
    protocol: 'Smb'
    accountName: storage.name
    shareName: configShare.name
    mountPath: configMountPath
    accessKey: storage.listKeys().keys[0].value
  }
}

var sharedSiteConfig = {
  linuxFxVersion: linuxFxVersion
  alwaysOn: true
  http20Enabled: true
  minTlsVersion: '1.2'
  scmMinTlsVersion: '1.2'
  ftpsState: 'Disabled'
  vnetRouteAllEnabled: false
  webSocketsEnabled: false
  azureStorageAccounts: storageMounts
}

resource botApp 'Microsoft.Web/sites@2023-12-01' = {
  name: botAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identity.id
    virtualNetworkSubnetId: appSubnetId
    siteConfig: union(sharedSiteConfig, {
      appCommandLine: 'node --enable-source-maps dist/src/main.js'
      healthCheckPath: '/readyz'
    })
  }
}

resource workerApp 'Microsoft.Web/sites@2023-12-01' = {
  name: workerAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identity.id
    virtualNetworkSubnetId: appSubnetId
    siteConfig: union(sharedSiteConfig, {
      appCommandLine: workerStartupCommand
      healthCheckPath: '/readyz'
    })
  }
}

var publicBaseUrl = 'https://${botApp.properties.defaultHostName}'

// Versionless Key Vault references: App Service picks up a new secret version within a day,
// or at once on restart.
var keyVaultRef = {
  redisUrl: '@Microsoft.KeyVault(VaultName=${keyVault.name};SecretName=redis-url)'
  graphClientSecret: '@Microsoft.KeyVault(VaultName=${keyVault.name};SecretName=graph-client-secret)'
  dataEncryptionKey: '@Microsoft.KeyVault(VaultName=${keyVault.name};SecretName=data-encryption-key)'
}

// Every variable the app reads in production (src/config/env.ts), one per line. Not set:
// PORT (App Service sets it), MicrosoftAppPassword (a managed identity has none),
// GRAPH_AUTHORITY, GRAPH_CA_FILE, BOT_OPENID_METADATA_URL and TAB_JWKS_URL (local or tests),
// and variables whose defaults fit App Service (EFFECT_CONCURRENCY, EFFECT_LOCK_MS, EFFECT_ATTEMPTS, OUTBOX_SWEEP_MS, WATCHDOG_MS, REINDEX_MS, STUCK_AFTER_MS, MEETING_PROPOSALS, BOT_SERVICE_URL_HOSTS,
// RATE_LIMIT_*). test/infra/infra.test.ts keeps this list and env.ts in step.
var sharedAppSettings = {
  NODE_ENV: 'production'
  LOG_LEVEL: logLevel
  PUBLIC_BASE_URL: publicBaseUrl
  REDIS_URL: keyVaultRef.redisUrl
  REDIS_KEY_PREFIX: redisKeyPrefix
  MicrosoftAppType: 'UserAssignedMSI'
  BOT_SDK: botSdk
  MicrosoftAppId: identity.properties.clientId
  MicrosoftAppTenantId: identity.properties.tenantId
  DATA_ENCRYPTION_KEY: keyVaultRef.dataEncryptionKey
  GRAPH_BASE_URL: 'https://graph.microsoft.com/v1.0'
  GRAPH_TENANT_ID: tenant().tenantId
  GRAPH_CLIENT_ID: graphClientId
  // The tabs' sign-in: a managed identity (the bot's id) cannot expose an API; an app registration does.
  TAB_SSO_APP_ID: empty(tabSsoAppId) ? graphClientId : tabSsoAppId
  GRAPH_CLIENT_SECRET: keyVaultRef.graphClientSecret
  UNIT_DIRECTORY_FILE: unitDirectoryFile
  FEEDBACK_QUESTIONS_FILE: feedbackQuestionsFile
  YHTEISTYOAIKA_ANCHOR: yhteistyoaikaAnchor
  YHTEISTYOAIKA_LEAD_DAYS: string(yhteistyoaikaLeadDays)
  YHTEISTYOAIKA_BLACKOUTS: yhteistyoaikaBlackouts
  MEETING_ORGANIZER_MAILBOX: meetingOrganizerMailbox
  REMINDER_WORKING_DAYS: string(reminderWorkingDays)
  FEEDBACK_TIME: feedbackTime
  RETENTION_DAYS: string(retentionDays)
  AUDIT_RETENTION_DAYS: string(auditRetentionDays)
  // App Service's front end is the one proxy in front of the app: its X-Forwarded-For names the client.
  TRUST_PROXY_HOPS: '1'
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
}

var appInsightsAgentSettings = enableApplicationInsightsAgent
  ? {
      ApplicationInsightsAgent_EXTENSION_VERSION: '~3'
    }
  : {}

// The bot leaves the effect jobs to the worker app.
var botOnlySettings = {
  EFFECT_WORKER: 'off'
}

var botAppSettings = union(sharedAppSettings, appInsightsAgentSettings, botOnlySettings)

// The worker serves only its probes; App Service routes its health checks to this port.
var workerOnlySettings = {
  WORKER_PORT: '8080'
  WEBSITES_PORT: '8080'
}

var workerAppSettings = union(sharedAppSettings, appInsightsAgentSettings, workerOnlySettings)

resource botAppSettingsConfig 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: botApp
  name: 'appsettings'
  properties: botAppSettings
  dependsOn: [
    identityReadsSecrets
    redisUrlSecret
    graphClientSecretSecret
    redisPrivateDnsZoneGroup
    redisDnsZoneLink
  ]
}

resource workerAppSettingsConfig 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: workerApp
  name: 'appsettings'
  properties: workerAppSettings
  dependsOn: [
    identityReadsSecrets
    redisUrlSecret
    graphClientSecretSecret
    redisPrivateDnsZoneGroup
    redisDnsZoneLink
  ]
}

resource botFtpPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: botApp
  name: 'ftp'
  properties: {
    allow: false
  }
  dependsOn: [
    botAppSettingsConfig
  ]
}

resource botScmPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: botApp
  name: 'scm'
  properties: {
    allow: allowScmBasicAuth
  }
  dependsOn: [
    botFtpPolicy
  ]
}

resource workerFtpPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: workerApp
  name: 'ftp'
  properties: {
    allow: false
  }
  dependsOn: [
    workerAppSettingsConfig
  ]
}

resource workerScmPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: workerApp
  name: 'scm'
  properties: {
    allow: allowScmBasicAuth
  }
  dependsOn: [
    workerFtpPolicy
  ]
}

// stdout (pino JSON), HTTP and platform logs of both apps go to Log Analytics.
var appServiceLogCategories = [
  'AppServiceConsoleLogs'
  'AppServiceHTTPLogs'
  'AppServicePlatformLogs'
]

resource botDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'logs-to-workspace'
  scope: botApp
  properties: {
    workspaceId: logAnalytics.id
    logs: [
      for category in appServiceLogCategories: {
        category: category
        enabled: true
      }
    ]
  }
}

resource workerDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'logs-to-workspace'
  scope: workerApp
  properties: {
    workspaceId: logAnalytics.id
    logs: [
      for category in appServiceLogCategories: {
        category: category
        enabled: true
      }
    ]
  }
}

// ---------------------------------------------------------------------------------------------
// Azure Bot: single tenant, identified by the managed identity, Teams channel on.
// ---------------------------------------------------------------------------------------------

resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botServiceSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: '${publicBaseUrl}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Outputs: the Agents Toolkit writes them, upper-cased, into env/.env.<environment>. No secrets.
// ---------------------------------------------------------------------------------------------

output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output BOT_DOMAIN string = botApp.properties.defaultHostName
output PUBLIC_BASE_URL string = publicBaseUrl
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = botApp.id
output WORKER_AZURE_APP_SERVICE_RESOURCE_ID string = workerApp.id
output AZURE_BOT_NAME string = botService.name
output KEY_VAULT_NAME string = keyVault.name
output CONFIG_STORAGE_ACCOUNT_NAME string = storage.name
output CONFIG_SHARE_NAME string = configShare.name
output REDIS_HOST_NAME string = redis.properties.hostName
